// "Sign in with Lever" (authorization code + PKCE, reference §4.1) and the authenticated Lever client the
// rest of the app uses: the shared connection service (@hireloop/app-kit/connection/lever-connection —
// proactive and on-401 refresh one at a time, the rotated refresh token stored at once under a row lock, a
// refresh that fails for good or a surviving 401 marks the connection broken with the reason, shown to the
// admin) over `referrals.ats_connection`. What is the app's own: its scopes, callback URL and setup job.
import type { LeverClient } from '@hireloop/lever';
import {
  createLeverConnection,
  NotConnectedError,
  type LeverConnection,
} from '@hireloop/app-kit/connection/lever-connection';
import type { ReferralsContext } from '../../context.ts';
import { REQUESTED_SCOPES } from './scopes.ts';
import { connectionStore } from './connection.repository.ts';

export { NotConnectedError };

export const SETUP_CONNECTION_JOB = 'referrals.setup-connection';

export const oauthRedirectUri = (ctx: ReferralsContext) =>
  `${ctx.publicUrl}/referrals/integrations/lever/callback`;

const connections = new WeakMap<ReferralsContext, LeverConnection>();

function connection(ctx: ReferralsContext): LeverConnection {
  let c = connections.get(ctx);
  if (!c) {
    c = createLeverConnection({
      app: 'referrals',
      db: ctx.db,
      runtime: ctx.runtime,
      store: connectionStore(() => ctx.cipher()),
      scopes: REQUESTED_SCOPES,
      redirectUri: oauthRedirectUri(ctx),
      setupJob: SETUP_CONNECTION_JOB,
      fetch: ctx.fetch,
      leverTransport: ctx.leverTransport,
    });
    connections.set(ctx, c);
  }
  return c;
}

/** The authorize URL plus what the browser session must keep (state, PKCE verifier) until the callback. */
export const beginAuthorization = (ctx: ReferralsContext, organizationId: string) =>
  connection(ctx).beginAuthorization(organizationId);

/** Callback: trade the code for tokens, store them encrypted, and queue the first setup (stages, webhooks, jobs). */
export const completeAuthorization = (
  ctx: ReferralsContext,
  input: { organizationId: string; userId: string; code: string; verifier: string },
): Promise<void> => connection(ctx).completeAuthorization(input);

/** A Lever client for the organization's connection (bearer auth with automatic refresh). */
export const leverClientFor = (ctx: ReferralsContext, organizationId: string): Promise<LeverClient> =>
  connection(ctx).leverClientFor(organizationId);

/**
 * Runs `fn` with the organization's client. A 401 that survives the refresh marks the connection broken
 * (the admin sees why); other failures are left to the caller (jobs retry them).
 */
export const withLever = <T>(
  ctx: ReferralsContext,
  organizationId: string,
  fn: (client: LeverClient) => Promise<T>,
): Promise<T> => connection(ctx).withLever(organizationId, fn);

/** RFC 7009 revocation of the refresh and access tokens; best effort, returns what went wrong if anything. */
export const revokeTokens = (ctx: ReferralsContext, organizationId: string): Promise<string | undefined> =>
  connection(ctx).revokeTokens(organizationId);
