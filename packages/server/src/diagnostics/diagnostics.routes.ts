// Test-only routes (mounted only with HIRELOOP_DIAGNOSTICS=1, refused in production; no authentication):
//   POST /_diagnostics/jobs  {key, count, sleepMs?} → enqueues `count` record-run jobs in one batch insert
//   GET  /_diagnostics/runs?key=                    → {runs, distinct, pids} for that key
import { Type } from 'typebox';
import type { Http, Runtime } from '@hireloop/platform';
import { summarizeRuns, type DiagnosticsDb } from './diagnostics.repository.ts';
import { RECORD_RUN_JOB, type RecordRunData } from './record-run.job.ts';

export const MAX_JOBS_PER_REQUEST = 10_000;

const Key = Type.String({ minLength: 1, maxLength: 200 });

const EnqueueBody = Type.Object({
  key: Key,
  count: Type.Integer({ minimum: 1, maximum: MAX_JOBS_PER_REQUEST }),
  sleepMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 * 60_000 })),
});

const RunsQuery = Type.Object({ key: Key });

export async function diagnosticsRoutes(app: Http, runtime: Runtime): Promise<void> {
  const db = runtime.database.kysely<DiagnosticsDb>();

  app.post('/_diagnostics/jobs', { schema: { body: EnqueueBody } }, async (request, reply) => {
    const { key, count, sleepMs } = request.body;
    const jobs = Array.from({ length: count }, (_, seq) => ({
      data: { key, seq, sleepMs } satisfies RecordRunData,
    }));
    const ids = (await runtime.queue.boss.insert(RECORD_RUN_JOB, jobs, { returnId: true })) ?? [];
    return reply.code(202).send({ key, enqueued: ids.length, pid: process.pid });
  });

  app.get('/_diagnostics/runs', { schema: { querystring: RunsQuery } }, async (request) => {
    return summarizeRuns(db, request.query.key);
  });
}
