// The careers app as a Hireloop module: schema `careers`, `careers.*` jobs, admin pages under
// /careers/admin (sessions, CSRF) and the public careers sites under /careers/:slug (no session, cached).
// It talks to the ATS only through @hireloop/lever over HTTP, read-only (never @hireloop/ats).
import type { HireloopModule, Http, Runtime } from '@hireloop/platform';
import type { FastifyInstance } from 'fastify';
import { registerSessionPages } from '@hireloop/app-kit/module/app-module';
import type { TransportOptions } from '@hireloop/lever';
import { loadCareersConfig, type CareersConfig } from './config.ts';
import { createCareersContext, type CareersContext } from './context.ts';
import { careersJobs } from './jobs/careers.jobs.ts';
import { careersMigrations } from './migrations/index.ts';
import { registerAdminPages } from './pages/admin.pages.ts';
import { registerAuthPages } from './pages/auth.pages.ts';
import { registerIntegrationPages } from './pages/integration.pages.ts';
import { registerSitePages } from './site/site.pages.ts';

export interface CareersModuleOptions {
  /** Defaults to the environment (CAREERS_*). */
  config?: CareersConfig;
  /** Tests: shorter Lever client back-off, injected fetch. */
  leverTransport?: Partial<TransportOptions>;
}

export function createCareersModule(options: CareersModuleOptions = {}): HireloopModule & {
  context(runtime: Runtime): CareersContext;
} {
  // Keyed by the database: a test runtime is a copy of the runtime the jobs got, and routes, jobs and the
  // CLI must share one context (one page cache that a sync clears).
  const contexts = new WeakMap<object, CareersContext>();
  const context = (runtime: Runtime): CareersContext => {
    let ctx = contexts.get(runtime.db);
    if (!ctx) {
      ctx = createCareersContext(runtime, options.config ?? loadCareersConfig(), options);
      contexts.set(runtime.db, ctx);
    }
    return ctx;
  };
  return {
    name: 'careers',
    migrations: careersMigrations,
    context,
    jobs: (runtime) => careersJobs(context(runtime)),
    async routes(app: Http, runtime: Runtime) {
      const ctx = context(runtime);
      const fastify = app as unknown as FastifyInstance;
      await registerSessionPages(fastify, runtime, {
        scope: 'careers',
        register(admin) {
          registerAuthPages(admin, ctx);
          registerIntegrationPages(admin, ctx);
          registerAdminPages(admin, ctx);
        },
      });
      await fastify.register(async (site) => registerSitePages(site, ctx));
    },
    home: () => [
      {
        title: 'Careers',
        href: '/careers',
        description:
          'Careers sites fed read-only by the ATS: jobs published and unpublished by their ATS status.',
      },
    ],
  };
}

/** The module as mounted by packages/server (configuration from the environment). */
export const careersModule = createCareersModule();

export type { CareersContext } from './context.ts';
export { createOrganizationWithAdmin } from './domain/orgs/accounts.service.ts';
export { findOrganizationBySlug } from './domain/orgs/org.repository.ts';
export { configureIntegration, IntegrationCheckError } from './domain/integration/configure.service.ts';
export { runSync, type SyncResult } from './domain/sync/sync.service.ts';
export { lastRunRecords } from './domain/sync/sync-run.repository.ts';
export type { IntegrationSettings } from './domain/integration/settings.ts';
