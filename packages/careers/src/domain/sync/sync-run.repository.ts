// All SQL of careers.sync_run: one row per sync, visible on the Sync page and printed by the CLI.
import { sql, type Kysely } from 'kysely';
import type { CareersDb, CareersKysely, SyncItem } from '../../db.ts';

/** A running sync whose last beat is older than this is taken for dead (its process crashed). */
export const SYNC_STALE_MS = 2 * 60 * 1000;
/** How often a running sync beats (well inside SYNC_STALE_MS). */
export const SYNC_HEARTBEAT_MS = 15 * 1000;

/**
 * Starts a run unless another sync of the organization is running (one key, one client: two syncs at once
 * would spend the key's budget twice). The integration row is locked so two processes cannot both claim.
 */
export const claimSyncRun = (
  db: Kysely<CareersDb>,
  organizationId: string,
  kind: 'full' | 'delta',
  scope: 'all' | 'jobs' | 'candidates',
  trigger: string,
): Promise<{ id: string } | { busy: string }> =>
  db.transaction().execute(async (trx) => {
    await trx
      .selectFrom('careers.integration')
      .select('organization_id')
      .where('organization_id', '=', organizationId)
      .forUpdate()
      .execute();
    const running = await trx
      .selectFrom('careers.sync_run')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('status', '=', 'running')
      .where('heartbeat_at', '>', sql<Date>`now() - ${sql.lit(`${SYNC_STALE_MS / 1000} seconds`)}::interval`)
      .executeTakeFirst();
    if (running) return { busy: running.id };
    // A run that stopped beating died with its process: it failed.
    await trx
      .updateTable('careers.sync_run')
      .set({
        status: 'failed',
        finished_at: new Date(),
        errors: JSON.stringify(['The sync stopped (process ended)']),
      })
      .where('organization_id', '=', organizationId)
      .where('status', '=', 'running')
      .execute();
    const row = await trx
      .insertInto('careers.sync_run')
      .values({ organization_id: organizationId, kind, scope, trigger, skipped_items: '[]', errors: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });

export const beatSyncRun = (db: CareersKysely, id: string) =>
  db
    .updateTable('careers.sync_run')
    .set({ heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();

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
