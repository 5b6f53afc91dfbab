// Opportunity = one candidacy of a contact (reference §2.3): the object, its write bodies and list query.
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp, Urls } from './common.ts';
import { DataProtection, Phone } from './contact.ts';
import { Confidentiality, Origin, type ConfidentialityFilter } from './enums.ts';

/** `archived` is `null` while active; `reason` is an archive-reason id. */
export const Archived = Type.Object({ reason: Id, archivedAt: Timestamp });
export type Archived = Static<typeof Archived>;

export const StageChange = Type.Object({
  toStageId: Id,
  /** Counts from 0 (§2.3). */
  toStageIndex: Type.Integer({ minimum: 0 }),
  updatedAt: Timestamp,
  userId: Nullable(Id),
});
export type StageChange = Static<typeof StageChange>;

export const OpportunityProperties = {
  id: Id,
  name: Type.String(),
  contact: Id,
  headline: Type.String(),
  stage: Nullable(Id),
  confidentiality: Confidentiality,
  location: Type.String(),
  phones: Type.Array(Phone),
  emails: Type.Array(Type.String()),
  links: Type.Array(Type.String()),
  archived: Nullable(Archived),
  tags: Type.Array(Type.String()),
  sources: Type.Array(Type.String()),
  stageChanges: Type.Array(StageChange),
  origin: Origin,
  sourcedBy: Nullable(Id),
  owner: Nullable(Id),
  followers: Type.Array(Id),
  applications: Type.Array(Id),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastInteractionAt: Nullable(Timestamp),
  lastAdvancedAt: Nullable(Timestamp),
  snoozedUntil: Nullable(Timestamp),
  urls: Urls,
  isAnonymized: Type.Boolean(),
  dataProtection: Nullable(DataProtection),
  /** Present on GET/list, absent on write responses (§2.3). */
  opportunityLocation: Type.Optional(Nullable(Type.String())),
  /** Legacy fields from older docs; real data omits them, emitting `null` is safe (§2.3). */
  archivedAt: Type.Optional(Type.Null()),
  archiveReason: Type.Optional(Type.Null()),
  resume: Type.Optional(Type.Null()),
};

export const Opportunity = Type.Object(OpportunityProperties);
export type Opportunity = Static<typeof Opportunity>;

/** `POST /opportunities` → 201 `{deduped, data}`; `deduped` is true when an existing contact matched. */
export const OpportunityCreated = Type.Object({ deduped: Type.Boolean(), data: Opportunity });
export type OpportunityCreated = Static<typeof OpportunityCreated>;

/**
 * JSON body of `POST /opportunities?perform_as=…[&parse=true][&perform_as_posting_owner=true]`.
 * Multipart uses the same names with bracketed arrays (`emails[]`) plus a `resumeFile` part (§2.3).
 */
export const OpportunityCreate = Type.Object({
  name: Type.Optional(Type.String()),
  headline: Type.Optional(Type.String()),
  location: Type.Optional(Type.String()),
  emails: Type.Optional(Type.Array(Type.String())),
  phones: Type.Optional(Type.Array(Phone)),
  links: Type.Optional(Type.Array(Type.String())),
  stage: Type.Optional(Id),
  tags: Type.Optional(Type.Array(Type.String())),
  sources: Type.Optional(Type.Array(Type.String())),
  origin: Type.Optional(Origin),
  owner: Type.Optional(Id),
  followers: Type.Optional(Type.Array(Id)),
  /** Only one posting per request (§2.3). */
  postings: Type.Optional(Type.Array(Id, { maxItems: 1 })),
  createdAt: Type.Optional(Timestamp),
  archived: Type.Optional(Type.Object({ reason: Id, archivedAt: Type.Optional(Timestamp) })),
  contact: Type.Optional(Id),
});
export type OpportunityCreate = Static<typeof OpportunityCreate>;

/** `PUT /opportunities/:id/stage`. */
export const StageUpdate = Type.Object({ stage: Id });
export type StageUpdate = Static<typeof StageUpdate>;

/** `PUT /opportunities/:id/archived`; `reason: null` unarchives (§2.3). */
export const ArchivedUpdate = Type.Object({
  reason: Nullable(Id),
  cleanInterviews: Type.Optional(Type.Boolean()),
  requisitionId: Type.Optional(Id),
});
export type ArchivedUpdate = Static<typeof ArchivedUpdate>;

export const TagsUpdate = Type.Object({ tags: Type.Array(Type.String()) });
export const SourcesUpdate = Type.Object({ sources: Type.Array(Type.String()) });
export const LinksUpdate = Type.Object({ links: Type.Array(Type.String()) });

/** Query of `GET /opportunities` (§2.3). Arrays go out as repeated params (union); timestamps in ms. */
export interface ListOpportunitiesQuery {
  tag?: string[];
  email?: string[];
  origin?: Origin[];
  source?: string[];
  confidentiality?: ConfidentialityFilter;
  stage_id?: string[];
  posting_id?: string[];
  archived_posting_id?: string[];
  created_at_start?: number;
  created_at_end?: number;
  updated_at_start?: number;
  updated_at_end?: number;
  advanced_at_start?: number;
  advanced_at_end?: number;
  archived_at_start?: number;
  archived_at_end?: number;
  archived?: boolean;
  archive_reason_id?: string[];
  snoozed?: boolean;
  contact_id?: string[];
  expand?: OpportunityExpand[];
  include?: 'followers'[];
  limit?: number;
}

export const OPPORTUNITY_EXPANDS = Object.freeze([
  'applications',
  'stage',
  'owner',
  'followers',
  'sourcedBy',
  'contact',
] as const);
export type OpportunityExpand = (typeof OPPORTUNITY_EXPANDS)[number];

/** Item of `GET /opportunities/deleted` and `GET /postings/deleted` (§2.2, §2.3). */
export const DeletedItem = Type.Object({ id: Id, deletedAt: Type.Optional(Timestamp) });
export type DeletedItem = Static<typeof DeletedItem>;
