// Row types of the `ats` schema (snake_case, as stored). Domain code maps rows to camelCase records and
// the API maps those to Lever wire shapes (toLeverPosting, …). Keep in step with migrations/.
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

type Created = ColumnType<Date, Date | undefined, never>;
type Stamp = ColumnType<Date, Date | undefined, Date>;
type Arr<T> = ColumnType<T[], T[] | undefined, T[]>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface AccountTable {
  id: Generated<string>;
  site: string;
  name: string;
  created_at: Created;
}

export interface UserTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  email: string;
  access_role: Generated<string>;
  password_hash: string | null;
  job_title: string | null;
  manager_id: string | null;
  external_directory_id: string | null;
  photo: string | null;
  created_at: Created;
  deactivated_at: Date | null;
  /** Admins only: Lever's "manage API credentials and integrations" (migration 0006). */
  can_manage_integrations: Generated<boolean>;
}

export interface LocationTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  country: string | null;
  created_at: Created;
}

export interface DepartmentTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  created_at: Created;
}

export interface TeamTable {
  id: Generated<string>;
  account_id: string;
  department_id: string | null;
  name: string;
  created_at: Created;
}

export interface StageTable {
  account_id: string;
  id: string;
  text: string;
  pipeline: string;
  rank: number;
  has_interview: Generated<boolean>;
  created_at: Created;
}

export interface ArchiveReasonTable {
  id: Generated<string>;
  account_id: string;
  text: string;
  type: 'hired' | 'non-hired';
  status: Generated<'active' | 'inactive'>;
  created_at: Created;
}

export interface PostingContent {
  description?: string;
  descriptionHtml?: string;
  lists?: { text: string; content: string }[];
  closing?: string;
  closingHtml?: string;
}

export interface SalaryRange {
  min?: number;
  max?: number;
  currency?: string;
  interval?: string;
}

export interface PostingTable {
  id: Generated<string>;
  account_id: string;
  text: string;
  state: Generated<string>;
  distribution_channels: string[] | null;
  confidentiality: Generated<string>;
  team: string | null;
  department: string | null;
  location: string | null;
  all_locations: Arr<string>;
  commitment: string | null;
  level: string | null;
  tags: Arr<string>;
  content: Json<PostingContent>;
  user_id: string | null;
  owner_id: string | null;
  hiring_manager_id: string | null;
  followers: Arr<string>;
  workplace_type: Generated<string>;
  country: string | null;
  req_code: string | null;
  requisition_codes: Arr<string>;
  salary_range: Json<SalaryRange | null> | null;
  salary_description: string | null;
  salary_description_html: string | null;
  created_at: Created;
  updated_at: Stamp;
  deleted_at: Date | null;
}

export interface Phone {
  type: string;
  value: string;
}

export interface ContactTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  headline: Generated<string>;
  location: Generated<string>;
  emails: Arr<string>;
  phones: Json<Phone[]>;
  is_anonymized: Generated<boolean>;
  created_at: Created;
  updated_at: Stamp;
}

export interface OpportunityTable {
  id: Generated<string>;
  account_id: string;
  contact_id: string;
  posting_id: string | null;
  stage_id: string;
  origin: Generated<string>;
  confidentiality: Generated<string>;
  owner_id: string | null;
  sourced_by: string | null;
  followers: Arr<string>;
  tags: Arr<string>;
  sources: Arr<string>;
  links: Arr<string>;
  archive_reason_id: string | null;
  archived_at: Date | null;
  snoozed_until: Date | null;
  opportunity_location: string | null;
  data_protection: Json<unknown> | null;
  created_at: Created;
  updated_at: Stamp;
  last_interaction_at: Stamp;
  last_advanced_at: Stamp;
  deleted_at: Date | null;
  deleted_by: string | null;
  /** The opportunity's Lever JSON members and its applications' ids (JSON), kept by triggers (migration 0008). */
  wire_fields: ColumnType<string, never, never>;
  wire_application_ids: ColumnType<string, never, never>;
}

export interface StageChangeTable {
  id: Generated<string>;
  opportunity_id: string;
  to_stage_id: string;
  to_stage_index: number;
  user_id: string | null;
  updated_at: Created;
}

export interface ApplicationTable {
  id: Generated<string>;
  opportunity_id: string;
  posting_id: string | null;
  type: string;
  user_id: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  links: Arr<string>;
  comments: string | null;
  custom_questions: Json<unknown[]>;
  ip_address: string | null;
  referer: string | null;
  user_agent: string | null;
  consent: Json<unknown> | null;
  created_at: Created;
  deleted_at: Date | null;
  /** Set when the opportunity is archived with a Hired reason (migration 0002). */
  hired_at: Date | null;
  requisition_for_hire: Json<{
    id: string;
    requisitionCode: string | null;
    hiringManagerOnHire: string | null;
  } | null> | null;
}

export interface NoteTable {
  id: Generated<string>;
  opportunity_id: string;
  user_id: string | null;
  value: string;
  secret: Generated<boolean>;
  score: number | null;
  stage_id: string | null;
  created_at: Created;
  deleted_at: Date | null;
}

/** A comment on a note (`POST …/notes?note_id=`): one more entry of the note's `fields[]` (0002). */
export interface NoteCommentTable {
  id: Generated<string>;
  note_id: string;
  user_id: string | null;
  value: string;
  score: number | null;
  stage_id: string | null;
  created_at: Created;
}

export interface FileTable {
  id: Generated<string>;
  account_id: string;
  opportunity_id: string | null;
  /** `resume` | `file` | `offer` | `upload` (unattached `/uploads`, expiring). */
  kind: string;
  name: string;
  ext: Generated<string>;
  content_type: string;
  size: number;
  sha256: string;
  parsed_data: Json<unknown> | null;
  user_id: string | null;
  created_at: Created;
  expires_at: Date | null;
  deleted_at: Date | null;
}

export interface FileBlobTable {
  file_id: string;
  bytes: Buffer;
}

export interface ReferralTable {
  id: Generated<string>;
  opportunity_id: string;
  referrer_id: string | null;
  user_id: string | null;
  fields: Json<unknown[]>;
  stage_id: string | null;
  created_at: Created;
  completed_at: Date | null;
  text: Generated<string>;
  instructions: Generated<string>;
  base_template_id: string | null;
}

export interface OfferTable {
  id: Generated<string>;
  opportunity_id: string;
  posting_id: string | null;
  status: Generated<string>;
  creator_id: string | null;
  fields: Json<{ text: string; identifier: string; value: string | number | null }[]>;
  signatures: Json<unknown> | null;
  approved_at: Date | null;
  sent_at: Date | null;
  signed_at: Date | null;
  created_at: Created;
  updated_at: Stamp;
  /** ats.file ids (kind `offer`) of the sent and signed documents (0002). */
  sent_document_id: string | null;
  signed_document_id: string | null;
}

export interface ApiKeyTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  permissions: string[];
  confidential_access: Generated<boolean>;
  created_by: string | null;
  created_at: Created;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Outbox of state changes (domain/events/events.ts); webhook deliveries are enqueued from it. */
export interface EventLogTable {
  id: Generated<string>;
  account_id: string;
  event: string;
  data: Json<Record<string, unknown>>;
  origin: string | null;
  /** Emission order (events of one transaction share created_at). */
  seq: Generated<string>;
  created_at: Created;
}

/** OAuth apps (migration 0003): `account_id` null = any account may authorize it. */
export interface OAuthClientTable {
  id: Generated<string>;
  client_id: string;
  account_id: string | null;
  name: string;
  secret_hash: string | null;
  is_public: Generated<boolean>;
  redirect_uris: string[];
  created_at: Created;
  revoked_at: Date | null;
}

/** An app's account-wide authorization by a Super Admin (Authorized Apps). */
export interface OAuthGrantTable {
  id: Generated<string>;
  account_id: string;
  client_id: string;
  scopes: string[];
  granted_by: string;
  created_at: Created;
  updated_at: Stamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export interface OAuthCodeTable {
  id: Generated<string>;
  code_hash: string;
  grant_id: string;
  user_id: string;
  redirect_uri: string;
  scopes: string[];
  code_challenge: string | null;
  code_challenge_method: string | null;
  created_at: Created;
  expires_at: Date;
  used_at: Date | null;
  reused_at: Date | null;
}

export interface OAuthTokenTable {
  id: Generated<string>;
  token_hash: string;
  kind: 'access' | 'refresh';
  grant_id: string;
  family_id: string;
  scopes: string[];
  created_at: Created;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
}

/** Webhooks (migration 0004): `created_via` api|settings — neither may edit the other's (§3.4). */
export interface WebhookTable {
  id: Generated<string>;
  account_id: string;
  event: string;
  url: string;
  origins: string[];
  created_via: 'api' | 'settings';
  created_by: string | null;
  signature_token: string;
  previous_signature_token: string | null;
  previous_token_expires_at: Date | null;
  failing_since: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Created;
  updated_at: Stamp;
  deleted_at: Date | null;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'exhausted' | 'cancelled';

export interface WebhookDeliveryTable {
  id: Generated<string>;
  account_id: string;
  webhook_id: string;
  event_id: string | null;
  event: string;
  data: Json<Record<string, unknown>>;
  token: string;
  triggered_at: Date;
  status: Generated<WebhookDeliveryStatus>;
  status_reason: string | null;
  attempts: Generated<number>;
  schedule_step: Generated<number>;
  next_attempt_at: Date | null;
  lease_until: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Created;
  completed_at: Date | null;
}

/** Events not yet fanned out to their webhooks (migration 0009); deleted by the pass that does it. */
export interface WebhookOutboxTable {
  seq: Generated<number>;
  event_id: string;
}

export interface WebhookAttemptTable {
  id: Generated<string>;
  delivery_id: string;
  attempt: number;
  attempted_at: Date;
  latency_ms: number;
  status_code: number | null;
  outcome: string;
  response_excerpt: string | null;
  error: string | null;
}

/** Invitation / set-password links (migration 0005): only the token's SHA-256 is stored. */
export interface UserInvitationTable {
  id: Generated<string>;
  account_id: string;
  user_id: string;
  token_hash: string;
  invited_by: string | null;
  created_at: Created;
  expires_at: Date;
  used_at: Date | null;
}

export interface AtsDb {
  'ats.account': AccountTable;
  'ats.user': UserTable;
  'ats.location': LocationTable;
  'ats.department': DepartmentTable;
  'ats.team': TeamTable;
  'ats.stage': StageTable;
  'ats.archive_reason': ArchiveReasonTable;
  'ats.posting': PostingTable;
  'ats.contact': ContactTable;
  'ats.opportunity': OpportunityTable;
  'ats.stage_change': StageChangeTable;
  'ats.application': ApplicationTable;
  'ats.note': NoteTable;
  'ats.note_comment': NoteCommentTable;
  'ats.file': FileTable;
  'ats.file_blob': FileBlobTable;
  'ats.referral': ReferralTable;
  'ats.offer': OfferTable;
  'ats.api_key': ApiKeyTable;
  'ats.webhook': WebhookTable;
  'ats.webhook_delivery': WebhookDeliveryTable;
  'ats.webhook_attempt': WebhookAttemptTable;
  'ats.webhook_outbox': WebhookOutboxTable;
  'ats.event_log': EventLogTable;
  'ats.oauth_client': OAuthClientTable;
  'ats.oauth_grant': OAuthGrantTable;
  'ats.oauth_code': OAuthCodeTable;
  'ats.oauth_token': OAuthTokenTable;
  'ats.user_invitation': UserInvitationTable;
}

/** A Kysely instance or transaction over the ATS schema: the first parameter of every data function. */
export type AtsKysely = Kysely<AtsDb> | Transaction<AtsDb>;

export type Row<T extends keyof AtsDb> = Selectable<AtsDb[T]>;
export type NewRow<T extends keyof AtsDb> = Insertable<AtsDb[T]>;
export type RowUpdate<T extends keyof AtsDb> = Updateable<AtsDb[T]>;
