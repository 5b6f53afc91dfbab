// The OAuth authorization server of the ATS (issue 5): /oauth/token and /oauth/revoke at the root (JSON
// endpoints without sessions), the bearer resolver for /v1, and — through pages/pages.ts — the consent
// flow at /oauth/authorize and the Authorized Apps API.
import type { Http } from '@hireloop/platform';
import type { AtsContext } from '../context.ts';
import { oauthBearerResolver } from './bearer.ts';
import { registerTokenRoutes } from './token.routes.ts';

// A runtime may serve several app instances (tests); its context needs the resolver once.
const withResolver = new WeakSet<AtsContext>();

export async function registerOAuth(app: Http, ctx: AtsContext): Promise<void> {
  if (!withResolver.has(ctx)) {
    withResolver.add(ctx);
    ctx.bearerResolvers.push(oauthBearerResolver(ctx.db, ctx.runtime.logger));
  }
  await registerTokenRoutes(app, ctx);
}
