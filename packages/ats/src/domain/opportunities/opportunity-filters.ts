// The `GET /opportunities` filters (reference §2.3 table) as conditions on the visible-opportunities
// query. Repeated values are a union; ranges are inclusive, in ms; `archived` omitted means both.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { AtsDb } from '../../db.ts';

export interface Range {
  readonly start?: Date;
  readonly end?: Date;
}

export interface OpportunityFilters {
  readonly tag?: readonly string[];
  /** Canonical (lower-cased) emails of the contact. */
  readonly email?: readonly string[];
  readonly origin?: readonly string[];
  readonly source?: readonly string[];
  readonly confidentiality: 'non-confidential' | 'confidential' | 'all';
  readonly stageId?: readonly string[];
  readonly postingId?: readonly string[];
  readonly archivedPostingId?: readonly string[];
  readonly createdAt?: Range;
  readonly updatedAt?: Range;
  readonly advancedAt?: Range;
  readonly archivedAt?: Range;
  readonly archived?: boolean;
  readonly archiveReasonId?: readonly string[];
  readonly snoozed?: boolean;
  readonly contactId?: readonly string[];
  /** Pages only (not a Lever filter): part of the contact's name or of one of their emails, any case. */
  readonly search?: string;
}

type Q = SelectQueryBuilder<AtsDb, 'ats.opportunity', object>;
type TimeColumn = 'created_at' | 'updated_at' | 'last_advanced_at' | 'archived_at';

const some = <T>(v: readonly T[] | undefined): v is readonly T[] => v !== undefined && v.length > 0;

function range(q: Q, column: TimeColumn, r: Range | undefined): Q {
  const col = `ats.opportunity.${column}` as const;
  if (r?.start) q = q.where(col, '>=', r.start);
  if (r?.end) q = q.where(col, '<=', r.end);
  return q;
}

export function applyOpportunityFilters(q: Q, accountId: string, f: OpportunityFilters): Q {
  if (f.confidentiality !== 'all') q = q.where('ats.opportunity.confidentiality', '=', f.confidentiality);
  if (some(f.tag)) q = q.where(sql<boolean>`ats.opportunity.tags && ${sql.val([...f.tag])}::text[]`);
  if (some(f.source)) q = q.where(sql<boolean>`ats.opportunity.sources && ${sql.val([...f.source])}::text[]`);
  if (some(f.origin)) q = q.where('ats.opportunity.origin', 'in', [...f.origin]);
  if (some(f.stageId)) q = q.where('ats.opportunity.stage_id', 'in', [...f.stageId]);
  if (some(f.postingId)) q = q.where('ats.opportunity.posting_id', 'in', [...f.postingId]);
  if (some(f.archivedPostingId)) {
    q = q
      .where('ats.opportunity.posting_id', 'in', [...f.archivedPostingId])
      .where('ats.opportunity.archived_at', 'is not', null);
  }
  if (some(f.archiveReasonId)) q = q.where('ats.opportunity.archive_reason_id', 'in', [...f.archiveReasonId]);
  if (some(f.contactId)) q = q.where('ats.opportunity.contact_id', 'in', [...f.contactId]);
  if (some(f.email)) {
    const emails = [...f.email];
    q = q.where('ats.opportunity.contact_id', 'in', (eb) =>
      eb
        .selectFrom('ats.contact')
        .select('ats.contact.id')
        .where('ats.contact.account_id', '=', accountId)
        .where(sql<boolean>`ats.contact.emails && ${sql.val(emails)}::text[]`),
    );
  }
  if (f.search?.trim()) {
    // LIKE wildcards in what a person typed are literal.
    const pattern = `%${f.search
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where('ats.opportunity.contact_id', 'in', (eb) =>
      eb
        .selectFrom('ats.contact')
        .select('ats.contact.id')
        .where('ats.contact.account_id', '=', accountId)
        .where(
          sql<boolean>`(lower(ats.contact.name) like ${pattern}
            or exists (select 1 from unnest(ats.contact.emails) e where lower(e) like ${pattern}))`,
        ),
    );
  }
  if (f.archived === true) q = q.where('ats.opportunity.archived_at', 'is not', null);
  if (f.archived === false) q = q.where('ats.opportunity.archived_at', 'is', null);
  if (f.snoozed === true) q = q.where(sql<boolean>`ats.opportunity.snoozed_until > now()`);
  if (f.snoozed === false)
    q = q.where(
      sql<boolean>`(ats.opportunity.snoozed_until is null or ats.opportunity.snoozed_until <= now())`,
    );
  q = range(q, 'created_at', f.createdAt);
  q = range(q, 'updated_at', f.updatedAt);
  q = range(q, 'last_advanced_at', f.advancedAt);
  q = range(q, 'archived_at', f.archivedAt);
  return q;
}
