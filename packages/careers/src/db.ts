// Row types of the `careers` schema (snake_case, as stored). Keep in step with migrations/.
import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';

type Created = ColumnType<Date, Date | undefined, never>;
type Stamp = ColumnType<Date, Date | undefined, Date>;
type Arr<T> = ColumnType<T[], T[] | undefined, T[]>;
type Json<T> = ColumnType<T, string | undefined, string>;
/** bigint comes back as a string (pg) or number (PGlite); read it through Number(). */
type BigInt = ColumnType<string | number, number, number>;
type NullableBigInt = ColumnType<string | number | null, number | null | undefined, number | null>;

export interface OrganizationTable {
  id: Generated<string>;
  name: string;
  slug: string;
  created_at: Created;
}

export interface AppUserTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  name: Generated<string>;
  role: Generated<'admin'>;
  password_hash: string;
  created_at: Created;
  last_sign_in_at: Date | null;
}

export type HiddenField = 'tag' | 'team' | 'department' | 'location' | 'title';
export type HiddenOp = 'equals' | 'contains';
export interface HiddenRule {
  field: HiddenField;
  op: HiddenOp;
  value: string;
}

export interface IntegrationTable {
  organization_id: string;
  name: string;
  environment: 'embedded' | 'production' | 'sandbox' | 'eu';
  api_base_url: string;
  postings_base_url: string;
  api_key_enc: string;
  company_code: string;
  sync_states: Arr<string>;
  channel: 'public' | 'internal' | 'both';
  remote_regex: string;
  hybrid_regex: string;
  hidden_rules: Json<HiddenRule[]>;
  sync_resumes: boolean;
  job_poll_minutes: number;
  candidate_poll_minutes: number;
  jobs_start_at: Date | null;
  candidates_start_at: Date | null;
  import_unknown_candidates: boolean;
  confidential_access: boolean;
  granted_permissions: Arr<string>;
  status: Generated<'connected' | 'broken'>;
  last_error: string | null;
  jobs_watermark_ms: NullableBigInt;
  candidates_watermark_ms: NullableBigInt;
  last_job_poll_at: Date | null;
  last_candidate_poll_at: Date | null;
  last_full_sync_at: Date | null;
  updated_at: Stamp;
}

export interface PostingListItem {
  text: string;
  items: string[];
}

export interface JobTable {
  id: Generated<string>;
  organization_id: string;
  ats_posting_id: string;
  title: string;
  state: string;
  distribution_channels: Arr<string>;
  confidentiality: string;
  location: string;
  all_locations: Arr<string>;
  team: string | null;
  department: string | null;
  commitment: string | null;
  workplace_type: string;
  work_mode: 'remote' | 'hybrid' | 'on-site';
  work_mode_source: string;
  /** Plain text: what the careers page shows (no ATS HTML is ever rendered as markup). */
  description: string;
  /** Kept for the JSON-LD description (JSON-escaped, never parsed as markup). */
  description_html: string;
  /** List items as plain text (the ATS's `<li>` HTML is reduced to text at sync). */
  lists: Json<PostingListItem[]>;
  closing: string;
  tags: Arr<string>;
  country: string | null;
  salary: Json<unknown> | null;
  apply_url: string | null;
  hosted_url: string | null;
  hidden_reason: string | null;
  published: boolean;
  published_at: Date | null;
  ats_created_at_ms: BigInt;
  ats_updated_at_ms: BigInt;
  synced_at: Stamp;
  removed_at: Date | null;
}

export interface SkippedPostingTable {
  organization_id: string;
  ats_posting_id: string;
  title: string;
  reason: string;
  seen_at: Stamp;
}

export interface StageTable {
  organization_id: string;
  ats_stage_id: string;
  text: string;
}

export interface CandidateTable {
  id: Generated<string>;
  organization_id: string;
  ats_opportunity_id: string;
  name: string;
  headline: string;
  emails: Arr<string>;
  location: string;
  sources: Arr<string>;
  origin: string | null;
  stage_id: string | null;
  stage_text: string | null;
  archived: boolean;
  ats_posting_ids: Arr<string>;
  confidentiality: string;
  ats_created_at_ms: BigInt;
  ats_updated_at_ms: BigInt;
  synced_at: Stamp;
  removed_at: Date | null;
}

export interface ResumeTable {
  organization_id: string;
  ats_opportunity_id: string;
  ats_resume_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  data: Buffer | null;
  synced_at: Stamp;
}

export interface SyncItem {
  id: string;
  title: string;
  reason: string;
}

export interface SyncRunTable {
  id: Generated<string>;
  organization_id: string;
  kind: 'full' | 'delta';
  scope: 'all' | 'jobs' | 'candidates';
  trigger: string;
  status: Generated<'running' | 'succeeded' | 'failed'>;
  requests: Generated<number>;
  jobs_upserted: Generated<number>;
  jobs_removed: Generated<number>;
  candidates_upserted: Generated<number>;
  candidates_removed: Generated<number>;
  skipped: Generated<number>;
  skipped_items: Json<SyncItem[]>;
  errors: Json<string[]>;
  started_at: Created;
  finished_at: Date | null;
  /** Beats while running; a stale beat means the process died (0002-sync-heartbeat). */
  heartbeat_at: Generated<Date>;
}

export interface CareersDb {
  'careers.organization': OrganizationTable;
  'careers.app_user': AppUserTable;
  'careers.integration': IntegrationTable;
  'careers.job': JobTable;
  'careers.skipped_posting': SkippedPostingTable;
  'careers.stage': StageTable;
  'careers.candidate': CandidateTable;
  'careers.resume': ResumeTable;
  'careers.sync_run': SyncRunTable;
}

/** A Kysely instance or a transaction on the careers tables: the first parameter of every data function. */
export type CareersKysely = Kysely<CareersDb> | Transaction<CareersDb>;

export type OrganizationRow = Selectable<OrganizationTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type IntegrationRow = Selectable<IntegrationTable>;
export type JobRow = Selectable<JobTable>;
export type CandidateRow = Selectable<CandidateTable>;
export type SyncRunRow = Selectable<SyncRunTable>;
