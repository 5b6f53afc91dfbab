// All SQL for pipeline stages. Stage ids are text: Lever's built-in slugs (`lead-new`, `offer`, …) or UUIDs
// for custom stages, unique per account. The pipeline order is `rank` (a float, so a stage can be put
// between two others without renumbering).
import type { AtsKysely, Row } from '../../db.ts';

export type StageRow = Row<'ats.stage'>;

export function findStageById(db: AtsKysely, accountId: string, id: string): Promise<StageRow | undefined> {
  return db
    .selectFrom('ats.stage')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Stages in pipeline order (rank, id); `limit + 1` rows when a limit is given, for the list envelope. */
export function listStages(
  db: AtsKysely,
  accountId: string,
  page?: { limit: number; after?: readonly [number, string] },
): Promise<StageRow[]> {
  let q = db.selectFrom('ats.stage').selectAll().where('account_id', '=', accountId);
  if (page?.after) {
    const [rank, id] = page.after;
    q = q.where((eb) => eb(eb.refTuple('rank', 'id'), '>', eb.tuple(rank, id)));
  }
  q = q.orderBy('rank').orderBy('id');
  return page ? q.limit(page.limit + 1).execute() : q.execute();
}
