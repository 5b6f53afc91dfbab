// The diagnostics module: TEST-ONLY machinery for the e2e suite (test/e2e), mounted by modules.ts only when
// HIRELOOP_DIAGNOSTICS=1 (config refuses it with NODE_ENV=production). It owns the `diagnostics` schema and
// the `diagnostics.record-run` job, and exposes unauthenticated routes under /_diagnostics to enqueue jobs
// and count their runs. Nothing else may depend on it.
import type { HireloopModule } from '@hireloop/platform';
import { diagnosticsRoutes } from './diagnostics.routes.ts';
import { diagnosticsMigrations } from './migrations/index.ts';
import { recordRunJob } from './record-run.job.ts';

export const diagnosticsModule: HireloopModule = {
  name: 'diagnostics',
  migrations: diagnosticsMigrations,
  jobs: (runtime) => [recordRunJob(runtime)],
  routes: diagnosticsRoutes,
};
