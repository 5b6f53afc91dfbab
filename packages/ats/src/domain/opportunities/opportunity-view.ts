// The read model of an opportunity: its row, its contact's fields, its stage's name, its stage changes and
// application ids — ONE query per page, whatever its size.
//
// Column types are chosen for cheap decoding (issue 3, P2: decoding was most of a list page's CPU in the Node
// process): arrays travel as `json` (one native JSON.parse instead of the drivers' JS array parser per text[]
// and uuid[]), timestamps as int8 epoch ms (a Number instead of a regex per value) and become Dates in
// `toOpportunityView`, so callers keep the row types of db.ts. Plain columns rather than one json_build_object
// per row: PostgreSQL builds them for half the CPU, and decoding them in Node costs about the same.
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { AtsDb, Phone, Row } from '../../db.ts';

export interface StageChangeView {
  toStageId: string;
  toStageIndex: number;
  updatedAt: number;
  userId: string | null;
}

export interface OpportunityView extends Omit<
  Row<'ats.opportunity'>,
  'wire_fields' | 'wire_application_ids'
> {
  contact_name: string;
  contact_headline: string;
  contact_location: string;
  contact_emails: string[];
  contact_phones: Phone[];
  contact_is_anonymized: boolean;
  /** The stage's name in the account's pipeline; null when the stage id is not (or no longer) defined. */
  stage_text: string | null;
  stage_changes: StageChangeView[];
  application_ids: string[];
  /** created_at in whole microseconds (text): the exact keyset position, which a JS Date (ms) cannot hold. */
  created_us: string;
}

type TimeColumn =
  | 'archived_at'
  | 'snoozed_until'
  | 'created_at'
  | 'updated_at'
  | 'last_interaction_at'
  | 'last_advanced_at'
  | 'deleted_at';

/** A view as it comes out of the database: the same fields, timestamps as epoch ms. */
export type OpportunityViewRow = Omit<OpportunityView, TimeColumn> & { [K in TimeColumn]: number | null };

/**
 * Exact epoch microseconds of a timestamptz as int8, without numeric arithmetic (extract(epoch) is numeric
 * since PostgreSQL 14, several times slower per value). date_part returns µs / 1e6 as the nearest double;
 * for any timestamp before year 2255 its error is under 0.13 µs, so rounding µs back is exact (checked against
 * extract() on 2.5M values, a µs-by-µs sweep included).
 */
const epochMicrosInt = (column: string): RawBuilder<number> =>
  sql<number>`round(date_part('epoch', ${sql.ref(column)}) * 1000000)::int8`;

/** Epoch milliseconds, truncated like a JS Date built from the timestamp (int8 division of µs ≥ 0). */
export const epochMs = (column: string): RawBuilder<number> =>
  sql<number>`(${epochMicrosInt(column)} / 1000)`;

/** Epoch microseconds of a timestamptz column, exact, as text (the keyset tokens hold it). */
export const epochMicros = (column: string): RawBuilder<string> =>
  sql<string>`${epochMicrosInt(column)}::text`;

/** The timestamptz for epoch microseconds, exact (no float round trip). */
export const fromEpochMicros = (us: number): RawBuilder<Date> =>
  sql<Date>`(timestamptz 'epoch' + ${us}::bigint * interval '1 microsecond')`;

const col = (column: string) => `ats.opportunity.${column}`;
const json = <T>(column: string): RawBuilder<T> => sql<T>`to_json(${sql.ref(column)})`;

/** The opportunity's stage in its account's pipeline, as `st` (absent when the stage id is not defined there). */
const joinStage = (q: SelectQueryBuilder<AtsDb, 'ats.opportunity', object>) =>
  q.leftJoin('ats.stage as st', (j) =>
    j
      .onRef('st.account_id', '=', 'ats.opportunity.account_id')
      .onRef('st.id', '=', 'ats.opportunity.stage_id'),
  );

export function selectOpportunityView(q: SelectQueryBuilder<AtsDb, 'ats.opportunity', object>) {
  return joinStage(q)
    .innerJoin('ats.contact as c', 'c.id', 'ats.opportunity.contact_id')
    .select([
      'ats.opportunity.id',
      'ats.opportunity.account_id',
      'ats.opportunity.contact_id',
      'ats.opportunity.posting_id',
      'ats.opportunity.stage_id',
      'ats.opportunity.origin',
      'ats.opportunity.confidentiality',
      'ats.opportunity.owner_id',
      'ats.opportunity.sourced_by',
      json<string[]>(col('followers')).as('followers'),
      json<string[]>(col('tags')).as('tags'),
      json<string[]>(col('sources')).as('sources'),
      json<string[]>(col('links')).as('links'),
      'ats.opportunity.archive_reason_id',
      epochMs(col('archived_at')).as('archived_at'),
      epochMs(col('snoozed_until')).as('snoozed_until'),
      'ats.opportunity.opportunity_location',
      'ats.opportunity.data_protection',
      epochMs(col('created_at')).as('created_at'),
      epochMs(col('updated_at')).as('updated_at'),
      epochMs(col('last_interaction_at')).as('last_interaction_at'),
      epochMs(col('last_advanced_at')).as('last_advanced_at'),
      epochMs(col('deleted_at')).as('deleted_at'),
      'ats.opportunity.deleted_by',
      'c.name as contact_name',
      'c.headline as contact_headline',
      'c.location as contact_location',
      json<string[]>('c.emails').as('contact_emails'),
      'c.phones as contact_phones',
      'c.is_anonymized as contact_is_anonymized',
      'st.text as stage_text',
      sql<StageChangeView[]>`coalesce((
        select json_agg(json_build_object(
          'toStageId', sc.to_stage_id, 'toStageIndex', sc.to_stage_index,
          'updatedAt', ${epochMs('sc.updated_at')}, 'userId', sc.user_id
        ) order by sc.updated_at, sc.id)
        from ats.stage_change sc where sc.opportunity_id = ats.opportunity.id), '[]'::json)`.as(
        'stage_changes',
      ),
      sql<string[]>`coalesce((
        select json_agg(a.id order by a.created_at, a.id) from ats.application a
        where a.opportunity_id = ats.opportunity.id and a.deleted_at is null), '[]'::json)`.as(
        'application_ids',
      ),
      epochMicros(col('created_at')).as('created_us'),
    ]);
}

/**
 * What the API sends of an opportunity: its stored Lever JSON members and application ids (migration 0008)
 * and the columns that `?expand=` and the configuration decide on — JSON as text, so a page is assembled
 * without parsing or serializing the rows (opportunity.wire.ts).
 */
export interface OpportunityWireRow {
  wire_fields: string;
  id: string;
  contact_id: string;
  stage_id: string;
  /** The stage's name in the account's pipeline; null when the stage id is not (or no longer) defined. */
  stage_text: string | null;
  owner_id: string | null;
  sourced_by: string | null;
  /** JSON array text of user ids. */
  followers: string;
  /** JSON array text of the live applications' ids, oldest first. */
  application_ids: string;
  opportunity_location: string | null;
  /** created_at in whole microseconds (text): the exact keyset position. */
  created_us: string;
}

export function selectOpportunityWire(q: SelectQueryBuilder<AtsDb, 'ats.opportunity', object>) {
  return joinStage(q).select([
    'ats.opportunity.wire_fields',
    'ats.opportunity.id',
    'ats.opportunity.contact_id',
    'ats.opportunity.stage_id',
    'st.text as stage_text',
    'ats.opportunity.owner_id',
    'ats.opportunity.sourced_by',
    sql<string>`to_json(ats.opportunity.followers)::text`.as('followers'),
    'ats.opportunity.wire_application_ids as application_ids',
    'ats.opportunity.opportunity_location',
    epochMicros(col('created_at')).as('created_us'),
  ]);
}

const toDate = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** A row of `selectOpportunityView` → the read model: epoch ms → Date, in place (the row is ours alone). */
export function toOpportunityView(r: OpportunityViewRow): OpportunityView {
  const v = r as unknown as OpportunityView;
  v.archived_at = toDate(r.archived_at);
  v.snoozed_until = toDate(r.snoozed_until);
  v.created_at = new Date(r.created_at!);
  v.updated_at = new Date(r.updated_at!);
  v.last_interaction_at = new Date(r.last_interaction_at!);
  v.last_advanced_at = new Date(r.last_advanced_at!);
  v.deleted_at = toDate(r.deleted_at);
  return v;
}
