// "Sign in with Lever" (authorization code + PKCE, reference §4.1) and the authenticated Lever client the
// rest of the app uses. Access tokens are refreshed proactively (2 min before expiry) and once on a 401;
// the rotated refresh token is stored at once. A refresh that fails for good (invalid_grant: revoked,
// reused, expired) marks the connection broken with the reason — shown to the admin, never hidden.
import {
  buildAuthorizeUrl,
  createLeverClient,
  createPkcePair,
  createState,
  exchangeCode,
  LeverApiError,
  needsRefresh,
  OAuthError,
  refreshTokens,
  type LeverClient,
} from '@hireloop/lever';
import type { ReferralsContext } from '../../context.ts';
import { untyped, type ReferralsKysely } from '../../db.ts';
import { REQUESTED_SCOPES } from './scopes.ts';
import {
  findConnectionRow,
  markConnection,
  readSecrets,
  saveTokens,
  toConnection,
} from './connection.repository.ts';

export const SETUP_CONNECTION_JOB = 'referrals.setup-connection';

export class NotConnectedError extends Error {
  constructor(message = 'The organization is not connected to an ATS') {
    super(message);
    this.name = 'NotConnectedError';
  }
}

export const oauthRedirectUri = (ctx: ReferralsContext) =>
  `${ctx.publicUrl}/referrals/integrations/lever/callback`;

/** The authorize URL plus what the browser session must keep (state, PKCE verifier) until the callback. */
export async function beginAuthorization(
  ctx: ReferralsContext,
  organizationId: string,
): Promise<{ url: string; state: string; verifier: string }> {
  const row = await findConnectionRow(ctx.db, organizationId);
  if (!row) throw new NotConnectedError('Choose the ATS and OAuth client first');
  const c = toConnection(row);
  const pkce = createPkcePair();
  const state = createState();
  const url = buildAuthorizeUrl({
    authorizeUrl: c.endpoints.authorizeUrl,
    clientId: c.clientId,
    redirectUri: oauthRedirectUri(ctx),
    state,
    scopes: REQUESTED_SCOPES,
    audience: c.endpoints.audience || undefined,
    prompt: 'consent',
    codeChallenge: pkce.challenge,
  });
  return { url, state, verifier: pkce.verifier };
}

/** Callback: trade the code for tokens, store them encrypted, and queue the first setup (stages, webhooks, jobs). */
export async function completeAuthorization(
  ctx: ReferralsContext,
  input: { organizationId: string; userId: string; code: string; verifier: string },
): Promise<void> {
  const row = await findConnectionRow(ctx.db, input.organizationId);
  if (!row) throw new NotConnectedError();
  const cipher = await ctx.cipher();
  const { clientSecret } = readSecrets(row, cipher);
  const tokens = await exchangeCode({
    tokenUrl: row.token_url,
    clientId: row.client_id,
    clientSecret,
    code: input.code,
    redirectUri: oauthRedirectUri(ctx),
    codeVerifier: input.verifier,
    fetch: ctx.fetch,
  });
  await ctx.db.transaction().execute(async (trx) => {
    await saveTokens(trx, cipher, input.organizationId, tokens, { connectedBy: input.userId });
    await ctx.runtime.queue.enqueue(untyped(trx), SETUP_CONNECTION_JOB, {
      organizationId: input.organizationId,
    });
  });
}

// One refresh at a time per organization in this process; across processes (PostgreSQL) the row lock
// below serializes them. Two concurrent refreshes with one rotating refresh token would look like token
// reuse to the ATS and revoke the grant. With PGlite (one process) the in-process lock is the whole story,
// and no transaction is held across the HTTP call (the embedded ATS answers from the same database).
const refreshing = new Map<string, Promise<string>>();

async function refreshAccessToken(
  ctx: ReferralsContext,
  organizationId: string,
  stale: string | undefined,
): Promise<string> {
  const pending = refreshing.get(organizationId);
  if (pending) return pending;
  const run = (async () => {
    const cipher = await ctx.cipher();
    const doRefresh = async (db: ReferralsKysely) => {
      const row = await findConnectionRow(db, organizationId, { forUpdate: !ctx.runtime.database.pglite });
      if (!row) throw new NotConnectedError();
      const secrets = readSecrets(row, cipher);
      // Someone else refreshed while we waited for the lock: use theirs.
      if (
        secrets.accessToken &&
        secrets.accessToken !== stale &&
        !needsRefresh({ expiresAt: row.token_expires_at?.getTime() })
      )
        return secrets.accessToken;
      if (!secrets.refreshToken) throw new NotConnectedError('The ATS gave no refresh token; connect again');
      const tokens = await refreshTokens({
        tokenUrl: row.token_url,
        clientId: row.client_id,
        clientSecret: secrets.clientSecret,
        refreshToken: secrets.refreshToken,
        fetch: ctx.fetch,
      });
      await saveTokens(db, cipher, organizationId, tokens);
      return tokens.accessToken;
    };
    try {
      return ctx.runtime.database.pglite
        ? await doRefresh(ctx.db)
        : await ctx.db.transaction().execute(doRefresh);
    } catch (error) {
      if (error instanceof OAuthError && error.status >= 400 && error.status < 500) {
        await markConnection(ctx.db, organizationId, {
          status: 'broken',
          lastError: `Refreshing the access token failed (${error.error}${error.message && error.message !== error.error ? `: ${error.message}` : ''}). Connect again.`,
        });
      }
      throw error;
    }
  })();
  refreshing.set(organizationId, run);
  try {
    return await run;
  } finally {
    refreshing.delete(organizationId);
  }
}

/** A Lever client for the organization's connection (bearer auth with automatic refresh). */
export async function leverClientFor(ctx: ReferralsContext, organizationId: string): Promise<LeverClient> {
  const row = await findConnectionRow(ctx.db, organizationId);
  if (!row || !row.access_token_enc) throw new NotConnectedError();
  const cipher = await ctx.cipher();
  let current: string | undefined;
  return createLeverClient({
    baseUrl: row.api_base_url,
    userAgent: 'hireloop-referrals',
    ...ctx.leverTransport,
    auth: {
      type: 'bearer',
      async getAccessToken() {
        const latest = await findConnectionRow(ctx.db, organizationId);
        if (!latest?.access_token_enc) throw new NotConnectedError();
        current = readSecrets(latest, cipher).accessToken;
        if (needsRefresh({ expiresAt: latest.token_expires_at?.getTime() }))
          current = await refreshAccessToken(ctx, organizationId, current);
        return current!;
      },
      refreshAccessToken: async () => (current = await refreshAccessToken(ctx, organizationId, current)),
    },
  });
}

/**
 * Runs `fn` with the organization's client. A 401 that survives the refresh marks the connection broken
 * (the admin sees why); other failures are left to the caller (jobs retry them).
 */
export async function withLever<T>(
  ctx: ReferralsContext,
  organizationId: string,
  fn: (client: LeverClient) => Promise<T>,
): Promise<T> {
  const client = await leverClientFor(ctx, organizationId);
  try {
    return await fn(client);
  } catch (error) {
    if (error instanceof LeverApiError && error.status === 401) {
      await markConnection(ctx.db, organizationId, {
        status: 'broken',
        lastError: `The ATS rejected the access token (${error.message}). Connect again.`,
      });
    }
    throw error;
  }
}

/** RFC 7009 revocation of the refresh and access tokens; best effort, returns what went wrong if anything. */
export async function revokeTokens(
  ctx: ReferralsContext,
  organizationId: string,
): Promise<string | undefined> {
  const row = await findConnectionRow(ctx.db, organizationId);
  if (!row) return undefined;
  const secrets = readSecrets(row, await ctx.cipher());
  const problems: string[] = [];
  for (const [token, hint] of [
    [secrets.refreshToken, 'refresh_token'],
    [secrets.accessToken, 'access_token'],
  ] as const) {
    if (!token) continue;
    const form = new URLSearchParams({ token, token_type_hint: hint, client_id: row.client_id });
    if (secrets.clientSecret) form.set('client_secret', secrets.clientSecret);
    try {
      const res = await ctx.fetch(toConnection(row).endpoints.revokeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(15_000),
      });
      await res.body?.cancel();
      if (!res.ok) problems.push(`revoking the ${hint.replace('_', ' ')} returned ${res.status}`);
    } catch (error) {
      problems.push(`revoking the ${hint.replace('_', ' ')} failed: ${(error as Error).message}`);
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}
