// Synced jobs (postings) and sync runs. A job is "open" while its posting is published or internal; a
// closed, draft or deleted posting keeps its row (referrals point at it) with removed_at set.
import { sql } from 'kysely';
import type { Posting } from '@hireloop/lever';
import type { JobRow, ReferralsKysely, SyncRunRow, SyncWarning } from '../../db.ts';
import type { Settings } from '../orgs/org.repository.ts';
import { parseReward } from './reward.ts';

export const OPEN_STATES = Object.freeze(['published', 'internal']);

export interface UpsertResult {
  warning?: SyncWarning;
}

export async function upsertJobFromPosting(
  db: ReferralsKysely,
  organizationId: string,
  posting: Posting,
): Promise<UpsertResult> {
  const reward = parseReward(posting.tags ?? []);
  const open = OPEN_STATES.includes(posting.state);
  const values = {
    title: posting.text,
    state: posting.state,
    distribution_channels: posting.distributionChannels ?? [],
    confidentiality: posting.confidentiality,
    location: posting.categories?.location ?? null,
    team: posting.categories?.team ?? null,
    department: posting.categories?.department ?? null,
    commitment: posting.categories?.commitment ?? null,
    workplace_type: posting.workplaceType ?? null,
    description: posting.content?.description ?? '',
    description_html: posting.content?.descriptionHtml ?? '',
    hosted_url: posting.urls?.show ?? null,
    apply_url: posting.urls?.apply ?? null,
    tags: posting.tags ?? [],
    reward_kind: reward.kind,
    reward_amount: reward.kind === 'money' ? reward.amount : null,
    reward_text: reward.kind === 'text' ? reward.text : null,
    reward_warning: reward.warning ?? null,
    ats_created_at_ms: posting.createdAt,
    ats_updated_at_ms: posting.updatedAt,
    synced_at: new Date(),
    removed_at: open ? null : new Date(),
  };
  await db
    .insertInto('referrals.job')
    .values({ organization_id: organizationId, ats_posting_id: posting.id, ...values })
    .onConflict((oc) => oc.columns(['organization_id', 'ats_posting_id']).doUpdateSet(values))
    .execute();
  return reward.warning
    ? { warning: { postingId: posting.id, title: posting.text, message: reward.warning } }
    : {};
}

/** Marks jobs removed (closed, deleted, or gone from a full listing). Returns how many changed. */
export async function markJobsRemoved(
  db: ReferralsKysely,
  organizationId: string,
  filter: { postingIds: string[] } | { notIn: string[] },
): Promise<number> {
  let q = db
    .updateTable('referrals.job')
    .set({ removed_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('removed_at', 'is', null);
  if ('postingIds' in filter) {
    if (filter.postingIds.length === 0) return 0;
    q = q.where('ats_posting_id', 'in', filter.postingIds);
  } else if (filter.notIn.length > 0) {
    q = q.where('ats_posting_id', 'not in', filter.notIn);
  }
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findJob(
  db: ReferralsKysely,
  organizationId: string,
  id: string,
): Promise<JobRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db
    .selectFrom('referrals.job')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findJobByPostingId(
  db: ReferralsKysely,
  organizationId: string,
  postingId: string,
): Promise<JobRow | undefined> {
  return db
    .selectFrom('referrals.job')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('ats_posting_id', '=', postingId)
    .executeTakeFirst();
}

/** Every synced job, newest change first (admin view, incl. removed ones and reward warnings). */
export async function listAllJobs(
  db: ReferralsKysely,
  organizationId: string,
  limit = 200,
): Promise<JobRow[]> {
  return db
    .selectFrom('referrals.job')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('removed_at', (o) => o.nullsFirst())
    .orderBy('ats_updated_at_ms', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Jobs employees may refer to (the portal's list): open, non-confidential, and public unless the
 * organization also allows internal jobs. `search` matches title, team, department and location.
 */
export async function listReferableJobs(
  db: ReferralsKysely,
  organizationId: string,
  settings: Pick<Settings, 'referable_jobs'>,
  options: { search?: string; limit?: number } = {},
): Promise<JobRow[]> {
  let q = db
    .selectFrom('referrals.job')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('removed_at', 'is', null)
    .where('confidentiality', '=', 'non-confidential');
  if (settings.referable_jobs === 'external')
    q = q.where('state', '=', 'published').where(sql<boolean>`'public' = any(distribution_channels)`);
  if (options.search?.trim()) {
    const term = `%${options.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('title', 'ilike', term),
        eb('team', 'ilike', term),
        eb('department', 'ilike', term),
        eb('location', 'ilike', term),
      ]),
    );
  }
  return q
    .orderBy('title')
    .limit(options.limit ?? 100)
    .execute();
}

// --- sync runs ---

export async function startSyncRun(
  db: ReferralsKysely,
  organizationId: string,
  kind: SyncRunRow['kind'],
  trigger: string,
): Promise<string> {
  const row = await db
    .insertInto('referrals.sync_run')
    .values({
      organization_id: organizationId,
      kind,
      trigger,
      warnings: '[]',
      error: null,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishSyncRun(
  db: ReferralsKysely,
  id: string,
  result: {
    status: 'succeeded' | 'failed';
    upserted: number;
    removed: number;
    warnings: SyncWarning[];
    error?: string;
  },
): Promise<void> {
  await db
    .updateTable('referrals.sync_run')
    .set({
      status: result.status,
      upserted: result.upserted,
      removed: result.removed,
      warnings: JSON.stringify(result.warnings),
      error: result.error ?? null,
      finished_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function listSyncRuns(
  db: ReferralsKysely,
  organizationId: string,
  limit = 20,
): Promise<SyncRunRow[]> {
  return db
    .selectFrom('referrals.sync_run')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
