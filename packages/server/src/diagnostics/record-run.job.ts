// `diagnostics.record-run`: sleeps `sleepMs` (to stand in for a long job) and then records one row with the
// worker's pid. The e2e tests count these rows to prove each job ran exactly once — across SIGTERM, SIGKILL
// and restart, and across several worker processes.
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobDefinition, Runtime } from '@hireloop/platform';
import { insertJobRun, type DiagnosticsDb } from './diagnostics.repository.ts';

export const RECORD_RUN_JOB = 'diagnostics.record-run';

export interface RecordRunData {
  readonly key: string;
  readonly seq: number;
  readonly sleepMs?: number;
}

export function recordRunJob(runtime: Runtime): JobDefinition<RecordRunData> {
  const db = runtime.database.kysely<DiagnosticsDb>();
  return {
    name: RECORD_RUN_JOB,
    concurrency: runtime.config.workerConcurrency,
    async handler(job) {
      // The e2e tests wait for this line to know a job is running before they signal the process.
      runtime.logger.info(
        { job: { id: job.id, key: job.data.key, seq: job.data.seq } },
        'diagnostics job started',
      );
      if (job.data.sleepMs) await sleep(job.data.sleepMs);
      await insertJobRun(db, { jobId: job.id, key: job.data.key, seq: job.data.seq, pid: process.pid });
    },
  };
}
