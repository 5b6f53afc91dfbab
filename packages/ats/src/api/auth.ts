// Authentication, rate limiting and permission checks for /v1, in one onRequest hook (before the body is
// read, so an unauthenticated upload is refused without being parsed):
//   1. credentials → Principal (API key by HTTP Basic, key as username, any password — reference §1.2;
//      OAuth bearer tokens through `bearer` resolvers registered by the OAuth module);
//   2. token bucket per credential → 429 with Retry-After;
//   3. the route's `config.permission` → 403 naming the missing permission or scope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { scopeForPermission, missingScopes } from '@hireloop/lever/scopes';
import { parsePermission, type PermissionKey } from '@hireloop/lever/permissions';
import type { AtsKysely } from '../db.ts';
import { findApiKeyBySecret } from '../domain/api-keys/api-key.service.ts';
import { touchApiKey, type ApiKeyRow } from '../domain/api-keys/api-key.repository.ts';
import type { Principal } from './principal.ts';
import type { RateLimitDecision, RateLimiter } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The API-key permission (and, through it, the OAuth scope) this route needs. */
    permission?: PermissionKey;
    /** Served without credentials (the OpenAPI document and the docs page); no rate-limit bucket either. */
    public?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** Resolves a bearer token to a principal (OAuth); returns undefined when the token is not its kind. */
export type BearerResolver = (token: string) => Promise<Principal | undefined>;

export interface ApiAuthOptions {
  readonly db: AtsKysely;
  readonly rateLimiter: RateLimiter;
  readonly bearerResolvers: readonly BearerResolver[];
  /** How long a verified key stays cached in this process (revocation takes effect within this time). */
  readonly keyCacheMs?: number;
}

const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export function apiKeyPrincipal(key: ApiKeyRow): Principal {
  const granted = new Set(key.permissions);
  return {
    kind: 'api_key',
    credentialId: key.id,
    accountId: key.account_id,
    userId: undefined,
    confidential: key.confidential_access,
    limitedToUserId: undefined,
    grants: key.permissions,
    allows: (permission) =>
      granted.has(permission)
        ? { ok: true }
        : { ok: false, code: 'MissingPermissionError', missing: permission },
  };
}

/** A principal holding OAuth scopes (used by the OAuth module and tests). */
export function scopedPrincipal(
  base: Omit<Principal, 'allows' | 'kind'>,
  scopes: readonly string[],
): Principal {
  return {
    ...base,
    kind: 'oauth',
    grants: scopes,
    allows: (permission) => {
      const parsed = parsePermission(permission);
      const needed = parsed ? scopeForPermission(parsed) : permission;
      const missing = missingScopes(scopes, needed);
      return missing.length === 0
        ? { ok: true }
        : { ok: false, code: 'MissingScopeError', missing: missing[0] ?? needed };
    },
  };
}

const invalidKey = (): AppError => unauthorized('The API key is not valid (it may have been revoked)');

function unauthorized(message: string): AppError {
  return new AppError(Errors.Unauthorized, message, {
    headers: { 'www-authenticate': 'Basic realm="Hireloop API"' },
  });
}

export function installApiAuth(app: Http, options: ApiAuthOptions): void {
  const cacheMs = options.keyCacheMs ?? 5_000;
  // Keyed by the whole Authorization header value: a repeat caller is found without decoding it.
  const keyCache = new Map<string, { principal: Principal | undefined; until: number }>();
  const lastWritten = new Map<string, number>();

  /** The principal of a Basic header seen in the last `cacheMs` (undefined = not cached, look it up). */
  function cachedKeyPrincipal(header: string, now: number): { principal: Principal | undefined } | undefined {
    const cached = keyCache.get(header);
    return cached && cached.until > now ? cached : undefined;
  }

  async function principalForKey(
    header: string,
    secret: string,
    request: FastifyRequest,
  ): Promise<Principal | undefined> {
    const now = Date.now();
    const key = await findApiKeyBySecret(options.db, secret);
    const principal = key ? apiKeyPrincipal(key) : undefined;
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(header, { principal, until: now + cacheMs });
    if (key && now - (lastWritten.get(key.id) ?? 0) > LAST_USED_WRITE_INTERVAL_MS) {
      lastWritten.set(key.id, now);
      touchApiKey(options.db, key.id, new Date(now)).catch((err: unknown) =>
        request.log.warn({ err }, 'could not record key use'),
      );
    }
    return principal;
  }

  async function authenticate(request: FastifyRequest, header: string | undefined): Promise<Principal> {
    if (!header)
      throw unauthorized(
        'Authentication is required: HTTP Basic with an API key as the username, or an OAuth bearer token',
      );
    const [scheme = '', value = ''] = header.split(/\s+/, 2);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const secret = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
      const principal = secret ? await principalForKey(header, secret, request) : undefined;
      if (!principal) throw invalidKey();
      return principal;
    }
    if (scheme.toLowerCase() === 'bearer' && value) {
      for (const resolve of options.bearerResolvers) {
        const principal = await resolve(value);
        if (principal) return principal;
      }
      throw unauthorized('The access token is not valid, has expired or was revoked');
    }
    throw unauthorized('Unsupported authorization scheme; use Basic (API key) or Bearer (OAuth)');
  }

  /** Rate budget, then the route's permission; throws the 429/403. */
  function admit(
    reply: FastifyReply,
    principal: Principal,
    decision: RateLimitDecision,
    permission: PermissionKey | undefined,
  ): void {
    if (!decision.allowed) {
      void reply.header('retry-after', String(decision.retryAfterSeconds));
      throw new AppError(
        Errors.TooManyRequests,
        `Rate limit exceeded; retry after ${decision.retryAfterSeconds} s`,
      );
    }
    if (!permission) return;
    const verdict = principal.allows(permission);
    if (!verdict.ok) {
      const what = verdict.code === 'MissingScopeError' ? 'scope' : 'permission';
      throw new AppError(
        verdict.code === 'MissingScopeError' ? Errors.MissingScope : Errors.MissingPermission,
        `This ${principal.kind === 'api_key' ? 'API key' : 'access token'} lacks the ${what} ${verdict.missing}`,
        { details: { [what]: verdict.missing } },
      );
    }
  }

  /**
   * Sets the principal, takes from its bucket and checks the route's permission (throws the 429/403):
   * synchronously when the rate limiter decides alone, otherwise the returned promise settles it.
   */
  function admitPrincipal(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    permission: PermissionKey | undefined,
  ): Promise<void> | undefined {
    request.principal = principal;
    const decision = options.rateLimiter.take(bucketKey(principal));
    if (decision instanceof Promise) return decision.then((d) => admit(reply, principal, d, permission));
    admit(reply, principal, decision, permission);
    return undefined;
  }

  // Callback-style with a synchronous path: a cached API key whose bucket has tokens in this process needs no
  // promise at all — on a request that does no other work, the awaits cost a fifth of its time (P1,
  // BENCHMARKS.md). Everything else (first sight of a key, OAuth, a lease of the shared budget) goes async.
  app.addHook('onRequest', (request, reply, done) => {
    // `routeOptions` is a getter that builds a new object on every read: read it once.
    const { config } = request.routeOptions;
    if (config.public) return done();
    const header = request.headers.authorization;
    const cached = header === undefined ? undefined : cachedKeyPrincipal(header, Date.now());
    if (cached && !cached.principal) return done(invalidKey());
    const pending = cached?.principal
      ? admitPrincipal(request, reply, cached.principal, config.permission)
      : authenticate(request, header).then((p) => admitPrincipal(request, reply, p, config.permission));
    if (pending) pending.then(() => done(), done);
    else done();
  });
}

const bucketKey = (principal: Principal): string => `${principal.kind}:${principal.credentialId}`;
