// The Lever-compatible ATS as a Hireloop module: its migrations (schema `ats`), jobs and routes.
import type { HireloopModule, Runtime, Http } from '@hireloop/platform';
import { atsMigrations } from './migrations/index.ts';
import { createAtsContext, type AtsContext } from './context.ts';
import { registerV1 } from './api/v1.ts';
import { registerOAuth } from './oauth/oauth.ts';
import { registerAtsPages } from './pages/pages.ts';
import { webhookJobs, webhookLoops } from './jobs/webhook.jobs.ts';
import { registerV0 } from './api/v0/v0.ts';
import { atsHomeLinks } from './home.ts';

const contexts = new WeakMap<Runtime, AtsContext>();

/** One AtsContext per runtime, shared by routes and jobs. */
export function atsContext(runtime: Runtime): AtsContext {
  let ctx = contexts.get(runtime);
  if (!ctx) {
    ctx = createAtsContext(runtime);
    contexts.set(runtime, ctx);
  }
  return ctx;
}

export const atsModule: HireloopModule = {
  name: 'ats',
  migrations: atsMigrations,
  jobs: (runtime: Runtime) => [...webhookJobs(runtime)],
  loops: (runtime: Runtime) => webhookLoops(runtime),
  home: (runtime: Runtime) => atsHomeLinks(runtime, atsContext(runtime)),
  async routes(app: Http, runtime: Runtime) {
    await registerV1(app, atsContext(runtime));
    await registerOAuth(app, atsContext(runtime));
    await registerAtsPages(app, atsContext(runtime));
    await registerV0(app, atsContext(runtime));
  },
};

export type { AtsContext } from './context.ts';
