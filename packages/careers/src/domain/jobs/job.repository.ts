// All SQL of careers.job and careers.skipped_posting. Jobs are read-only copies of ATS postings: only the
// sync writes them. `published_at` records when a job page last went live (kept while it stays live).
import { sql } from 'kysely';
import type { CareersKysely, JobRow, SyncItem } from '../../db.ts';
import type { JobValues } from './posting-to-job.ts';

export async function upsertJobs(db: CareersKysely, rows: readonly JobValues[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('careers.job')
    .values(rows.map((r) => ({ ...r, published_at: r.published ? new Date() : null })))
    .onConflict((oc) =>
      oc.columns(['organization_id', 'ats_posting_id']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        state: eb.ref('excluded.state'),
        distribution_channels: eb.ref('excluded.distribution_channels'),
        confidentiality: eb.ref('excluded.confidentiality'),
        location: eb.ref('excluded.location'),
        all_locations: eb.ref('excluded.all_locations'),
        team: eb.ref('excluded.team'),
        department: eb.ref('excluded.department'),
        commitment: eb.ref('excluded.commitment'),
        workplace_type: eb.ref('excluded.workplace_type'),
        work_mode: eb.ref('excluded.work_mode'),
        work_mode_source: eb.ref('excluded.work_mode_source'),
        description: eb.ref('excluded.description'),
        description_html: eb.ref('excluded.description_html'),
        lists: eb.ref('excluded.lists'),
        closing: eb.ref('excluded.closing'),
        tags: eb.ref('excluded.tags'),
        country: eb.ref('excluded.country'),
        salary: eb.ref('excluded.salary'),
        apply_url: eb.ref('excluded.apply_url'),
        hosted_url: eb.ref('excluded.hosted_url'),
        hidden_reason: eb.ref('excluded.hidden_reason'),
        published: eb.ref('excluded.published'),
        published_at: sql`case when excluded.published and careers.job.published and careers.job.removed_at is null then careers.job.published_at when excluded.published then now() else null end`,
        ats_created_at_ms: eb.ref('excluded.ats_created_at_ms'),
        ats_updated_at_ms: eb.ref('excluded.ats_updated_at_ms'),
        synced_at: sql`now()`,
        removed_at: null,
      })),
    )
    .execute();
  await db
    .deleteFrom('careers.skipped_posting')
    .where('organization_id', '=', rows[0]!.organization_id)
    .where(
      'ats_posting_id',
      'in',
      rows.map((r) => r.ats_posting_id),
    )
    .execute();
}

/** Known postings among `ids` (a job already synced, live or not). */
export async function knownPostingIds(db: CareersKysely, organizationId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('careers.job')
    .select('ats_posting_id')
    .where('organization_id', '=', organizationId)
    .where('ats_posting_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.ats_posting_id));
}

export async function recordSkipped(db: CareersKysely, organizationId: string, items: readonly SyncItem[]) {
  if (items.length === 0) return;
  await db
    .insertInto('careers.skipped_posting')
    .values(
      items.map((i) => ({
        organization_id: organizationId,
        ats_posting_id: i.id,
        title: i.title,
        reason: i.reason,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['organization_id', 'ats_posting_id']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        reason: eb.ref('excluded.reason'),
        seen_at: sql`now()`,
      })),
    )
    .execute();
  // A posting that lost its location is no longer a job.
  await db
    .updateTable('careers.job')
    .set({ published: false, published_at: null, removed_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where(
      'ats_posting_id',
      'in',
      items.map((i) => i.id),
    )
    .where('removed_at', 'is', null)
    .execute();
}

/** After a full listing: jobs the ATS no longer returns (deleted, or no longer visible to the key). */
export async function removeJobsNotSyncedSince(db: CareersKysely, organizationId: string, since: Date) {
  const r = await db
    .updateTable('careers.job')
    .set({ published: false, published_at: null, removed_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('removed_at', 'is', null)
    .where('synced_at', '<', since)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface JobFilters {
  readonly q?: string;
  readonly team?: string;
  readonly location?: string;
  readonly commitment?: string;
  readonly workMode?: string;
}

/** Jobs of the public site (published and present), newest first, filtered. */
export async function listPublishedJobs(db: CareersKysely, organizationId: string, f: JobFilters = {}) {
  let q = db
    .selectFrom('careers.job')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('published', '=', true)
    .where('removed_at', 'is', null);
  if (f.team) q = q.where('team', '=', f.team);
  if (f.location) q = q.where('location', '=', f.location);
  if (f.commitment) q = q.where('commitment', '=', f.commitment);
  if (f.workMode) q = q.where('work_mode', '=', f.workMode as JobRow['work_mode']);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('title', 'ilike', like),
        eb('team', 'ilike', like),
        eb('location', 'ilike', like),
        eb('department', 'ilike', like),
      ]),
    );
  }
  return q.orderBy('ats_created_at_ms', 'desc').orderBy('id').limit(500).execute();
}

/** Distinct filter values of the published jobs (for the site's filter selects). */
export async function publishedFacets(db: CareersKysely, organizationId: string) {
  const rows = await db
    .selectFrom('careers.job')
    .select(['team', 'location', 'commitment', 'work_mode'])
    .where('organization_id', '=', organizationId)
    .where('published', '=', true)
    .where('removed_at', 'is', null)
    .execute();
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort();
  return {
    teams: uniq(rows.map((r) => r.team)),
    locations: uniq(rows.map((r) => r.location)),
    commitments: uniq(rows.map((r) => r.commitment)),
    workModes: uniq(rows.map((r) => r.work_mode)),
  };
}

export const findJobByPostingId = (db: CareersKysely, organizationId: string, postingId: string) =>
  db
    .selectFrom('careers.job')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('ats_posting_id', '=', postingId)
    .executeTakeFirst();

/** Every job of the organization for the admin list (present ones first). */
export const listAllJobs = (db: CareersKysely, organizationId: string, limit = 1000) =>
  db
    .selectFrom('careers.job')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy(sql`removed_at is not null`)
    .orderBy('published', 'desc')
    .orderBy('ats_updated_at_ms', 'desc')
    .limit(limit)
    .execute();

export const listSkippedPostings = (db: CareersKysely, organizationId: string) =>
  db
    .selectFrom('careers.skipped_posting')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('seen_at', 'desc')
    .limit(500)
    .execute();

export async function countJobs(db: CareersKysely, organizationId: string) {
  const row = await db
    .selectFrom('careers.job')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .count<number>('id')
        .filterWhere('published', '=', true)
        .filterWhere('removed_at', 'is', null)
        .as('published'),
    ])
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), published: Number(row.published) };
}
