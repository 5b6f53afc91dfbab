// All SQL for offers (reference §2.10). Callers have already checked the opportunity's visibility.
import { sql } from 'kysely';
import type { AtsKysely, NewRow, Row } from '../../db.ts';

export type OfferRow = Row<'ats.offer'>;

const createdMs = sql<number>`floor(extract(epoch from ats.offer.created_at) * 1000)::bigint`;

export function insertOffer(db: AtsKysely, row: NewRow<'ats.offer'>): Promise<OfferRow> {
  return db.insertInto('ats.offer').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findOffer(db: AtsKysely, opportunityId: string, id: string): Promise<OfferRow | undefined> {
  return db
    .selectFrom('ats.offer')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One keyset page, newest first, keyed by (created ms, id). */
export function listOffers(
  db: AtsKysely,
  q: { opportunityId: string; after?: readonly [number, string]; limit: number },
): Promise<OfferRow[]> {
  let query = db.selectFrom('ats.offer').selectAll().where('opportunity_id', '=', q.opportunityId);
  if (q.after) {
    const [at, id] = q.after;
    query = query.where(sql<boolean>`(${createdMs}, ats.offer.id) < (${at}::bigint, ${id}::uuid)`);
  }
  return query
    .orderBy(createdMs, 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
}

/** Name and upload time of the offers' documents, by file id (one query for a page of offers). */
export function findOfferDocuments(
  db: AtsKysely,
  fileIds: readonly string[],
): Promise<Pick<Row<'ats.file'>, 'id' | 'name' | 'created_at'>[]> {
  if (fileIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ats.file')
    .select(['id', 'name', 'created_at'])
    .where('id', 'in', [...fileIds])
    .where('deleted_at', 'is', null)
    .execute();
}
