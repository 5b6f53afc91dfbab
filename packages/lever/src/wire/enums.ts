// Closed sets of the Lever wire format, as frozen data, each with a TypeBox schema and a type of the same
// name (`Origin` is both). Schemas elsewhere are built from these, so a value added here is accepted everywhere.
import { Type } from 'typebox';

/** How an opportunity entered the pipeline (§2.3) — all six seen in real data. */
export const ORIGINS = Object.freeze([
  'agency',
  'applied',
  'internal',
  'referred',
  'sourced',
  'university',
] as const);
export type Origin = (typeof ORIGINS)[number];
export const Origin = Type.Enum(ORIGINS);

/** Posting lifecycle (§2.2). API-created postings default to `draft`. */
export const POSTING_STATES = Object.freeze([
  'published',
  'internal',
  'closed',
  'draft',
  'pending',
  'rejected',
] as const);
export type PostingState = (typeof POSTING_STATES)[number];
export const PostingState = Type.Enum(POSTING_STATES);

export const CONFIDENTIALITIES = Object.freeze(['non-confidential', 'confidential'] as const);
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];
export const Confidentiality = Type.Enum(CONFIDENTIALITIES);

/** List filter `confidentiality=`; default `non-confidential` (§1.8). */
export const CONFIDENTIALITY_FILTERS = Object.freeze(['non-confidential', 'confidential', 'all'] as const);
export type ConfidentialityFilter = (typeof CONFIDENTIALITY_FILTERS)[number];
export const ConfidentialityFilter = Type.Enum(CONFIDENTIALITY_FILTERS);

/** `workplaceType` as read (§2.2, §6.1). Writes may also say `onsite` (Pipedream) — accept both on input. */
export const WORKPLACE_TYPES = Object.freeze(['unspecified', 'on-site', 'remote', 'hybrid'] as const);
export type WorkplaceType = (typeof WORKPLACE_TYPES)[number];
export const WorkplaceType = Type.Enum(WORKPLACE_TYPES);

export const DISTRIBUTION_CHANNELS = Object.freeze(['public', 'internal'] as const);
export type DistributionChannel = (typeof DISTRIBUTION_CHANNELS)[number];
export const DistributionChannel = Type.Enum(DISTRIBUTION_CHANNELS);

/** `salaryRange.interval` / requisition `compensationBand.interval` (§2.2) [M]. */
export const SALARY_INTERVALS = Object.freeze([
  'per-year-salary',
  'per-month-salary',
  'semi-month-salary',
  'bi-month-salary',
  'bi-week-salary',
  'per-week-salary',
  'per-day-wage',
  'per-hour-wage',
  'one-time',
] as const);
export type SalaryInterval = (typeof SALARY_INTERVALS)[number];
export const SalaryInterval = Type.Enum(SALARY_INTERVALS);

/** User `accessRole`: lowercase with spaces (§2.12). Create defaults to `interviewer`. */
export const ACCESS_ROLES = Object.freeze([
  'super admin',
  'admin',
  'team member',
  'limited team member',
  'interviewer',
] as const);
export type AccessRole = (typeof ACCESS_ROLES)[number];
export const AccessRole = Type.Enum(ACCESS_ROLES);

export const PHONE_TYPES = Object.freeze(['mobile', 'home', 'work', 'skype', 'other'] as const);
export type PhoneType = (typeof PHONE_TYPES)[number];
export const PhoneType = Type.Enum(PHONE_TYPES);

/** Application `type` (§2.5) [M]. */
export const APPLICATION_TYPES = Object.freeze(['posting', 'user', 'referral'] as const);
export type ApplicationType = (typeof APPLICATION_TYPES)[number];
export const ApplicationType = Type.Enum(APPLICATION_TYPES);

/** Offer `status` (§2.10). */
export const OFFER_STATUSES = Object.freeze([
  'draft',
  'approval-sent',
  'approved',
  'sent',
  'sent-manually',
  'opened',
  'denied',
  'signed',
] as const);
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const OfferStatus = Type.Enum(OFFER_STATUSES);

export const ARCHIVE_REASON_TYPES = Object.freeze(['hired', 'non-hired'] as const);
export type ArchiveReasonType = (typeof ARCHIVE_REASON_TYPES)[number];
export const ArchiveReasonType = Type.Enum(ARCHIVE_REASON_TYPES);

export const ARCHIVE_REASON_STATUSES = Object.freeze(['active', 'inactive'] as const);
export type ArchiveReasonStatus = (typeof ARCHIVE_REASON_STATUSES)[number];
export const ArchiveReasonStatus = Type.Enum(ARCHIVE_REASON_STATUSES);

/** Stage `pipeline` in `GET /disposition_stages` (§2.6). */
export const STAGE_PIPELINES = Object.freeze(['lead', 'applicant', 'screen', 'onsite', 'offer'] as const);
export type StagePipeline = (typeof STAGE_PIPELINES)[number];
export const StagePipeline = Type.Enum(STAGE_PIPELINES);

/**
 * Stages every account has, with Lever's fixed ids (§2.6). Custom stages get UUIDs. `lead-new` is the
 * default stage of a created opportunity [M].
 */
export const BUILT_IN_STAGES = Object.freeze([
  Object.freeze({ id: 'lead-new', text: 'New lead', pipeline: 'lead' }),
  Object.freeze({ id: 'lead-reached-out', text: 'Reached out', pipeline: 'lead' }),
  Object.freeze({ id: 'lead-responded', text: 'Responded', pipeline: 'lead' }),
  Object.freeze({ id: 'applicant-new', text: 'New applicant', pipeline: 'applicant' }),
  Object.freeze({ id: 'offer', text: 'Offer', pipeline: 'offer' }),
] as const);
export type BuiltInStageId = (typeof BUILT_IN_STAGES)[number]['id'];
export const DEFAULT_STAGE_ID: BuiltInStageId = 'lead-new';

/** Postings API v0 list grouping (§6.1). */
export const POSTINGS_V0_GROUPS = Object.freeze(['location', 'commitment', 'team'] as const);
export type PostingsV0Group = (typeof POSTINGS_V0_GROUPS)[number];
export const PostingsV0Group = Type.Enum(POSTINGS_V0_GROUPS);
