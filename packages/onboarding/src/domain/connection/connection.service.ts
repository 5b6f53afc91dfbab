// "Sign in with Lever" (authorization code + PKCE) or manual mode (API key), and the Lever client the rest
// of the app uses (`withLever`): the shared connection service (@hireloop/app-kit/connection/lever-connection
// — refresh one at a time, the rotated refresh token stored at once under a row lock on PostgreSQL, a refresh
// that fails for good or a surviving 401 marks the connection broken, shown to people ops) over
// `onboarding.ats_connection`. What is the app's own: its scopes, callback URL and setup job (its webhooks).
import { bindLeverConnection, NotConnectedError } from '@hireloop/app-kit/connection/lever-connection';
import type { OnboardingContext } from '../../context.ts';
import { connectionStore } from './connection.repository.ts';
import { REQUESTED_SCOPES } from './scopes.ts';

export { NotConnectedError };

export const SETUP_CONNECTION_JOB = 'onboarding.setup-connection';

export const oauthRedirectUri = (ctx: OnboardingContext) => `${ctx.publicUrl}/onboarding/connect/callback`;

export const { beginAuthorization, completeAuthorization, leverClientFor, withLever, revokeTokens } =
  bindLeverConnection((ctx: OnboardingContext) => ({
    app: 'onboarding',
    db: ctx.db,
    runtime: ctx.runtime,
    store: connectionStore(() => ctx.cipher()),
    scopes: REQUESTED_SCOPES,
    redirectUri: oauthRedirectUri(ctx),
    setupJob: SETUP_CONNECTION_JOB,
    fetch: ctx.fetch,
    leverTransport: ctx.leverTransport,
  }));
