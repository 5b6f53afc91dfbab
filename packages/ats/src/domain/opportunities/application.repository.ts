// All SQL for applications (the link of an opportunity to a posting, reference §2.5). Reads take the ids
// of opportunities the caller was already allowed to see (visibility.ts); the wire needs the posting's
// owner and hiring manager and the opportunity's archive state, joined here in one query per page.
import { sql } from 'kysely';
import type { AtsKysely, NewRow, Row } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import { isUuid } from '../../api/query.ts';
import type { Range } from './opportunity-filters.ts';
import { epochMicros, fromEpochMicros } from './opportunity-view.ts';
import { opportunitiesInReach } from './visibility.ts';
import type { OpportunityCursor } from './opportunity.repository.ts';

export type ApplicationRow = Row<'ats.application'>;

export interface ApplicationView extends ApplicationRow {
  posting_owner_id: string | null;
  posting_hiring_manager_id: string | null;
  archive_reason_id: string | null;
  archived_at: Date | null;
}

export function insertApplication(db: AtsKysely, row: NewRow<'ats.application'>): Promise<ApplicationRow> {
  return db.insertInto('ats.application').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Live applications of these (visible) opportunities, oldest first. */
export async function listApplicationViews(
  db: AtsKysely,
  opportunityIds: readonly string[],
  applicationId?: string,
): Promise<ApplicationView[]> {
  if (opportunityIds.length === 0) return [];
  if (applicationId !== undefined && !isUuid(applicationId)) return [];
  let q = db
    .selectFrom('ats.application as a')
    .innerJoin('ats.opportunity as o', 'o.id', 'a.opportunity_id')
    .leftJoin('ats.posting as p', 'p.id', 'a.posting_id')
    .selectAll('a')
    .select([
      'p.owner_id as posting_owner_id',
      'p.hiring_manager_id as posting_hiring_manager_id',
      'o.archive_reason_id',
      'o.archived_at',
    ])
    .where('a.opportunity_id', 'in', [...opportunityIds])
    .where('a.deleted_at', 'is', null);
  if (applicationId !== undefined) q = q.where('a.id', '=', applicationId);
  return q.orderBy('a.created_at').orderBy('a.id').execute();
}

/** Hire (or unhire, with `at` null) the live applications of an opportunity. */
export async function setApplicationsHired(
  db: AtsKysely,
  opportunityId: string,
  at: Date | null,
  requisitionForHire: ApplicationRow['requisition_for_hire'],
): Promise<void> {
  await db
    .updateTable('ats.application')
    .set({
      hired_at: at,
      requisition_for_hire: requisitionForHire === null ? null : JSON.stringify(requisitionForHire),
    })
    .where('opportunity_id', '=', opportunityId)
    .where('deleted_at', 'is', null)
    .execute();
}

export async function softDeleteApplications(db: AtsKysely, opportunityId: string, at: Date): Promise<void> {
  await db
    .updateTable('ats.application')
    .set({ deleted_at: at })
    .where('opportunity_id', '=', opportunityId)
    .where('deleted_at', 'is', null)
    .execute();
}

export interface DeletedApplicationRow {
  id: string;
  opportunity_id: string;
  deleted_at: Date;
  deleted_us: string;
}

/** A keyset page of deleted applications of opportunities in the caller's reach, newest deletion first. */
export function listDeletedApplications(
  db: AtsKysely,
  vis: Visibility,
  q: { deletedAt: Range; after?: OpportunityCursor; limit: number },
): Promise<DeletedApplicationRow[]> {
  let query = db
    .selectFrom('ats.application')
    .where('ats.application.deleted_at', 'is not', null)
    .where(
      'ats.application.opportunity_id',
      'in',
      opportunitiesInReach(db, vis).select('ats.opportunity.id'),
    );
  if (q.deletedAt.start) query = query.where('ats.application.deleted_at', '>=', q.deletedAt.start);
  if (q.deletedAt.end) query = query.where('ats.application.deleted_at', '<=', q.deletedAt.end);
  if (q.after) {
    const [us, id] = q.after;
    query = query.where(
      sql<boolean>`(ats.application.deleted_at, ats.application.id) < (${fromEpochMicros(us)}, ${id}::uuid)`,
    );
  }
  return query
    .select([
      'ats.application.id',
      'ats.application.opportunity_id',
      'ats.application.deleted_at',
      epochMicros('ats.application.deleted_at').as('deleted_us'),
    ])
    .orderBy('ats.application.deleted_at', 'desc')
    .orderBy('ats.application.id', 'desc')
    .limit(q.limit + 1)
    .execute() as Promise<DeletedApplicationRow[]>;
}
