// All SQL of careers.sync_run: one row per sync, visible on the Sync page and printed by the CLI.
import type { CareersKysely, SyncItem } from '../../db.ts';

export const startSyncRun = async (
  db: CareersKysely,
  organizationId: string,
  kind: 'full' | 'delta',
  scope: 'all' | 'jobs' | 'candidates',
  trigger: string,
): Promise<string> =>
  (
    await db
      .insertInto('careers.sync_run')
      .values({ organization_id: organizationId, kind, scope, trigger, skipped_items: '[]', errors: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

export interface SyncCounts {
  requests: number;
  jobsUpserted: number;
  jobsRemoved: number;
  candidatesUpserted: number;
  candidatesRemoved: number;
  skipped: number;
  skippedItems: SyncItem[];
  errors: string[];
}

export async function finishSyncRun(
  db: CareersKysely,
  id: string,
  status: 'succeeded' | 'failed',
  c: SyncCounts,
): Promise<void> {
  await db
    .updateTable('careers.sync_run')
    .set({
      status,
      requests: c.requests,
      jobs_upserted: c.jobsUpserted,
      jobs_removed: c.jobsRemoved,
      candidates_upserted: c.candidatesUpserted,
      candidates_removed: c.candidatesRemoved,
      skipped: c.skipped,
      skipped_items: JSON.stringify(c.skippedItems.slice(0, 200)),
      errors: JSON.stringify(c.errors.slice(0, 50)),
      finished_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export const listSyncRuns = (db: CareersKysely, organizationId: string, limit = 50) =>
  db
    .selectFrom('careers.sync_run')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();

export const findSyncRun = (db: CareersKysely, organizationId: string, id: string) =>
  db
    .selectFrom('careers.sync_run')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Records the last successful run of this kind read (the CLI's progress estimate; Lever lists have no totals). */
export async function lastRunRecords(
  db: CareersKysely,
  organizationId: string,
  kind: 'full' | 'delta',
): Promise<number | undefined> {
  const r = await db
    .selectFrom('careers.sync_run')
    .select(['jobs_upserted', 'candidates_upserted', 'skipped'])
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .where('status', '=', 'succeeded')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? r.jobs_upserted + r.candidates_upserted + r.skipped : undefined;
}
