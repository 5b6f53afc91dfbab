// The read model of an opportunity: its row, its contact's fields, its stage changes and application ids,
// fetched in ONE query per page (correlated subqueries use stage_change_opportunity_idx and
// application_opportunity_idx), so a list of 100 costs one round trip, not 1 + 3×100.
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { AtsDb, Phone, Row } from '../../db.ts';

export interface StageChangeView {
  toStageId: string;
  toStageIndex: number;
  updatedAt: number;
  userId: string | null;
}

export interface OpportunityView extends Row<'ats.opportunity'> {
  contact_name: string;
  contact_headline: string;
  contact_location: string;
  contact_emails: string[];
  contact_phones: Phone[];
  contact_is_anonymized: boolean;
  stage_changes: StageChangeView[];
  application_ids: string[];
  /** created_at in whole microseconds (text): the exact keyset position, which a JS Date (ms) cannot hold. */
  created_us: string;
}

/** Epoch microseconds of a timestamptz column, exact (extract returns numeric on PostgreSQL ≥ 14). */
export const epochMicros = (column: string): RawBuilder<string> =>
  sql<string>`((extract(epoch from ${sql.ref(column)}) * 1000000)::bigint)::text`;

/** The timestamptz for epoch microseconds, exact (no float round trip). */
export const fromEpochMicros = (us: number): RawBuilder<Date> =>
  sql<Date>`(timestamptz 'epoch' + ${us}::bigint * interval '1 microsecond')`;

export function selectOpportunityView(q: SelectQueryBuilder<AtsDb, 'ats.opportunity', object>) {
  return q
    .innerJoin('ats.contact as c', 'c.id', 'ats.opportunity.contact_id')
    .selectAll('ats.opportunity')
    .select([
      'c.name as contact_name',
      'c.headline as contact_headline',
      'c.location as contact_location',
      'c.emails as contact_emails',
      'c.phones as contact_phones',
      'c.is_anonymized as contact_is_anonymized',
      sql<StageChangeView[]>`coalesce((
        select json_agg(json_build_object(
          'toStageId', sc.to_stage_id, 'toStageIndex', sc.to_stage_index,
          'updatedAt', floor(extract(epoch from sc.updated_at) * 1000)::bigint, 'userId', sc.user_id
        ) order by sc.updated_at, sc.id)
        from ats.stage_change sc where sc.opportunity_id = ats.opportunity.id), '[]'::json)`.as(
        'stage_changes',
      ),
      sql<string[]>`array(select a.id::text from ats.application a
        where a.opportunity_id = ats.opportunity.id and a.deleted_at is null order by a.created_at, a.id)`.as(
        'application_ids',
      ),
      epochMicros('ats.opportunity.created_at').as('created_us'),
    ]);
}
