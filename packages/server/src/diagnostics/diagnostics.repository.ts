// All SQL of the diagnostics module. `db` (instance or transaction) is the first parameter.
import { type Generated, type Kysely, sql } from 'kysely';

export interface DiagnosticsDb {
  'diagnostics.job_run': {
    id: Generated<number>;
    job_id: string;
    key: string;
    seq: number;
    pid: number;
    ran_at: Generated<Date>;
  };
}

export interface RunSummary {
  /** Rows recorded for the key: one per completed run. */
  readonly runs: number;
  /** Distinct jobs among them; `runs === distinct` means no job ran twice. */
  readonly distinct: number;
  /** Worker processes that recorded runs, ascending. */
  readonly pids: readonly number[];
}

export async function insertJobRun(
  db: Kysely<DiagnosticsDb>,
  run: { jobId: string; key: string; seq: number; pid: number },
): Promise<void> {
  await db
    .insertInto('diagnostics.job_run')
    .values({ job_id: run.jobId, key: run.key, seq: run.seq, pid: run.pid })
    .execute();
}

export async function summarizeRuns(db: Kysely<DiagnosticsDb>, key: string): Promise<RunSummary> {
  const totals = await db
    .selectFrom('diagnostics.job_run')
    .where('key', '=', key)
    .select([sql<number>`count(*)::int`.as('runs'), sql<number>`count(distinct job_id)::int`.as('distinct')])
    .executeTakeFirstOrThrow();
  const pids = await db
    .selectFrom('diagnostics.job_run')
    .where('key', '=', key)
    .select('pid')
    .distinct()
    .orderBy('pid')
    .execute();
  return { runs: totals.runs, distinct: totals.distinct, pids: pids.map((p) => p.pid) };
}
