// The onboarding app as a Hireloop module: schema `onboarding`, `onboarding.*` jobs, pages under /onboarding
// and the webhook receiver. It talks to the ATS only through @hireloop/lever over HTTP (never @hireloop/ats).
import type { HireloopModule, Http, Runtime } from '@hireloop/platform';
import type { FastifyInstance } from 'fastify';
import { contextPerRuntime, registerSessionPages } from '@hireloop/app-kit/module/app-module';
import type { TransportOptions } from '@hireloop/lever';
import { loadOnboardingConfig, type OnboardingConfig } from './config.ts';
import { createOnboardingContext, type OnboardingContext } from './context.ts';
import { onboardingJobs } from './jobs/onboarding.jobs.ts';
import { onboardingMigrations } from './migrations/index.ts';
import { registerAuthPages } from './pages/auth.pages.ts';
import { registerConnectPages } from './pages/connect.pages.ts';
import { registerHirePages } from './pages/hires.pages.ts';
import { registerMatchingPages } from './pages/matching.pages.ts';
import { registerMePages } from './pages/me.pages.ts';
import { registerSecurityPages } from './pages/security.pages.ts';
import { registerSettingsPages } from './pages/settings.pages.ts';
import { registerTemplatePages } from './pages/templates.pages.ts';
import { registerHookRoutes } from './routes/hooks.routes.ts';

export interface OnboardingModuleOptions {
  /** Defaults to the environment (ONBOARDING_*). */
  config?: OnboardingConfig;
  leverTransport?: Partial<TransportOptions>;
  fetch?: typeof fetch;
  /** Tests: "today" as an ISO date. */
  today?: () => string;
}

export function createOnboardingModule(options: OnboardingModuleOptions = {}): HireloopModule & {
  context(runtime: Runtime): OnboardingContext;
} {
  let config = options.config;
  const context = contextPerRuntime((runtime): OnboardingContext => {
    config ??= loadOnboardingConfig();
    return createOnboardingContext(runtime, config, options);
  });
  return {
    name: 'onboarding',
    migrations: onboardingMigrations,
    context,
    jobs: (runtime) => onboardingJobs(context(runtime)),
    async routes(app: Http, runtime: Runtime) {
      const ctx = context(runtime);
      const fastify = app as unknown as FastifyInstance;
      await registerHookRoutes(fastify, ctx);
      await registerSessionPages(fastify, runtime, {
        scope: 'onboarding',
        register(pages) {
          registerAuthPages(pages, ctx);
          registerConnectPages(pages, ctx);
          registerSecurityPages(pages, ctx);
          registerSettingsPages(pages, ctx);
          registerTemplatePages(pages, ctx);
          registerMatchingPages(pages, ctx);
          registerHirePages(pages, ctx);
          registerMePages(pages, ctx);
        },
      });
    },
    home: () => [
      {
        title: 'Onboarding',
        href: '/onboarding',
        description:
          'Hired candidates become new hires with a journey: offices and teams matched, welcome mail.',
      },
    ],
  };
}

/** The module as mounted by packages/server (configuration from the environment). */
export const onboardingModule = createOnboardingModule();

export type { OnboardingContext } from './context.ts';
export {
  createOrganizationWithAdmin,
  createOrganizationWithInvitation,
} from './domain/orgs/accounts.service.ts';
export { findOrganizationBySlug } from './domain/orgs/org.repository.ts';
export { addTarget } from './domain/matching/mapping.repository.ts';
export { refreshAtsValues } from './domain/matching/refresh-values.service.ts';
