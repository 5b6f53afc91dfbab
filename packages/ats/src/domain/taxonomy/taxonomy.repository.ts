// Sources and tags are not records of their own in Lever (reference §2.6): they are the free-text labels
// on opportunities, listed with how many opportunities carry each. We compute them from the opportunities'
// arrays (unnest + group by), starting from visibleOpportunities so an API key without confidential access
// never learns a label that only confidential candidates carry.
import { sql } from 'kysely';
import type { AtsKysely } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import { visibleOpportunities } from '../opportunities/visibility.ts';

export interface LabelCount {
  text: string;
  count: number;
}

export type LabelColumn = 'tags' | 'sources';

/** One page of labels in text order, `limit + 1` rows; `after` is the last text of the previous page. */
export async function listLabelCounts(
  db: AtsKysely,
  vis: Visibility,
  column: LabelColumn,
  limit: number,
  after?: string,
): Promise<LabelCount[]> {
  const labels = visibleOpportunities(db, vis).select(
    sql<string>`unnest(${sql.ref(`ats.opportunity.${column}`)})`.as('text'),
  );
  let q = db
    .selectFrom(labels.as('l'))
    .select(['l.text', sql<number>`count(*)::int`.as('count')])
    .groupBy('l.text');
  if (after !== undefined) q = q.where('l.text', '>', after);
  return q
    .orderBy('l.text')
    .limit(limit + 1)
    .execute();
}
