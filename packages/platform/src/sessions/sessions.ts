// Browser sessions and CSRF for a product's pages (ATS, referrals, careers, onboarding — each with its own
// cookie, path and session scope). Libraries: @fastify/cookie, @fastify/session (signed session id cookie;
// data server-side in platform.session) and @fastify/csrf-protection (a per-session secret; the token goes in
// the `_csrf` form field or the `x-csrf-token` header that the HTML kit's layout sets for htmx).
import type { FastifyInstance, FastifyReply, FastifyRequest, Session } from 'fastify';
import type { Kysely } from 'kysely';
import { getOrCreateSecret } from '../secrets.ts';
import { createSessionStore } from './session-store.ts';

declare module 'fastify' {
  interface Session {
    /** The signed-in user of this product (undefined when signed out). */
    userId?: string;
    /** Where to go after sign-in. */
    returnTo?: string;
    /** One-shot message shown on the next page. */
    flash?: { kind: 'success' | 'error' | 'info'; message: string };
  }
}

export interface SessionOptions {
  readonly db: Kysely<unknown>;
  /** Session scope and cookie name suffix, e.g. `ats`. */
  readonly scope: string;
  /** Cookie path, e.g. `/` (the ATS serves /ats, /oauth and /jobs) or `/referrals`. */
  readonly cookiePath: string;
  /** Configured secret (SESSION_SECRET); a generated one from platform.app_secret otherwise. */
  readonly secret?: string;
  readonly maxAgeMs?: number;
}

export const DEFAULT_SESSION_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** Registers sessions and CSRF protection on an encapsulated scope (call inside the product's plugin). */
export async function registerSessions(scope: FastifyInstance, options: SessionOptions): Promise<void> {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_SESSION_MAX_AGE_MS;
  const secret = options.secret ?? (await getOrCreateSecret(options.db, `session:${options.scope}`));
  if (!scope.hasDecorator('parseCookie')) await scope.register(import('@fastify/cookie'));
  await scope.register(import('@fastify/session'), {
    secret,
    cookieName: `hl_${options.scope}`,
    cookie: { path: options.cookiePath, httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: maxAgeMs },
    store: createSessionStore(options.db, options.scope, maxAgeMs),
    saveUninitialized: false,
    rolling: false,
  });
  await scope.register(import('@fastify/csrf-protection'), {
    sessionPlugin: '@fastify/session',
    getToken: (req: FastifyRequest) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      const header = req.headers['x-csrf-token'];
      return fromBody ?? (typeof header === 'string' ? header : undefined);
    },
  });
}

/** preHandler: unsafe methods need the session's CSRF token (403 CsrfError otherwise); safe ones pass. */
export function verifyCsrf(scope: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    scope.csrfProtection(request, reply, done);
  };
}

/** Starts a fresh session for a user (new session id: no fixation). */
export async function signIn(request: FastifyRequest, userId: string): Promise<void> {
  const returnTo = request.session.returnTo;
  await request.session.regenerate();
  request.session.userId = userId;
  if (returnTo) request.session.returnTo = returnTo;
}

export async function signOut(request: FastifyRequest): Promise<void> {
  await request.session.destroy();
}

/** Reads and clears the one-shot flash message. */
export function takeFlash(request: FastifyRequest): Session['flash'] {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
}
