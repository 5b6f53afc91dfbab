// The app side of a Lever connection, for any app: "Sign in with Lever" (authorization code + PKCE,
// reference §4.1), the authenticated client the rest of the app uses (`withLever`), revocation and the
// disconnect skeleton. The app supplies its repository (`ConnectionStore`), scopes, redirect URI and setup job.
//
// Refresh: `createRefreshingAuth` (@hireloop/lever) refreshes proactively (2 min before expiry) and once on a
// 401, one refresh at a time per organization in this process; across processes (PostgreSQL) the row lock
// below serializes them. Two concurrent refreshes with one rotating refresh token would look like token reuse
// to the ATS and revoke the grant. With PGlite (one process) the in-process lock is the whole story, and no
// transaction is held across the HTTP call (the embedded ATS answers from the same database). A refresh that
// fails for good (invalid_grant: revoked, reused, expired) or a 401 that survives it marks the connection
// broken with the reason — shown to the app's admins, never hidden.
import type { Kysely } from 'kysely';
import {
  buildAuthorizeUrl,
  createLeverClient,
  createPkcePair,
  createRefreshingAuth,
  createState,
  exchangeCode,
  LeverApiError,
  needsRefresh,
  OAuthError,
  refreshTokens,
  revokeGrant,
  type LeverClient,
  type TransportOptions,
} from '@hireloop/lever';
import type { Runtime } from '@hireloop/platform';
import { revokeUrlFor } from './endpoints.ts';
import type { ConnectionStore } from './stored-connection.ts';

export class NotConnectedError extends Error {
  constructor(message = 'The organization is not connected to an ATS') {
    super(message);
    this.name = 'NotConnectedError';
  }
}

export interface LeverConnectionOptions<D> {
  /** The app's name: the client's user agent (`hireloop-<app>`) and the refresh key. */
  readonly app: string;
  readonly db: Kysely<D>;
  readonly runtime: Runtime;
  readonly store: ConnectionStore<Kysely<D>>;
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  /** Queued with `{ organizationId }` in the callback's transaction (webhooks, first sync…). */
  readonly setupJob: string;
  /** fetch for the OAuth token and revoke calls (tests inject). */
  readonly fetch: typeof fetch;
  readonly leverTransport: Partial<TransportOptions>;
}

export interface LeverConnection {
  /** The authorize URL plus what the browser session must keep (state, PKCE verifier) until the callback. */
  beginAuthorization(organizationId: string): Promise<{ url: string; state: string; verifier: string }>;
  /** Callback: code → tokens (stored encrypted) and the setup job, in one transaction. */
  completeAuthorization(input: {
    organizationId: string;
    code: string;
    verifier: string;
    userId?: string;
  }): Promise<void>;
  /** A client for the organization: bearer with refresh (OAuth) or the API key (manual mode). */
  leverClientFor(organizationId: string): Promise<LeverClient>;
  /** Runs `fn` with the organization's client; a 401 that survives the refresh marks the connection broken. */
  withLever<T>(organizationId: string, fn: (client: LeverClient) => Promise<T>): Promise<T>;
  /** RFC 7009 revocation of the refresh and access tokens; best effort, returns what went wrong if anything. */
  revokeTokens(organizationId: string): Promise<string | undefined>;
}

export function createLeverConnection<D>(o: LeverConnectionOptions<D>): LeverConnection {
  const { store } = o;
  const pglite = o.runtime.database.pglite;

  async function refreshStored(organizationId: string, stale: string | undefined): Promise<string> {
    const doRefresh = async (db: Kysely<D>) => {
      const c = await store.find(db, organizationId, { forUpdate: !pglite });
      if (!c?.tokenUrl || !c.clientId) throw new NotConnectedError();
      const { secrets } = c;
      // Another process refreshed while we waited for the lock: use theirs.
      if (
        secrets.accessToken &&
        secrets.accessToken !== stale &&
        !needsRefresh({ expiresAt: c.tokenExpiresAt?.getTime() })
      )
        return secrets.accessToken;
      if (!secrets.refreshToken) throw new NotConnectedError('The ATS gave no refresh token; connect again');
      const tokens = await refreshTokens({
        tokenUrl: c.tokenUrl,
        clientId: c.clientId,
        clientSecret: secrets.clientSecret,
        refreshToken: secrets.refreshToken,
        fetch: o.fetch,
      });
      await store.saveTokens(db, organizationId, tokens);
      return tokens.accessToken;
    };
    try {
      return pglite ? await doRefresh(o.db) : await o.db.transaction().execute(doRefresh);
    } catch (error) {
      if (error instanceof OAuthError && error.status >= 400 && error.status < 500) {
        const detail = error.message && error.message !== error.error ? `: ${error.message}` : '';
        await store.markBroken(
          o.db,
          organizationId,
          `Refreshing the access token failed (${error.error}${detail}). Connect again.`,
        );
      }
      throw error;
    }
  }

  async function leverClientFor(organizationId: string): Promise<LeverClient> {
    const c = await store.find(o.db, organizationId);
    if (!c) throw new NotConnectedError();
    const base = { baseUrl: c.apiBaseUrl, userAgent: `hireloop-${o.app}`, ...o.leverTransport };
    if (c.mode === 'manual') {
      if (!c.secrets.apiKey) throw new NotConnectedError();
      return createLeverClient({ ...base, auth: { type: 'apiKey', apiKey: c.secrets.apiKey } });
    }
    if (!c.hasAccessToken) throw new NotConnectedError();
    return createLeverClient({
      ...base,
      auth: createRefreshingAuth({
        key: `${o.app}:${organizationId}`,
        async load() {
          const latest = await store.find(o.db, organizationId);
          if (!latest?.hasAccessToken) throw new NotConnectedError();
          return { accessToken: latest.secrets.accessToken, expiresAt: latest.tokenExpiresAt?.getTime() };
        },
        refresh: (stale) => refreshStored(organizationId, stale),
      }),
    });
  }

  return {
    async beginAuthorization(organizationId) {
      const c = await store.find(o.db, organizationId);
      if (!c || c.mode !== 'oauth' || !c.authorizeUrl || !c.clientId)
        throw new NotConnectedError('Choose the ATS and OAuth client first');
      const pkce = createPkcePair();
      const state = createState();
      const url = buildAuthorizeUrl({
        authorizeUrl: c.authorizeUrl,
        clientId: c.clientId,
        redirectUri: o.redirectUri,
        state,
        scopes: [...o.scopes],
        audience: c.audience || undefined,
        prompt: 'consent',
        codeChallenge: pkce.challenge,
      });
      return { url, state, verifier: pkce.verifier };
    },

    async completeAuthorization(input) {
      const c = await store.find(o.db, input.organizationId);
      if (!c?.tokenUrl || !c.clientId) throw new NotConnectedError();
      const tokens = await exchangeCode({
        tokenUrl: c.tokenUrl,
        clientId: c.clientId,
        clientSecret: c.secrets.clientSecret,
        code: input.code,
        redirectUri: o.redirectUri,
        codeVerifier: input.verifier,
        fetch: o.fetch,
      });
      await o.db.transaction().execute(async (trx) => {
        await store.saveTokens(trx, input.organizationId, tokens, { by: input.userId });
        await o.runtime.queue.enqueue(trx as unknown as Kysely<unknown>, o.setupJob, {
          organizationId: input.organizationId,
        });
      });
    },

    leverClientFor,

    async withLever(organizationId, fn) {
      const client = await leverClientFor(organizationId);
      try {
        return await fn(client);
      } catch (error) {
        if (error instanceof LeverApiError && error.status === 401)
          await store.markBroken(
            o.db,
            organizationId,
            `The ATS rejected our credentials (${error.message}). Connect again.`,
          );
        throw error;
      }
    },

    async revokeTokens(organizationId) {
      const c = await store.find(o.db, organizationId);
      if (!c || c.mode !== 'oauth' || !c.clientId || !c.tokenUrl) return undefined;
      return revokeGrant({
        revokeUrl: c.revokeUrl ?? revokeUrlFor(c.tokenUrl),
        clientId: c.clientId,
        clientSecret: c.secrets.clientSecret,
        refreshToken: c.secrets.refreshToken,
        accessToken: c.secrets.accessToken,
        fetch: o.fetch,
      });
    },
  };
}

/**
 * The service bound to an app's context type: one `LeverConnection` per context (made on first use), and
 * functions that take the context first, as the rest of each app's code expects.
 */
export function bindLeverConnection<C extends object, D>(options: (ctx: C) => LeverConnectionOptions<D>) {
  const connections = new WeakMap<C, LeverConnection>();
  const of = (ctx: C): LeverConnection => {
    let c = connections.get(ctx);
    if (!c) {
      c = createLeverConnection(options(ctx));
      connections.set(ctx, c);
    }
    return c;
  };
  return {
    beginAuthorization: (ctx: C, organizationId: string) => of(ctx).beginAuthorization(organizationId),
    completeAuthorization: (ctx: C, input: Parameters<LeverConnection['completeAuthorization']>[0]) =>
      of(ctx).completeAuthorization(input),
    leverClientFor: (ctx: C, organizationId: string) => of(ctx).leverClientFor(organizationId),
    withLever: <T>(ctx: C, organizationId: string, fn: (client: LeverClient) => Promise<T>) =>
      of(ctx).withLever(organizationId, fn),
    revokeTokens: (ctx: C, organizationId: string) => of(ctx).revokeTokens(organizationId),
  };
}

/**
 * Disconnect: delete the app's webhooks in the ATS, revoke the tokens, then delete the organization's rows
 * of `tables` (in the app's schema, in this order — children first) in one transaction. Remote failures are
 * reported, never block: a person who disconnects must end up disconnected.
 */
export async function disconnectOrganization(
  input: {
    readonly db: object;
    readonly schema: string;
    readonly tables: readonly string[];
    deleteAppWebhooks(): Promise<string[]>;
    revokeTokens(): Promise<string | undefined>;
  },
  organizationId: string,
): Promise<{ problems: string[] }> {
  const problems = await input.deleteAppWebhooks();
  const revokeProblem = await input.revokeTokens();
  if (revokeProblem) problems.push(revokeProblem);
  const db = input.db as Kysely<Record<string, { organization_id: string }>>;
  await db.transaction().execute(async (trx) => {
    for (const table of input.tables)
      await trx
        .withSchema(input.schema)
        .deleteFrom(table)
        .where('organization_id', '=', organizationId)
        .execute();
  });
  return { problems };
}
