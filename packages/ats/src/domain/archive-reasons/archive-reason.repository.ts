// All SQL for archive reasons (why an opportunity left the pipeline; every account has "Hired").
import type { AtsKysely, Row } from '../../db.ts';

export type ArchiveReasonRow = Row<'ats.archive_reason'>;

export function findArchiveReasonById(
  db: AtsKysely,
  accountId: string,
  id: string,
): Promise<ArchiveReasonRow | undefined> {
  return db
    .selectFrom('ats.archive_reason')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface ArchiveReasonFilter {
  readonly type?: 'hired' | 'non-hired';
  readonly activeOnly?: boolean;
}

/** Archive reasons by (text, id) — a stable, readable order; `limit + 1` rows when paginated. */
export function listArchiveReasons(
  db: AtsKysely,
  accountId: string,
  filter: ArchiveReasonFilter,
  page?: { limit: number; after?: readonly [string, string] },
): Promise<ArchiveReasonRow[]> {
  let q = db.selectFrom('ats.archive_reason').selectAll().where('account_id', '=', accountId);
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.activeOnly) q = q.where('status', '=', 'active');
  if (page?.after) {
    const [text, id] = page.after;
    q = q.where((eb) => eb(eb.refTuple('text', 'id'), '>', eb.tuple(text, id)));
  }
  q = q.orderBy('text').orderBy('id');
  return page ? q.limit(page.limit + 1).execute() : q.execute();
}
