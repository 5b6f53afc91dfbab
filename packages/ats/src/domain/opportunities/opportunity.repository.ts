// All SQL for opportunities, their stage changes and the account vocabulary they reference (stages,
// archive reasons). Reads start from visibility.ts; lists are keyset pages in (created_at desc, id desc) order
// on opportunity_account_confidentiality_created_idx (opportunity_account_created_idx for
// `confidentiality=all`) — never OFFSET.
import { sql } from 'kysely';
import type { AtsKysely, NewRow, Row, RowUpdate } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import { isUuid } from '../../api/query.ts';
import { applyOpportunityFilters, type OpportunityFilters, type Range } from './opportunity-filters.ts';
import { deletedOpportunities, visibleOpportunities } from './visibility.ts';
import {
  epochMicros,
  fromEpochMicros,
  selectOpportunityView,
  selectOpportunityWire,
  toOpportunityView,
  type OpportunityView,
  type OpportunityWireRow,
} from './opportunity-view.ts';

export type OpportunityRow = Row<'ats.opportunity'>;
export type StageRow = Row<'ats.stage'>;
export type ArchiveReasonRow = Row<'ats.archive_reason'>;

/** Keyset position: [created_at in epoch µs, id]. */
export type OpportunityCursor = readonly [number, string];

export interface OpportunityPageQuery {
  filters: OpportunityFilters;
  after?: OpportunityCursor;
  limit: number;
}

/** The visible opportunities matching the filters after the keyset position, newest first: limit + 1, to tell hasNext. */
function opportunityPage(db: AtsKysely, vis: Visibility, q: OpportunityPageQuery) {
  let query = applyOpportunityFilters(visibleOpportunities(db, vis), vis.accountId, q.filters);
  if (q.after) {
    const [us, id] = q.after;
    query = query.where(
      sql<boolean>`(ats.opportunity.created_at, ats.opportunity.id) < (${fromEpochMicros(us)}, ${id}::uuid)`,
    );
  }
  return query
    .orderBy('ats.opportunity.created_at', 'desc')
    .orderBy('ats.opportunity.id', 'desc')
    .limit(q.limit + 1);
}

/** A page of the read model (ATS pages). */
export async function listOpportunityViews(
  db: AtsKysely,
  vis: Visibility,
  q: OpportunityPageQuery,
): Promise<OpportunityView[]> {
  const rows = await selectOpportunityView(opportunityPage(db, vis, q)).execute();
  return rows.map(toOpportunityView);
}

/** A page of what the API sends (GET /opportunities). */
export function listOpportunityWires(
  db: AtsKysely,
  vis: Visibility,
  q: OpportunityPageQuery,
): Promise<OpportunityWireRow[]> {
  return selectOpportunityWire(opportunityPage(db, vis, q)).execute();
}

export async function findOpportunityView(
  db: AtsKysely,
  vis: Visibility,
  id: string,
): Promise<OpportunityView | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await selectOpportunityView(visibleOpportunities(db, vis))
    .where('ats.opportunity.id', '=', id)
    .executeTakeFirst();
  return row && toOpportunityView(row);
}

export function findOpportunityWire(
  db: AtsKysely,
  vis: Visibility,
  id: string,
): Promise<OpportunityWireRow | undefined> {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return selectOpportunityWire(visibleOpportunities(db, vis))
    .where('ats.opportunity.id', '=', id)
    .executeTakeFirst();
}

/** Locks the visible opportunity row for a change (concurrent stage/archive changes serialize). */
export function lockVisibleOpportunity(
  db: AtsKysely,
  vis: Visibility,
  id: string,
): Promise<OpportunityRow | undefined> {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return visibleOpportunities(db, vis)
    .selectAll('ats.opportunity')
    .where('ats.opportunity.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function insertOpportunity(db: AtsKysely, row: NewRow<'ats.opportunity'>): Promise<OpportunityRow> {
  return db.insertInto('ats.opportunity').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateOpportunity(
  db: AtsKysely,
  accountId: string,
  id: string,
  set: RowUpdate<'ats.opportunity'>,
): Promise<OpportunityRow> {
  return db
    .updateTable('ats.opportunity')
    .set(set)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Bumps updated_at of a contact's opportunities (their wire shape embeds the contact's fields). */
export async function touchContactOpportunities(
  db: AtsKysely,
  accountId: string,
  contactId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('ats.opportunity')
    .set({ updated_at: at })
    .where('account_id', '=', accountId)
    .where('contact_id', '=', contactId)
    .execute();
}

export async function insertStageChange(db: AtsKysely, row: NewRow<'ats.stage_change'>): Promise<void> {
  await db.insertInto('ats.stage_change').values(row).execute();
}

/** The account's pipeline in order; a stage's index here is `toStageIndex` (counted from 0, §2.3). */
export function listStages(db: AtsKysely, accountId: string): Promise<StageRow[]> {
  return db
    .selectFrom('ats.stage')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('rank')
    .orderBy('id')
    .execute();
}

export function findArchiveReason(
  db: AtsKysely,
  accountId: string,
  id: string,
): Promise<ArchiveReasonRow | undefined> {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return db
    .selectFrom('ats.archive_reason')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface DeletedRow {
  id: string;
  deleted_at: Date;
  deleted_us: string;
}

/** A keyset page of deleted opportunities, newest deletion first. */
export function listDeletedOpportunities(
  db: AtsKysely,
  vis: Visibility,
  q: { deletedAt: Range; after?: OpportunityCursor; limit: number },
): Promise<DeletedRow[]> {
  let query = deletedOpportunities(db, vis);
  if (q.deletedAt.start) query = query.where('ats.opportunity.deleted_at', '>=', q.deletedAt.start);
  if (q.deletedAt.end) query = query.where('ats.opportunity.deleted_at', '<=', q.deletedAt.end);
  if (q.after) {
    const [us, id] = q.after;
    query = query.where(
      sql<boolean>`(ats.opportunity.deleted_at, ats.opportunity.id) < (${fromEpochMicros(us)}, ${id}::uuid)`,
    );
  }
  return query
    .select([
      'ats.opportunity.id',
      'ats.opportunity.deleted_at',
      epochMicros('ats.opportunity.deleted_at').as('deleted_us'),
    ])
    .orderBy('ats.opportunity.deleted_at', 'desc')
    .orderBy('ats.opportunity.id', 'desc')
    .limit(q.limit + 1)
    .execute() as Promise<DeletedRow[]>;
}

export type PostingRow = Row<'ats.posting'>;

/** A live posting an opportunity may be attached to; confidential ones only for confidential callers. */
export function findAttachablePosting(
  db: AtsKysely,
  vis: Visibility,
  id: string,
): Promise<PostingRow | undefined> {
  if (!isUuid(id)) return Promise.resolve(undefined);
  let q = db
    .selectFrom('ats.posting')
    .selectAll()
    .where('account_id', '=', vis.accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (!vis.confidential) q = q.where('confidentiality', '=', 'non-confidential');
  return q.executeTakeFirst();
}

/** What the API sends, by id within the account, for write responses (the writer may not be able to list it). */
export function findOpportunityWireForWrite(
  db: AtsKysely,
  accountId: string,
  id: string,
): Promise<OpportunityWireRow> {
  return selectOpportunityWire(
    db.selectFrom('ats.opportunity').where('ats.opportunity.account_id', '=', accountId),
  )
    .where('ats.opportunity.id', '=', id)
    .executeTakeFirstOrThrow();
}
