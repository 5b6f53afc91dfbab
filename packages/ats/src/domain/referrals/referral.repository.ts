// All SQL for referrals (reference §2.9): completed referral forms on an opportunity. Callers have already
// checked the opportunity's visibility.
import { sql } from 'kysely';
import type { AtsKysely, NewRow, Row } from '../../db.ts';

export type ReferralRow = Row<'ats.referral'>;

const createdMs = sql<number>`floor(extract(epoch from ats.referral.created_at) * 1000)::bigint`;

export function insertReferral(db: AtsKysely, row: NewRow<'ats.referral'>): Promise<ReferralRow> {
  return db.insertInto('ats.referral').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findReferral(
  db: AtsKysely,
  opportunityId: string,
  id: string,
): Promise<ReferralRow | undefined> {
  return db
    .selectFrom('ats.referral')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One keyset page, newest first, keyed by (created ms, id). */
export function listReferrals(
  db: AtsKysely,
  q: { opportunityId: string; after?: readonly [number, string]; limit: number },
): Promise<ReferralRow[]> {
  let query = db.selectFrom('ats.referral').selectAll().where('opportunity_id', '=', q.opportunityId);
  if (q.after) {
    const [at, id] = q.after;
    query = query.where(sql<boolean>`(${createdMs}, ats.referral.id) < (${at}::bigint, ${id}::uuid)`);
  }
  return query
    .orderBy(createdMs, 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
}
