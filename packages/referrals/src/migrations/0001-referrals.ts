import { type Kysely, sql } from 'kysely';

// The `referrals` schema. Three groups of tables:
//  - the app's own people and settings: organization, app_user, user_token, settings, status_label;
//  - the ATS connection and what is synced through it (purged on disconnect): ats_connection, stage,
//    stage_mapping, archive_reason, job, sync_run, webhook_subscription, webhook_event;
//  - the referral program (kept on disconnect; a referral snapshots what it needs from the job):
//    referral, referral_status_history, payout (append-only ledger), referral_link.
// Every table carries organization_id and every query filters by it (multi-tenancy, DESIGN.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  const q = (s: TemplateStringsArray) => sql.raw(s.join('')).execute(db);

  await q`create table referrals.organization (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    created_at timestamptz not null default now()
  )`;

  // admin | employee | external. password_hash null = magic-link only (or not registered yet).
  // sso_subject is the seam for OIDC SSO (issuer|sub), unused in phase 1.
  await q`create table referrals.app_user (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    email text not null,
    name text not null default '',
    role text not null check (role in ('admin', 'employee', 'external')),
    status text not null default 'invited' check (status in ('invited', 'active', 'disabled')),
    password_hash text,
    sso_subject text,
    ats_user_id text,
    invited_by uuid references referrals.app_user(id) on delete set null,
    created_at timestamptz not null default now(),
    registered_at timestamptz,
    last_sign_in_at timestamptz
  )`;
  await q`create unique index app_user_org_email_uq on referrals.app_user (organization_id, lower(email))`;
  await q`create index app_user_email_idx on referrals.app_user (lower(email))`;

  // Invitations, magic links (and later password resets): only the SHA-256 of the token is stored.
  await q`create table referrals.user_token (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    user_id uuid not null references referrals.app_user(id) on delete cascade,
    purpose text not null check (purpose in ('invitation', 'magic_link', 'password_reset')),
    token_hash text not null unique,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
  )`;
  await q`create index user_token_user_idx on referrals.user_token (user_id, purpose)`;

  await q`create table referrals.settings (
    organization_id uuid primary key references referrals.organization(id) on delete cascade,
    referable_jobs text not null default 'external' check (referable_jobs in ('external', 'all')),
    source_label text not null default 'Hireloop Referrals',
    referral_tag text not null default 'Referral',
    new_referral_stage_id text not null default 'applicant-new',
    reward_currency text not null default 'USD',
    apply_mode text not null default 'in_app' check (apply_mode in ('in_app', 'ats_hosted')),
    payout_status text not null default 'hired',
    updated_at timestamptz not null default now()
  )`;

  await q`create table referrals.status_label (
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    status text not null,
    label text not null,
    primary key (organization_id, status)
  )`;

  // Secrets are AES-256-GCM ciphertexts (@hireloop/platform/crypto/token-cipher), bound to the organization and column.
  await q`create table referrals.ats_connection (
    organization_id uuid primary key references referrals.organization(id) on delete cascade,
    environment text not null check (environment in ('embedded', 'production', 'sandbox', 'eu')),
    api_base_url text not null,
    authorize_url text not null,
    token_url text not null,
    revoke_url text,
    audience text,
    client_id text not null,
    client_secret_enc text,
    access_token_enc text,
    refresh_token_enc text,
    token_expires_at timestamptz,
    scopes text[] not null default '{}',
    status text not null default 'pending' check (status in ('pending', 'connected', 'broken')),
    last_error text,
    last_error_at timestamptz,
    connected_at timestamptz,
    connected_by uuid references referrals.app_user(id) on delete set null,
    jobs_watermark_ms bigint,
    last_full_sync_at timestamptz,
    updated_at timestamptz not null default now()
  )`;

  await q`create table referrals.stage (
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    ats_stage_id text not null,
    text text not null,
    pipeline text,
    rank double precision,
    position integer not null,
    synced_at timestamptz not null default now(),
    primary key (organization_id, ats_stage_id)
  )`;

  // customized = set by an admin (a stage resync never overwrites it).
  await q`create table referrals.stage_mapping (
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    ats_stage_id text not null,
    status text not null,
    customized boolean not null default false,
    updated_at timestamptz not null default now(),
    primary key (organization_id, ats_stage_id)
  )`;

  await q`create table referrals.archive_reason (
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    ats_archive_reason_id text not null,
    text text not null,
    hired boolean not null,
    primary key (organization_id, ats_archive_reason_id)
  )`;

  // A synced posting. reward_* comes from `referralbonus:` tags; reward_warning names a malformed tag.
  await q`create table referrals.job (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    ats_posting_id text not null,
    title text not null,
    state text not null,
    distribution_channels text[] not null default '{}',
    confidentiality text not null default 'non-confidential',
    location text,
    team text,
    department text,
    commitment text,
    workplace_type text,
    description text not null default '',
    description_html text not null default '',
    hosted_url text,
    apply_url text,
    tags text[] not null default '{}',
    reward_kind text not null default 'none' check (reward_kind in ('none', 'money', 'text')),
    reward_amount numeric(14, 2),
    reward_text text,
    reward_warning text,
    ats_created_at_ms bigint not null,
    ats_updated_at_ms bigint not null,
    synced_at timestamptz not null default now(),
    removed_at timestamptz,
    unique (organization_id, ats_posting_id)
  )`;
  await q`create index job_org_listed_idx on referrals.job (organization_id, removed_at, ats_updated_at_ms desc)`;

  await q`create table referrals.sync_run (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    kind text not null check (kind in ('full', 'delta', 'posting')),
    trigger text not null,
    status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
    upserted integer not null default 0,
    removed integer not null default 0,
    warnings jsonb not null default '[]',
    error text,
    started_at timestamptz not null default now(),
    finished_at timestamptz
  )`;
  await q`create index sync_run_org_idx on referrals.sync_run (organization_id, started_at desc)`;

  // origin: api = created by the app through /v1/webhooks (ats_webhook_id set; deleted on disconnect);
  // manual = made by a person in the ATS settings, signature token pasted into our page.
  await q`create table referrals.webhook_subscription (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    origin text not null check (origin in ('api', 'manual')),
    event text not null,
    ats_webhook_id text,
    url text not null,
    signature_token_enc text not null,
    created_at timestamptz not null default now()
  )`;
  await q`create index webhook_subscription_org_idx on referrals.webhook_subscription (organization_id)`;

  // Idempotency: one row per (organization, token.triggeredAt) — a replay or a duplicate delivery
  // conflicts here and is not processed twice.
  await q`create table referrals.webhook_event (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    delivery_key text not null,
    event text not null,
    triggered_at_ms bigint not null,
    payload jsonb not null,
    status text not null default 'received' check (status in ('received', 'processed', 'ignored', 'failed')),
    attempts integer not null default 0,
    last_error text,
    received_at timestamptz not null default now(),
    processed_at timestamptz,
    unique (organization_id, delivery_key)
  )`;
  await q`create index webhook_event_org_idx on referrals.webhook_event (organization_id, received_at desc)`;

  // A referral keeps the job's title and reward as they were when it was made (job_id may go null on
  // purge). ats_opportunity_id is unique per org: one opportunity per application. idempotency_key lets
  // a retried "create" request find the row it already made.
  await q`create table referrals.referral (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    referrer_id uuid references referrals.app_user(id) on delete set null,
    type text not null check (type in ('internal', 'external')),
    channel text not null default 'direct' check (channel in ('direct', 'link', 'ats_match')),
    job_id uuid references referrals.job(id) on delete set null,
    ats_posting_id text,
    job_title text not null,
    candidate_name text not null,
    candidate_email text,
    candidate_phone text,
    relationship text,
    endorsement text,
    status text not null default 'submitted',
    reward_kind text not null default 'none',
    reward_amount numeric(14, 2),
    reward_currency text,
    reward_text text,
    ats_opportunity_id text,
    ats_contact_id text,
    ats_stage_id text,
    idempotency_key text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    anonymized_at timestamptz,
    unique (organization_id, ats_opportunity_id),
    unique (organization_id, idempotency_key)
  )`;
  await q`create index referral_referrer_idx on referrals.referral (organization_id, referrer_id, created_at desc)`;
  await q`create index referral_email_idx on referrals.referral (organization_id, lower(candidate_email))`;

  await q`create table referrals.referral_status_history (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    referral_id uuid not null references referrals.referral(id) on delete cascade,
    from_status text,
    to_status text not null,
    ats_stage_id text,
    ats_archive_reason_id text,
    source text not null,
    webhook_event_id uuid references referrals.webhook_event(id) on delete set null,
    created_at timestamptz not null default clock_timestamp()
  )`;
  await q`create index referral_history_idx on referrals.referral_status_history (referral_id, created_at)`;

  // Append-only ledger: the payout state of a referral is its latest entry; nothing is updated in place.
  // clock_timestamp(), not now(): entries written in one transaction must still sort in write order.
  await q`create table referrals.payout (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    referral_id uuid not null references referrals.referral(id) on delete cascade,
    state text not null check (state in ('pending', 'due', 'paid', 'cancelled')),
    amount numeric(14, 2),
    currency text,
    reward_text text,
    note text,
    created_by uuid references referrals.app_user(id) on delete set null,
    created_at timestamptz not null default clock_timestamp()
  )`;
  await q`create index payout_referral_idx on referrals.payout (referral_id, created_at)`;
  // At most one "due" per referral: a replayed Hired cannot make a second payout due.
  await q`create unique index payout_one_due_uq on referrals.payout (referral_id) where state = 'due'`;

  // Personal share links (portal): whoever applies through one is attributed to the referrer.
  await q`create table referrals.referral_link (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    referrer_id uuid not null references referrals.app_user(id) on delete cascade,
    job_id uuid references referrals.job(id) on delete cascade,
    code text not null unique,
    created_at timestamptz not null default now()
  )`;
}
