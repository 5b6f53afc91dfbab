// All SQL of careers.candidate, careers.resume and careers.stage. Candidates are read-only copies of ATS
// opportunities, linked to jobs through the posting ids of their applications.
import { sql, type Insertable } from 'kysely';
import type { CandidateTable, CareersKysely } from '../../db.ts';

export type CandidateValues = Omit<Insertable<CandidateTable>, 'id' | 'synced_at' | 'removed_at'>;

export async function upsertCandidates(db: CareersKysely, rows: readonly CandidateValues[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('careers.candidate')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['organization_id', 'ats_opportunity_id']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        headline: eb.ref('excluded.headline'),
        emails: eb.ref('excluded.emails'),
        location: eb.ref('excluded.location'),
        sources: eb.ref('excluded.sources'),
        origin: eb.ref('excluded.origin'),
        stage_id: eb.ref('excluded.stage_id'),
        stage_text: eb.ref('excluded.stage_text'),
        archived: eb.ref('excluded.archived'),
        ats_posting_ids: eb.ref('excluded.ats_posting_ids'),
        confidentiality: eb.ref('excluded.confidentiality'),
        ats_created_at_ms: eb.ref('excluded.ats_created_at_ms'),
        ats_updated_at_ms: eb.ref('excluded.ats_updated_at_ms'),
        synced_at: sql`now()`,
        removed_at: null,
      })),
    )
    .execute();
}

export async function removeCandidatesNotSyncedSince(db: CareersKysely, organizationId: string, since: Date) {
  const r = await db
    .updateTable('careers.candidate')
    .set({ removed_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('removed_at', 'is', null)
    .where('synced_at', '<', since)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function replaceStages(
  db: CareersKysely,
  organizationId: string,
  stages: { id: string; text: string }[],
) {
  await db.deleteFrom('careers.stage').where('organization_id', '=', organizationId).execute();
  if (stages.length)
    await db
      .insertInto('careers.stage')
      .values(stages.map((s) => ({ organization_id: organizationId, ats_stage_id: s.id, text: s.text })))
      .execute();
}

export async function stageNames(db: CareersKysely, organizationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('careers.stage')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .execute();
  return new Map(rows.map((r) => [r.ats_stage_id, r.text]));
}

export async function saveResume(
  db: CareersKysely,
  r: {
    organizationId: string;
    opportunityId: string;
    resumeId: string;
    filename: string;
    contentType: string;
    data: Buffer | null;
    size: number;
  },
) {
  const values = {
    organization_id: r.organizationId,
    ats_opportunity_id: r.opportunityId,
    ats_resume_id: r.resumeId,
    filename: r.filename,
    content_type: r.contentType,
    size_bytes: r.size,
    data: r.data,
  };
  await db
    .insertInto('careers.resume')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'ats_opportunity_id', 'ats_resume_id'])
        .doUpdateSet({ ...values, synced_at: new Date() }),
    )
    .execute();
}

export const hasResume = async (
  db: CareersKysely,
  organizationId: string,
  opportunityId: string,
  resumeId: string,
) =>
  !!(await db
    .selectFrom('careers.resume')
    .select('ats_resume_id')
    .where('organization_id', '=', organizationId)
    .where('ats_opportunity_id', '=', opportunityId)
    .where('ats_resume_id', '=', resumeId)
    .where('data', 'is not', null)
    .executeTakeFirst());

export const findResume = (
  db: CareersKysely,
  organizationId: string,
  opportunityId: string,
  resumeId: string,
) =>
  db
    .selectFrom('careers.resume')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('ats_opportunity_id', '=', opportunityId)
    .where('ats_resume_id', '=', resumeId)
    .executeTakeFirst();

export interface CandidateListRow {
  id: string;
  ats_opportunity_id: string;
  name: string;
  headline: string;
  sources: string[];
  origin: string | null;
  stage_text: string | null;
  archived: boolean;
  ats_posting_ids: string[];
  ats_updated_at_ms: string | number;
  removed_at: Date | null;
  job_titles: string[] | null;
  resumes: { id: string; filename: string }[] | null;
}

/** The admin candidate list: newest change first, with linked job titles and resume names. */
export async function listCandidates(
  db: CareersKysely,
  organizationId: string,
  f: { q?: string; postingId?: string; limit?: number } = {},
): Promise<CandidateListRow[]> {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await sql<CandidateListRow>`
    select c.id, c.ats_opportunity_id, c.name, c.headline, c.sources, c.origin, c.stage_text, c.archived,
      c.ats_posting_ids, c.ats_updated_at_ms, c.removed_at,
      (select array_agg(j.title order by j.title) from careers.job j
        where j.organization_id = c.organization_id and j.ats_posting_id = any(c.ats_posting_ids)) as job_titles,
      (select json_agg(json_build_object('id', r.ats_resume_id, 'filename', r.filename)) from careers.resume r
        where r.organization_id = c.organization_id and r.ats_opportunity_id = c.ats_opportunity_id) as resumes
    from careers.candidate c
    where c.organization_id = ${organizationId}
      ${like ? sql`and (c.name ilike ${like} or c.headline ilike ${like})` : sql``}
      ${f.postingId ? sql`and ${f.postingId} = any(c.ats_posting_ids)` : sql``}
    order by c.removed_at is not null, c.ats_updated_at_ms desc, c.id
    limit ${f.limit ?? 200}`.execute(db);
  return rows;
}

export async function countCandidates(db: CareersKysely, organizationId: string) {
  const row = await db
    .selectFrom('careers.candidate')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
