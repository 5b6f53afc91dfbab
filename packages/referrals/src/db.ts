// Row types of the `referrals` schema (snake_case, as stored). Keep in step with migrations/.
import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';

type Created = ColumnType<Date, Date | undefined, never>;
type Stamp = ColumnType<Date, Date | undefined, Date>;
type Arr<T> = ColumnType<T[], T[] | undefined, T[]>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** numeric comes back as a string from both pg and PGlite. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
/** bigint comes back as a string (pg) or number (PGlite); read it through Number(). */
type BigInt = ColumnType<string | number, number, number>;
type NullableBigInt = ColumnType<string | number | null, number | null | undefined, number | null>;

export interface OrganizationTable {
  id: Generated<string>;
  name: string;
  created_at: Created;
}

export interface AppUserTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  name: Generated<string>;
  role: 'admin' | 'employee' | 'external';
  status: Generated<'invited' | 'active' | 'disabled'>;
  password_hash: string | null;
  sso_subject: string | null;
  ats_user_id: string | null;
  invited_by: string | null;
  created_at: Created;
  registered_at: Date | null;
  last_sign_in_at: Date | null;
}

export interface UserTokenTable {
  id: Generated<string>;
  organization_id: string;
  user_id: string;
  purpose: 'invitation' | 'magic_link' | 'password_reset';
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: Created;
}

export interface SettingsTable {
  organization_id: string;
  referable_jobs: Generated<'external' | 'all'>;
  source_label: Generated<string>;
  referral_tag: Generated<string>;
  new_referral_stage_id: Generated<string>;
  reward_currency: Generated<string>;
  apply_mode: Generated<'in_app' | 'ats_hosted'>;
  payout_status: Generated<string>;
  updated_at: Stamp;
}

export interface StatusLabelTable {
  organization_id: string;
  status: string;
  label: string;
}

export interface AtsConnectionTable {
  organization_id: string;
  environment: 'embedded' | 'production' | 'sandbox' | 'eu';
  api_base_url: string;
  authorize_url: string;
  token_url: string;
  revoke_url: string | null;
  audience: string | null;
  client_id: string;
  client_secret_enc: string | null;
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  token_expires_at: Date | null;
  scopes: Arr<string>;
  status: Generated<'pending' | 'connected' | 'broken'>;
  last_error: string | null;
  last_error_at: Date | null;
  connected_at: Date | null;
  connected_by: string | null;
  jobs_watermark_ms: NullableBigInt;
  last_full_sync_at: Date | null;
  updated_at: Stamp;
}

export interface StageTable {
  organization_id: string;
  ats_stage_id: string;
  text: string;
  pipeline: string | null;
  rank: number | null;
  position: number;
  synced_at: Stamp;
}

export interface StageMappingTable {
  organization_id: string;
  ats_stage_id: string;
  status: string;
  customized: Generated<boolean>;
  updated_at: Stamp;
}

export interface ArchiveReasonTable {
  organization_id: string;
  ats_archive_reason_id: string;
  text: string;
  hired: boolean;
}

export interface JobTable {
  id: Generated<string>;
  organization_id: string;
  ats_posting_id: string;
  title: string;
  state: string;
  distribution_channels: Arr<string>;
  confidentiality: string;
  location: string | null;
  team: string | null;
  department: string | null;
  commitment: string | null;
  workplace_type: string | null;
  description: string;
  description_html: string;
  hosted_url: string | null;
  apply_url: string | null;
  tags: Arr<string>;
  reward_kind: 'none' | 'money' | 'text';
  reward_amount: Numeric;
  reward_text: string | null;
  reward_warning: string | null;
  ats_created_at_ms: BigInt;
  ats_updated_at_ms: BigInt;
  synced_at: Stamp;
  removed_at: Date | null;
}

export interface SyncWarning {
  postingId: string;
  title: string;
  message: string;
}

export interface SyncRunTable {
  id: Generated<string>;
  organization_id: string;
  kind: 'full' | 'delta' | 'posting';
  trigger: string;
  status: Generated<'running' | 'succeeded' | 'failed'>;
  upserted: Generated<number>;
  removed: Generated<number>;
  warnings: Json<SyncWarning[]>;
  error: string | null;
  started_at: Created;
  finished_at: Date | null;
}

export interface WebhookSubscriptionTable {
  id: Generated<string>;
  organization_id: string;
  origin: 'api' | 'manual';
  event: string;
  ats_webhook_id: string | null;
  url: string;
  signature_token_enc: string;
  created_at: Created;
}

export interface WebhookEventTable {
  id: Generated<string>;
  organization_id: string;
  delivery_key: string;
  event: string;
  triggered_at_ms: BigInt;
  payload: Json<Record<string, unknown>>;
  status: Generated<'received' | 'processed' | 'ignored' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  received_at: Created;
  processed_at: Date | null;
}

export interface ReferralTable {
  id: Generated<string>;
  organization_id: string;
  referrer_id: string | null;
  type: 'internal' | 'external';
  channel: Generated<'direct' | 'link' | 'ats_match'>;
  job_id: string | null;
  ats_posting_id: string | null;
  job_title: string;
  candidate_name: string;
  candidate_email: string | null;
  candidate_phone: string | null;
  relationship: string | null;
  endorsement: string | null;
  status: Generated<string>;
  reward_kind: Generated<string>;
  reward_amount: Numeric;
  reward_currency: string | null;
  reward_text: string | null;
  ats_opportunity_id: string | null;
  ats_contact_id: string | null;
  ats_stage_id: string | null;
  idempotency_key: string | null;
  created_at: Created;
  updated_at: Stamp;
  anonymized_at: Date | null;
  tracking_code: string | null;
  referral_link_id: string | null;
  resume_name: string | null;
  resume_type: string | null;
  resume_bytes: Buffer | null;
}

export interface ApplicationTable {
  id: Generated<string>;
  organization_id: string;
  referral_id: string;
  idempotency_key: string;
  name: string;
  email: string;
  phone: string | null;
  cover_letter: string | null;
  consent: boolean;
  resume_name: string | null;
  resume_type: string | null;
  resume_bytes: Buffer | null;
  status: Generated<'pending' | 'done' | 'failed'>;
  ats_opportunity_id: string | null;
  steps: Arr<string>;
  attempts: Generated<number>;
  last_error: string | null;
  claimed_until: Date | null;
  created_at: Created;
  completed_at: Date | null;
}

export interface SmsMessageTable {
  id: Generated<string>;
  organization_id: string;
  to_phone: string;
  body: string;
  tag: string;
  status: Generated<string>;
  referral_id: string | null;
  created_at: Created;
}

export interface ApiTokenTable {
  id: Generated<string>;
  organization_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Created;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface ReferralStatusHistoryTable {
  id: Generated<string>;
  organization_id: string;
  referral_id: string;
  from_status: string | null;
  to_status: string;
  ats_stage_id: string | null;
  ats_archive_reason_id: string | null;
  source: string;
  webhook_event_id: string | null;
  created_at: Created;
}

export interface PayoutTable {
  id: Generated<string>;
  organization_id: string;
  referral_id: string;
  state: 'pending' | 'due' | 'paid' | 'cancelled';
  amount: Numeric;
  currency: string | null;
  reward_text: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Created;
}

export interface ReferralLinkTable {
  id: Generated<string>;
  organization_id: string;
  referrer_id: string;
  job_id: string | null;
  code: string;
  created_at: Created;
}

export interface ReferralsDb {
  'referrals.organization': OrganizationTable;
  'referrals.app_user': AppUserTable;
  'referrals.user_token': UserTokenTable;
  'referrals.settings': SettingsTable;
  'referrals.status_label': StatusLabelTable;
  'referrals.ats_connection': AtsConnectionTable;
  'referrals.stage': StageTable;
  'referrals.stage_mapping': StageMappingTable;
  'referrals.archive_reason': ArchiveReasonTable;
  'referrals.job': JobTable;
  'referrals.sync_run': SyncRunTable;
  'referrals.webhook_subscription': WebhookSubscriptionTable;
  'referrals.webhook_event': WebhookEventTable;
  'referrals.referral': ReferralTable;
  'referrals.referral_status_history': ReferralStatusHistoryTable;
  'referrals.payout': PayoutTable;
  'referrals.referral_link': ReferralLinkTable;
  'referrals.application': ApplicationTable;
  'referrals.sms_message': SmsMessageTable;
  'referrals.api_token': ApiTokenTable;
}

/** A Kysely instance or a transaction on the referrals tables: the first parameter of every data function. */
export type ReferralsKysely = Kysely<ReferralsDb> | Transaction<ReferralsDb>;

export type AppUserRow = Selectable<AppUserTable>;
export type AtsConnectionRow = Selectable<AtsConnectionTable>;
export type JobRow = Selectable<JobTable>;
export type ReferralRow = Selectable<ReferralTable>;
export type SettingsRow = Selectable<SettingsTable>;
export type SyncRunRow = Selectable<SyncRunTable>;
export type ApplicationRow = Selectable<ApplicationTable>;
export type ReferralLinkRow = Selectable<ReferralLinkTable>;

/** The platform's mailer and queue take an untyped Kysely; our typed instance or transaction is one. */
export const untyped = (db: ReferralsKysely): Kysely<unknown> => db as unknown as Kysely<unknown>;
