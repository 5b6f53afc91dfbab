// `GET /opportunities` query string (reference §2.3 table) → domain filters. Repeated values are a union;
// timestamps are ms; booleans are case-insensitive; ids that cannot exist are a 400 naming the parameter
// (never a uuid cast error); an invalid `email` is Lever's 400 "Email address is not valid".
import { Type, type Static } from 'typebox';
import { AppError, Errors } from '@hireloop/platform';
import { CONFIDENTIALITY_FILTERS, ORIGINS } from '@hireloop/lever/wire';
import { Limit, Multi, Offset, Text, isUuid, parseBool, parseEnum, parseMs } from '../../query.ts';
import { canonicalEmail, isValidEmail } from '../../../domain/contacts/contact.repository.ts';
import type { OpportunityFilters, Range } from '../../../domain/opportunities/opportunity-filters.ts';

const ms = (description: string) => Type.Optional(Type.String({ description }));

export const ListOpportunitiesQuery = Type.Object({
  tag: Multi,
  email: Multi,
  origin: Multi,
  source: Multi,
  confidentiality: Multi,
  stage_id: Multi,
  posting_id: Multi,
  archived_posting_id: Multi,
  created_at_start: ms('ms, inclusive'),
  created_at_end: ms('ms, inclusive'),
  updated_at_start: ms('ms, inclusive'),
  updated_at_end: ms('ms, inclusive'),
  advanced_at_start: ms('ms, inclusive'),
  advanced_at_end: ms('ms, inclusive'),
  archived_at_start: ms('ms, inclusive'),
  archived_at_end: ms('ms, inclusive'),
  archived: Text,
  archive_reason_id: Multi,
  snoozed: Text,
  contact_id: Multi,
  expand: Multi,
  include: Multi,
  limit: Limit,
  offset: Offset,
});
export type ListOpportunitiesQueryString = Static<typeof ListOpportunitiesQuery>;

function uuids(name: string, values: readonly string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  const bad = values.find((v) => !isUuid(v));
  if (bad !== undefined) {
    throw new AppError(Errors.Validation, `Invalid value for ${name}: "${bad}" is not an id`, {
      details: { fields: [{ field: name, in: 'querystring', message: 'must be a UUID' }] },
    });
  }
  return values.map((v) => v.toLowerCase());
}

function emails(values: readonly string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.some((v) => !isValidEmail(v))) {
    throw new AppError(Errors.Validation, 'Email address is not valid', {
      details: { fields: [{ field: 'email', in: 'querystring', message: 'is not a valid email address' }] },
    });
  }
  return values.map(canonicalEmail);
}

function range(q: Record<string, string | undefined>, prefix: string): Range {
  return {
    start: parseMs(`${prefix}_start`, q[`${prefix}_start`]),
    end: parseMs(`${prefix}_end`, q[`${prefix}_end`]),
  };
}

export function parseOpportunityFilters(q: ListOpportunitiesQueryString): OpportunityFilters {
  const conf = parseEnum('confidentiality', q.confidentiality, CONFIDENTIALITY_FILTERS);
  // Several values are a union; default non-confidential (§1.8).
  const confidentiality = !conf
    ? 'non-confidential'
    : new Set(conf).size > 1 || conf.includes('all')
      ? 'all'
      : conf[0]!;
  const scalars = q as unknown as Record<string, string | undefined>;
  return {
    tag: q.tag,
    email: emails(q.email),
    origin: parseEnum('origin', q.origin, ORIGINS),
    source: q.source,
    confidentiality,
    stageId: q.stage_id,
    postingId: uuids('posting_id', q.posting_id),
    archivedPostingId: uuids('archived_posting_id', q.archived_posting_id),
    createdAt: range(scalars, 'created_at'),
    updatedAt: range(scalars, 'updated_at'),
    advancedAt: range(scalars, 'advanced_at'),
    archivedAt: range(scalars, 'archived_at'),
    archived: parseBool('archived', q.archived),
    archiveReasonId: uuids('archive_reason_id', q.archive_reason_id),
    snoozed: parseBool('snoozed', q.snoozed),
    contactId: uuids('contact_id', q.contact_id),
  };
}
