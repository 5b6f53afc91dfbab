// "Sign in with Lever" (authorization code + PKCE, reference §4.1) and the authenticated Lever client the
// rest of the app uses: the shared connection service (@hireloop/app-kit/connection/lever-connection —
// proactive and on-401 refresh one at a time, the rotated refresh token stored at once under a row lock, a
// refresh that fails for good or a surviving 401 marks the connection broken with the reason, shown to the
// admin) over `referrals.ats_connection`. What is the app's own: its scopes, callback URL and setup job.
//
// beginAuthorization(ctx, org) → {url, state, verifier}; completeAuthorization(ctx, {organizationId, userId,
// code, verifier}) stores the tokens and queues the setup (stages, webhooks, jobs); leverClientFor(ctx, org);
// withLever(ctx, org, fn) — a 401 that survives the refresh marks the connection broken, other failures are
// left to the caller (jobs retry them); revokeTokens(ctx, org) (RFC 7009, best effort).
import { bindLeverConnection, NotConnectedError } from '@hireloop/app-kit/connection/lever-connection';
import type { ReferralsContext } from '../../context.ts';
import { REQUESTED_SCOPES } from './scopes.ts';
import { connectionStore } from './connection.repository.ts';

export { NotConnectedError };

export const SETUP_CONNECTION_JOB = 'referrals.setup-connection';

export const oauthRedirectUri = (ctx: ReferralsContext) =>
  `${ctx.publicUrl}/referrals/integrations/lever/callback`;

export const { beginAuthorization, completeAuthorization, leverClientFor, withLever, revokeTokens } =
  bindLeverConnection((ctx: ReferralsContext) => ({
    app: 'referrals',
    db: ctx.db,
    runtime: ctx.runtime,
    store: connectionStore(() => ctx.cipher()),
    scopes: REQUESTED_SCOPES,
    redirectUri: oauthRedirectUri(ctx),
    setupJob: SETUP_CONNECTION_JOB,
    fetch: ctx.fetch,
    leverTransport: ctx.leverTransport,
  }));
