// The referrals app as a Hireloop module: schema `referrals`, `referrals.*` jobs, pages under /referrals and
// the webhook receiver. It talks to the ATS only through @hireloop/lever over HTTP (never @hireloop/ats).
import type { HireloopModule, Http, Runtime } from '@hireloop/platform';
import type { FastifyInstance } from 'fastify';
import { contextPerRuntime, registerSessionPages } from '@hireloop/app-kit/module/app-module';
import type { TransportOptions } from '@hireloop/lever';
import type { SmsSender } from './domain/sms/sms-sender.ts';
import { loadReferralsConfig, type ReferralsConfig } from './config.ts';
import { createReferralsContext, type ReferralsContext } from './context.ts';
import { referralsJobs } from './jobs/referrals.jobs.ts';
import { referralsMigrations } from './migrations/index.ts';
import { registerAdminPages } from './pages/admin.pages.ts';
import { registerAuthPages } from './pages/auth.pages.ts';
import { registerIntegrationPages } from './pages/integration.pages.ts';
import { registerJobPages } from './pages/jobs.pages.ts';
import { registerMyPages } from './pages/my.pages.ts';
import { registerStagePages } from './pages/stages.pages.ts';
import { registerWebhookPages } from './pages/webhooks.pages.ts';
import { registerHookRoutes } from './routes/hooks.routes.ts';
import { registerApiRoutes } from './routes/api.routes.ts';
import { registerCandidatePages } from './pages/candidate.pages.ts';
import { registerMultipart } from './pages/multipart.ts';
import { registerPortalPages } from './pages/portal.pages.ts';
import { registerProgramPages } from './pages/program.pages.ts';
import { registerTokenPages } from './pages/tokens.pages.ts';

export interface ReferralsModuleOptions {
  /** Defaults to the environment (REFERRALS_*). */
  config?: ReferralsConfig;
  /** Tests: shorter Lever client back-off, injected fetch for OAuth calls. */
  leverTransport?: Partial<TransportOptions>;
  fetch?: typeof fetch;
  /** Where candidate texts go (default: captured in the SMS outbox). */
  sms?: SmsSender;
}

export function createReferralsModule(options: ReferralsModuleOptions = {}): HireloopModule & {
  context(runtime: Runtime): ReferralsContext;
} {
  let config = options.config;
  const context = contextPerRuntime((runtime): ReferralsContext => {
    config ??= loadReferralsConfig();
    return createReferralsContext(runtime, config, options);
  });
  return {
    name: 'referrals',
    migrations: referralsMigrations,
    context,
    jobs: (runtime) => referralsJobs(context(runtime)),
    async routes(app: Http, runtime: Runtime) {
      const ctx = context(runtime);
      const fastify = app as unknown as FastifyInstance;
      await registerHookRoutes(fastify, ctx);
      // Public candidate pages and the token-authenticated JSON API live outside the session scope.
      await registerCandidatePages(fastify, ctx);
      await registerApiRoutes(fastify, ctx);
      await registerSessionPages(fastify, runtime, {
        scope: 'referrals',
        beforeCsrf: registerMultipart,
        register(pages) {
          registerAuthPages(pages, ctx);
          registerAdminPages(pages, ctx);
          registerIntegrationPages(pages, ctx);
          registerStagePages(pages, ctx);
          registerWebhookPages(pages, ctx);
          registerJobPages(pages, ctx);
          registerMyPages(pages, ctx);
          registerPortalPages(pages, ctx);
          registerProgramPages(pages, ctx);
          registerTokenPages(pages, ctx);
        },
      });
    },
    home: () => [
      {
        title: 'Referrals',
        href: '/referrals',
        description:
          'Employee and external referral programs: jobs from the ATS, rewards, status back by webhooks.',
      },
    ],
  };
}

/** The module as mounted by packages/server (configuration from the environment). */
export const referralsModule = createReferralsModule();

export type { ReferralsContext } from './context.ts';
export { createOrganizationWithAdmin, inviteUser } from './domain/orgs/accounts.service.ts';
