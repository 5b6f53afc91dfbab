// The Lever-compatible Data API v1 under /v1: one encapsulated Fastify scope with the auth hook
// (auth.ts) and every resource's routes. Each routes file registers its endpoints with `config.permission`
// set, so the permission matrix test can sweep them all.
import { useApiSecurityHeaders, type Http } from '@hireloop/platform';
import type { AtsContext } from '../context.ts';
import { installApiAuth } from './auth.ts';
import { registerWebhookRoutes } from './routes/webhooks.routes.ts';
import { registerOpenApi } from './openapi.ts';
import { registerPostingRoutes } from './routes/postings.routes.ts';
import { registerOpportunityRoutes } from './routes/opportunities.routes.ts';
import { registerOpportunityRecordRoutes } from './routes/opportunity-records.routes.ts';
import { registerAccountDataRoutes } from './routes/account-data.routes.ts';
import { registerCredentialRoutes } from './routes/credential.routes.ts';

export async function registerV1(app: Http, ctx: AtsContext): Promise<void> {
  await app.register(
    async (v1) => {
      const scope = v1 as unknown as Http;
      useApiSecurityHeaders(scope);
      installApiAuth(scope, {
        db: ctx.db,
        rateLimiter: ctx.rateLimiter,
        bearerResolvers: ctx.bearerResolvers,
      });
      // Before every route: its onRoute hook collects the routes registered after it (/v1/openapi.json).
      await registerOpenApi(scope, ctx);
      await registerPostingRoutes(scope, ctx);
      await registerOpportunityRoutes(scope, ctx);
      await registerOpportunityRecordRoutes(scope, ctx);
      await registerAccountDataRoutes(scope, ctx);
      await registerWebhookRoutes(scope, ctx);
      await registerCredentialRoutes(scope, ctx);
    },
    { prefix: '/v1' },
  );
}
