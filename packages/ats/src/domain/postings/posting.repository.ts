// All SQL for postings. Every query is scoped by account; deleted postings are invisible except to
// listDeletedPostings. List order is creation time (ms) descending, then id: creation time never changes,
// so a keyset token stays valid while postings are edited (reference §1.4: tokens live for hours or days).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AtsKysely, NewRow, Row, RowUpdate } from '../../db.ts';

export type PostingRow = Row<'ats.posting'>;

export type ConfidentialityFilter = 'non-confidential' | 'confidential' | 'all';

export interface PostingFilters {
  readonly states?: readonly string[];
  readonly channels?: readonly string[];
  readonly team?: readonly string[];
  readonly department?: readonly string[];
  readonly location?: readonly string[];
  readonly commitment?: readonly string[];
  readonly level?: readonly string[];
  readonly tag?: readonly string[];
  readonly confidentiality: ConfidentialityFilter;
  readonly updatedStart?: Date;
  readonly updatedEnd?: Date;
}

/** Keyset position: [creation ms, id] of the last row of the previous page. */
export type PostingCursor = readonly [number, string];

// Timestamps are stored with microseconds but served (and put in tokens) as ms, so sort and compare on ms.
const createdMs = sql<number>`floor(extract(epoch from ats.posting.created_at) * 1000)`;
const deletedMs = sql<number>`floor(extract(epoch from ats.posting.deleted_at) * 1000)`;

export function findPosting(db: AtsKysely, accountId: string, id: string): Promise<PostingRow | undefined> {
  return db
    .selectFrom('ats.posting')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function listPostings(
  db: AtsKysely,
  accountId: string,
  f: PostingFilters,
  limit: number,
  after?: PostingCursor,
): Promise<PostingRow[]> {
  let q = db
    .selectFrom('ats.posting')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null);
  if (f.confidentiality !== 'all') q = q.where('confidentiality', '=', f.confidentiality);
  if (f.states?.length) q = q.where('state', 'in', [...f.states]);
  if (f.channels?.length) q = q.where(sql<SqlBool>`distribution_channels && ${textArray(f.channels)}`);
  for (const column of ['team', 'department', 'commitment', 'level'] as const) {
    const values = f[column];
    if (values?.length) q = q.where(column, 'in', [...values]);
  }
  if (f.location?.length) {
    const values = f.location;
    q = q.where((eb) =>
      eb.or([eb('location', 'in', [...values]), sql<SqlBool>`all_locations && ${textArray(values)}`]),
    );
  }
  if (f.tag?.length) q = q.where(sql<SqlBool>`tags && ${textArray(f.tag)}`);
  if (f.updatedStart) q = q.where('updated_at', '>=', f.updatedStart);
  if (f.updatedEnd) q = q.where('updated_at', '<=', f.updatedEnd);
  if (after)
    q = q.where(sql<SqlBool>`(${createdMs}, ats.posting.id) < (${after[0]}::numeric, ${after[1]}::uuid)`);
  return q
    .orderBy(createdMs, 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function listDeletedPostings(
  db: AtsKysely,
  accountId: string,
  range: { start?: Date; end?: Date },
  limit: number,
  after?: PostingCursor,
): Promise<{ id: string; deleted_at: Date }[]> {
  let q = db
    .selectFrom('ats.posting')
    .select(['id', 'deleted_at'])
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is not', null);
  if (range.start) q = q.where('deleted_at', '>=', range.start);
  if (range.end) q = q.where('deleted_at', '<=', range.end);
  if (after)
    q = q.where(sql<SqlBool>`(${deletedMs}, ats.posting.id) < (${after[0]}::numeric, ${after[1]}::uuid)`);
  const rows = await q
    .orderBy(deletedMs, 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return rows.map((r) => ({ id: r.id, deleted_at: r.deleted_at as Date }));
}

export function insertPosting(db: AtsKysely, row: NewRow<'ats.posting'>): Promise<PostingRow> {
  return db.insertInto('ats.posting').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updatePosting(
  db: AtsKysely,
  accountId: string,
  id: string,
  changes: RowUpdate<'ats.posting'>,
): Promise<PostingRow | undefined> {
  return db
    .updateTable('ats.posting')
    .set(changes)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Public postings of an account (Postings API v0, hosted job site): published on the public channel. */
export function publicPostingCondition(): Expression<SqlBool> {
  // A published posting with no channels recorded predates channels; Lever treats all published postings as
  // public (reference §6), so only an explicit internal-only channel list hides it.
  return sql<SqlBool>`ats.posting.state = 'published' and ats.posting.deleted_at is null and ats.posting.confidentiality = 'non-confidential' and (ats.posting.distribution_channels is null or 'public' = any(ats.posting.distribution_channels))`;
}

export interface PublicPostingFilters {
  readonly team?: readonly string[];
  readonly department?: readonly string[];
  readonly location?: readonly string[];
  readonly commitment?: readonly string[];
  readonly level?: readonly string[];
}

export async function listPublicPostings(
  db: AtsKysely,
  accountId: string,
  f: PublicPostingFilters,
  skip: number,
  limit: number | undefined,
): Promise<PostingRow[]> {
  let q = db
    .selectFrom('ats.posting')
    .selectAll()
    .where('account_id', '=', accountId)
    .where(publicPostingCondition());
  for (const column of ['team', 'department', 'commitment', 'level', 'location'] as const) {
    const values = f[column];
    if (values?.length) q = q.where(column, 'in', [...values]);
  }
  // v0's contract is skip/limit (not tokens) over one site's public jobs, a small set: OFFSET is the
  // faithful mapping here, unlike the keyset-paginated v1 lists.
  q = q.orderBy(createdMs, 'desc').orderBy('id', 'desc').offset(skip);
  if (limit !== undefined) q = q.limit(limit);
  return q.execute();
}

export function findPublicPosting(
  db: AtsKysely,
  accountId: string,
  id: string,
): Promise<PostingRow | undefined> {
  return db
    .selectFrom('ats.posting')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where(publicPostingCondition())
    .executeTakeFirst();
}

function textArray(values: readonly string[]) {
  return sql`${[...values]}::text[]`;
}
