// "Sign in with Lever" (authorization code + PKCE) or manual mode (API key), and the Lever client the rest
// of the app uses (`withLever`). Refresh logic is the shared `createRefreshingAuth` (@hireloop/lever); the
// rotated refresh token is stored at once, under a row lock on PostgreSQL so two processes never refresh
// with the same token. A refresh that fails for good marks the connection broken, shown to people ops.
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
} from '@hireloop/lever';
import type { OnboardingContext } from '../../context.ts';
import { untyped, type OnboardingKysely } from '../../db.ts';
import { findConnectionRow, markBroken, readSecrets, saveTokens } from './connection.repository.ts';
import { REQUESTED_SCOPES } from './scopes.ts';

export const SETUP_CONNECTION_JOB = 'onboarding.setup-connection';

export class NotConnectedError extends Error {
  constructor(message = 'The organization is not connected to an ATS') {
    super(message);
    this.name = 'NotConnectedError';
  }
}

export const oauthRedirectUri = (ctx: OnboardingContext) => `${ctx.publicUrl}/onboarding/connect/callback`;

export async function beginAuthorization(
  ctx: OnboardingContext,
  organizationId: string,
): Promise<{ url: string; state: string; verifier: string }> {
  const row = await findConnectionRow(ctx.db, organizationId);
  if (!row || row.mode !== 'oauth' || !row.authorize_url || !row.client_id)
    throw new NotConnectedError('Choose the ATS and OAuth client first');
  const pkce = createPkcePair();
  const state = createState();
  const url = buildAuthorizeUrl({
    authorizeUrl: row.authorize_url,
    clientId: row.client_id,
    redirectUri: oauthRedirectUri(ctx),
    state,
    scopes: REQUESTED_SCOPES,
    audience: row.audience || undefined,
    prompt: 'consent',
    codeChallenge: pkce.challenge,
  });
  return { url, state, verifier: pkce.verifier };
}

/** Callback: code → tokens (stored encrypted) and the setup job (the app's webhooks) in one transaction. */
export async function completeAuthorization(
  ctx: OnboardingContext,
  input: { organizationId: string; code: string; verifier: string },
): Promise<void> {
  const row = await findConnectionRow(ctx.db, input.organizationId);
  if (!row || !row.token_url || !row.client_id) throw new NotConnectedError();
  const cipher = await ctx.cipher();
  const tokens = await exchangeCode({
    tokenUrl: row.token_url,
    clientId: row.client_id,
    clientSecret: readSecrets(row, cipher).clientSecret,
    code: input.code,
    redirectUri: oauthRedirectUri(ctx),
    codeVerifier: input.verifier,
    fetch: ctx.fetch,
  });
  await ctx.db.transaction().execute(async (trx) => {
    await saveTokens(trx, cipher, input.organizationId, tokens, true);
    await ctx.runtime.queue.enqueue(untyped(trx), SETUP_CONNECTION_JOB, {
      organizationId: input.organizationId,
    });
  });
}

async function refreshStored(ctx: OnboardingContext, organizationId: string, stale: string | undefined) {
  const cipher = await ctx.cipher();
  const doRefresh = async (db: OnboardingKysely) => {
    const row = await findConnectionRow(db, organizationId, !ctx.runtime.database.pglite);
    if (!row?.token_url || !row.client_id) throw new NotConnectedError();
    const secrets = readSecrets(row, cipher);
    // Another process refreshed while we waited for the lock: use theirs.
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
    // No transaction is held across the HTTP call on PGlite (the embedded ATS answers from the same database).
    return ctx.runtime.database.pglite
      ? await doRefresh(ctx.db)
      : await ctx.db.transaction().execute(doRefresh);
  } catch (error) {
    if (error instanceof OAuthError && error.status >= 400 && error.status < 500)
      await markBroken(
        ctx.db,
        organizationId,
        `Refreshing the access token failed (${error.error}). Connect again.`,
      );
    throw error;
  }
}

/** A Lever client for the organization: bearer with refresh (OAuth) or the API key (manual). */
export async function leverClientFor(ctx: OnboardingContext, organizationId: string): Promise<LeverClient> {
  const row = await findConnectionRow(ctx.db, organizationId);
  if (!row || row.status === 'pending') throw new NotConnectedError();
  const cipher = await ctx.cipher();
  const base = { baseUrl: row.api_base_url, userAgent: 'hireloop-onboarding', ...ctx.leverTransport };
  if (row.mode === 'manual') {
    const { apiKey } = readSecrets(row, cipher);
    if (!apiKey) throw new NotConnectedError();
    return createLeverClient({ ...base, auth: { type: 'apiKey', apiKey } });
  }
  return createLeverClient({
    ...base,
    auth: createRefreshingAuth({
      key: `onboarding:${organizationId}`,
      async load() {
        const latest = await findConnectionRow(ctx.db, organizationId);
        if (!latest?.access_token_enc) throw new NotConnectedError();
        return {
          accessToken: readSecrets(latest, cipher).accessToken,
          expiresAt: latest.token_expires_at?.getTime(),
        };
      },
      refresh: (stale) => refreshStored(ctx, organizationId, stale),
    }),
  });
}

/** Runs `fn` with the organization's client; a 401 that survives the refresh marks the connection broken. */
export async function withLever<T>(
  ctx: OnboardingContext,
  organizationId: string,
  fn: (client: LeverClient) => Promise<T>,
): Promise<T> {
  const client = await leverClientFor(ctx, organizationId);
  try {
    return await fn(client);
  } catch (error) {
    if (error instanceof LeverApiError && error.status === 401)
      await markBroken(
        ctx.db,
        organizationId,
        `The ATS rejected our credentials (${error.message}). Connect again.`,
      );
    throw error;
  }
}

export async function revokeTokens(
  ctx: OnboardingContext,
  organizationId: string,
): Promise<string | undefined> {
  const row = await findConnectionRow(ctx.db, organizationId);
  if (!row || row.mode !== 'oauth' || !row.client_id || !row.token_url) return undefined;
  const secrets = readSecrets(row, await ctx.cipher());
  return revokeGrant({
    revokeUrl: row.revoke_url ?? row.token_url.replace(/\/token$/, '/revoke'),
    clientId: row.client_id,
    clientSecret: secrets.clientSecret,
    refreshToken: secrets.refreshToken,
    accessToken: secrets.accessToken,
    fetch: ctx.fetch,
  });
}
