// The read model of an opportunity: its row, its contact's fields, its stage's name, its stage changes and
// application ids — ONE query per page, whatever its size.
//
// Each row comes back as one `json` value (built by json_build_object) rather than ~35 typed columns: the
// drivers then decode a row with one native JSON.parse instead of a JS parser per column (postgres-array for
// every text[]/uuid[], a regex per timestamp), which was most of a list page's CPU in the Node process (issue
// 3, P2). Timestamps travel as epoch ms and become Dates in `toOpportunityView`, so callers keep the row
// types of db.ts.
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

/** A view as it comes out of PostgreSQL: the same fields, timestamps as epoch ms. */
export type OpportunityViewJson = Omit<OpportunityView, TimeColumn> & { [K in TimeColumn]: number | null };

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

const o = (column: string) => sql.ref(`ats.opportunity.${column}`);

export function selectOpportunityView(q: SelectQueryBuilder<AtsDb, 'ats.opportunity', object>) {
  return q
    .innerJoin('ats.contact as c', 'c.id', 'ats.opportunity.contact_id')
    .leftJoin('ats.stage as st', (j) =>
      j
        .onRef('st.account_id', '=', 'ats.opportunity.account_id')
        .onRef('st.id', '=', 'ats.opportunity.stage_id'),
    )
    .select(
      sql<OpportunityViewJson>`json_build_object(
        'id', ${o('id')}, 'account_id', ${o('account_id')}, 'contact_id', ${o('contact_id')},
        'posting_id', ${o('posting_id')}, 'stage_id', ${o('stage_id')}, 'origin', ${o('origin')},
        'confidentiality', ${o('confidentiality')}, 'owner_id', ${o('owner_id')},
        'sourced_by', ${o('sourced_by')}, 'followers', ${o('followers')}, 'tags', ${o('tags')},
        'sources', ${o('sources')}, 'links', ${o('links')}, 'archive_reason_id', ${o('archive_reason_id')},
        'archived_at', ${epochMs('ats.opportunity.archived_at')},
        'snoozed_until', ${epochMs('ats.opportunity.snoozed_until')},
        'opportunity_location', ${o('opportunity_location')}, 'data_protection', ${o('data_protection')},
        'created_at', ${epochMs('ats.opportunity.created_at')},
        'updated_at', ${epochMs('ats.opportunity.updated_at')},
        'last_interaction_at', ${epochMs('ats.opportunity.last_interaction_at')},
        'last_advanced_at', ${epochMs('ats.opportunity.last_advanced_at')},
        'deleted_at', ${epochMs('ats.opportunity.deleted_at')}, 'deleted_by', ${o('deleted_by')},
        'contact_name', c.name, 'contact_headline', c.headline, 'contact_location', c.location,
        'contact_emails', c.emails, 'contact_phones', c.phones, 'contact_is_anonymized', c.is_anonymized,
        'stage_text', st.text,
        'stage_changes', coalesce((
          select json_agg(json_build_object(
            'toStageId', sc.to_stage_id, 'toStageIndex', sc.to_stage_index,
            'updatedAt', ${epochMs('sc.updated_at')}, 'userId', sc.user_id
          ) order by sc.updated_at, sc.id)
          from ats.stage_change sc where sc.opportunity_id = ${o('id')}), '[]'::json),
        'application_ids', coalesce((
          select json_agg(a.id order by a.created_at, a.id) from ats.application a
          where a.opportunity_id = ${o('id')} and a.deleted_at is null), '[]'::json),
        'created_us', ${epochMicros('ats.opportunity.created_at')}
      )`.as('view'),
    );
}

const toDate = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** A row of `selectOpportunityView` → the read model (epoch ms → Date; the rest is already in shape). */
export function toOpportunityView({ view: v }: { view: OpportunityViewJson }): OpportunityView {
  return {
    ...v,
    archived_at: toDate(v.archived_at),
    snoozed_until: toDate(v.snoozed_until),
    created_at: new Date(v.created_at!),
    updated_at: new Date(v.updated_at!),
    last_interaction_at: new Date(v.last_interaction_at!),
    last_advanced_at: new Date(v.last_advanced_at!),
    deleted_at: toDate(v.deleted_at),
  };
}
