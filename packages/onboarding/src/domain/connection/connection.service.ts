// "Sign in with Lever" (authorization code + PKCE) or manual mode (API key), and the Lever client the rest
// of the app uses (`withLever`): the shared connection service (@hireloop/app-kit/connection/lever-connection
// — refresh one at a time, the rotated refresh token stored at once under a row lock on PostgreSQL, a refresh
// that fails for good marks the connection broken, shown to people ops) over `onboarding.ats_connection`.
// What is the app's own: its scopes, callback URL and setup job (the app's webhooks).
import type { LeverClient } from '@hireloop/lever';
import {
  createLeverConnection,
  NotConnectedError,
  type LeverConnection,
} from '@hireloop/app-kit/connection/lever-connection';
import type { OnboardingContext } from '../../context.ts';
import { connectionStore } from './connection.repository.ts';
import { REQUESTED_SCOPES } from './scopes.ts';

export { NotConnectedError };

export const SETUP_CONNECTION_JOB = 'onboarding.setup-connection';

export const oauthRedirectUri = (ctx: OnboardingContext) => `${ctx.publicUrl}/onboarding/connect/callback`;

const connections = new WeakMap<OnboardingContext, LeverConnection>();

function connection(ctx: OnboardingContext): LeverConnection {
  let c = connections.get(ctx);
  if (!c) {
    c = createLeverConnection({
      app: 'onboarding',
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

export const beginAuthorization = (ctx: OnboardingContext, organizationId: string) =>
  connection(ctx).beginAuthorization(organizationId);

/** Callback: code → tokens (stored encrypted) and the setup job (the app's webhooks) in one transaction. */
export const completeAuthorization = (
  ctx: OnboardingContext,
  input: { organizationId: string; code: string; verifier: string },
): Promise<void> => connection(ctx).completeAuthorization(input);

/** A Lever client for the organization: bearer with refresh (OAuth) or the API key (manual). */
export const leverClientFor = (ctx: OnboardingContext, organizationId: string): Promise<LeverClient> =>
  connection(ctx).leverClientFor(organizationId);

/** Runs `fn` with the organization's client; a 401 that survives the refresh marks the connection broken. */
export const withLever = <T>(
  ctx: OnboardingContext,
  organizationId: string,
  fn: (client: LeverClient) => Promise<T>,
): Promise<T> => connection(ctx).withLever(organizationId, fn);

export const revokeTokens = (ctx: OnboardingContext, organizationId: string): Promise<string | undefined> =>
  connection(ctx).revokeTokens(organizationId);
