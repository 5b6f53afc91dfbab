// The SQL of an application to a posting: the opportunity with its first stage change, and the
// application (contacts come from domain/contacts). The general opportunities API lives in
// domain/opportunities; this file is the one other place that inserts opportunities, kept to what an
// application needs (see apply.service.ts).
import { sql } from 'kysely';
import type { AtsKysely } from '../../db.ts';

/** A live, unarchived opportunity of this contact for this posting, with its application (re-applying). */
export function findOpenApplication(db: AtsKysely, accountId: string, contactId: string, postingId: string) {
  return db
    .selectFrom('ats.opportunity as o')
    .innerJoin('ats.application as a', 'a.opportunity_id', 'o.id')
    .select(['o.id as opportunityId', 'a.id as applicationId', 'o.sources'])
    .where('o.account_id', '=', accountId)
    .where('o.contact_id', '=', contactId)
    .where('o.posting_id', '=', postingId)
    .where('o.deleted_at', 'is', null)
    .where('o.archived_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function addOpportunitySources(
  db: AtsKysely,
  opportunityId: string,
  sources: readonly string[],
): Promise<void> {
  await db
    .updateTable('ats.opportunity')
    .set({
      sources: sql`array(select distinct unnest(sources || ${[...sources]}::text[]))`,
      updated_at: new Date(),
    })
    .where('id', '=', opportunityId)
    .execute();
}

export interface OpportunityForApplication {
  readonly accountId: string;
  readonly contactId: string;
  readonly postingId: string;
  readonly stageId: string;
  readonly origin: string;
  readonly confidentiality: string;
  readonly ownerId: string | null;
  readonly tags: readonly string[];
  readonly sources: readonly string[];
  readonly links: readonly string[];
  readonly opportunityLocation: string | null;
  readonly userId: string | null;
}

/** Inserts the opportunity and its first stage change (index = the stage's position in the pipeline). */
export async function insertOpportunityForApplication(
  db: AtsKysely,
  o: OpportunityForApplication,
): Promise<string> {
  const now = new Date();
  const { id } = await db
    .insertInto('ats.opportunity')
    .values({
      account_id: o.accountId,
      contact_id: o.contactId,
      posting_id: o.postingId,
      stage_id: o.stageId,
      origin: o.origin,
      confidentiality: o.confidentiality,
      owner_id: o.ownerId,
      tags: [...o.tags],
      sources: [...o.sources],
      links: [...o.links],
      opportunity_location: o.opportunityLocation,
      created_at: now,
      updated_at: now,
      last_interaction_at: now,
      last_advanced_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ats.stage
    where account_id = ${o.accountId} and rank < (select rank from ats.stage where account_id = ${o.accountId} and id = ${o.stageId})`.execute(
    db,
  );
  await db
    .insertInto('ats.stage_change')
    .values({
      opportunity_id: id,
      to_stage_id: o.stageId,
      to_stage_index: rows[0]?.n ?? 0,
      user_id: o.userId,
      updated_at: now,
    })
    .execute();
  return id;
}

export interface ApplicationInsert {
  readonly opportunityId: string;
  readonly postingId: string;
  readonly userId: string | null;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly company: string | null;
  readonly links: readonly string[];
  readonly comments: string | null;
  readonly customQuestions: readonly unknown[];
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
  readonly referer: string | null;
  readonly consent: unknown;
}

export async function insertApplication(db: AtsKysely, a: ApplicationInsert): Promise<string> {
  const { id } = await db
    .insertInto('ats.application')
    .values({
      opportunity_id: a.opportunityId,
      posting_id: a.postingId,
      type: 'posting',
      user_id: a.userId,
      name: a.name,
      email: a.email,
      phone: a.phone,
      company: a.company,
      links: [...a.links],
      comments: a.comments,
      custom_questions: JSON.stringify(a.customQuestions),
      ip_address: a.ipAddress,
      user_agent: a.userAgent,
      referer: a.referer,
      consent: a.consent === undefined || a.consent === null ? null : JSON.stringify(a.consent),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
