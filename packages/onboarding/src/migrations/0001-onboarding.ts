import { type Kysely, sql } from 'kysely';

// The `onboarding` schema. Four groups of tables:
//  - the app's own people: organization (with settings), app_user (people ops and new hires), user_token;
//  - the ATS connection (purged on disconnect): ats_connection (oauth | manual; secrets AES-256-GCM via
//    @hireloop/platform/crypto/token-cipher), webhook_subscription, webhook_event (idempotent receiver);
//  - matching: office, team, location_mapping / team_mapping (ATS value → office/team), ats_value (the
//    locations and teams seen in the ATS's postings and hires);
//  - hires: new_hire (one per ATS contact: a re-hire is linked, never duplicated), journey, task_template,
//    task, hire_history (append-only). Calendar dates are ISO `YYYY-MM-DD` text: a start date has no time
//    zone, and text keeps pg and PGlite from turning it into a local-midnight Date.
// Every table carries organization_id and every query filters by it (multi-tenancy, DESIGN.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  const q = (s: TemplateStringsArray) => sql.raw(s.join('')).execute(db);

  await q`create table onboarding.organization (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    slug text not null unique,
    default_start_days integer not null default 14 check (default_start_days between 0 and 365),
    created_at timestamptz not null default now()
  )`;

  // people_ops: signs in with a password; new_hire: magic links only, tied to their new_hire row.
  await q`create table onboarding.app_user (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    email text not null,
    name text not null default '',
    role text not null check (role in ('people_ops', 'new_hire')),
    password_hash text,
    new_hire_id uuid,
    created_at timestamptz not null default now(),
    last_sign_in_at timestamptz
  )`;
  await q`create unique index app_user_org_email_role_uq on onboarding.app_user (organization_id, lower(email), role)`;

  await q`create table onboarding.user_token (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    user_id uuid not null references onboarding.app_user(id) on delete cascade,
    token_hash text not null unique,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
  )`;

  // mode oauth: tokens from "Sign in with Lever"; mode manual: an API key (Basic) + pasted signature tokens.
  await q`create table onboarding.ats_connection (
    organization_id uuid primary key references onboarding.organization(id) on delete cascade,
    mode text not null check (mode in ('oauth', 'manual')),
    environment text not null,
    api_base_url text not null,
    authorize_url text,
    token_url text,
    revoke_url text,
    audience text,
    client_id text,
    client_secret_enc text,
    api_key_enc text,
    access_token_enc text,
    refresh_token_enc text,
    token_expires_at timestamptz,
    scopes text[] not null default '{}',
    status text not null default 'pending' check (status in ('pending', 'connected', 'broken')),
    last_error text,
    connected_at timestamptz,
    updated_at timestamptz not null default now()
  )`;

  await q`create table onboarding.webhook_subscription (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    origin text not null check (origin in ('api', 'manual')),
    event text not null,
    ats_webhook_id text,
    url text not null,
    signature_token_enc text not null,
    created_at timestamptz not null default now(),
    rotated_at timestamptz
  )`;

  await q`create table onboarding.webhook_event (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    delivery_key text not null,
    event text not null,
    triggered_at_ms bigint not null,
    opportunity_id text,
    payload jsonb not null,
    received_at timestamptz not null default now(),
    processed_at timestamptz,
    outcome text,
    last_error text,
    unique (organization_id, delivery_key)
  )`;

  await q`create table onboarding.office (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    name text not null,
    timezone text not null default 'UTC',
    created_at timestamptz not null default now()
  )`;
  await q`create unique index office_org_name_uq on onboarding.office (organization_id, name)`;

  await q`create table onboarding.team (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    name text not null,
    created_at timestamptz not null default now()
  )`;
  await q`create unique index team_org_name_uq on onboarding.team (organization_id, name)`;

  // kind location → office, team → team. An exact name match needs no row; a row is a person's choice.
  await q`create table onboarding.value_mapping (
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    kind text not null check (kind in ('location', 'team')),
    ats_value text not null,
    target_id uuid not null,
    created_at timestamptz not null default now(),
    primary key (organization_id, kind, ats_value)
  )`;

  await q`create table onboarding.ats_value (
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    kind text not null check (kind in ('location', 'team')),
    value text not null,
    postings integer not null default 0,
    last_seen_at timestamptz not null default now(),
    primary key (organization_id, kind, value)
  )`;

  // status: needs_mapping (location or team unmatched; journey waits) | active | cancelled | flagged
  // (deleted in the ATS after the start date: kept for people ops to decide).
  await q`create table onboarding.new_hire (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    contact_id text not null,
    opportunity_id text not null,
    name text not null,
    email text,
    phone text,
    title text,
    posting_id text,
    ats_location text,
    ats_team text,
    office_id uuid references onboarding.office(id) on delete set null,
    team_id uuid references onboarding.team(id) on delete set null,
    manager_name text,
    manager_email text,
    start_date text not null check (start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    start_date_source text not null check (start_date_source in ('offer', 'default')),
    hired_at timestamptz not null,
    status text not null check (status in ('needs_mapping', 'active', 'cancelled', 'flagged')),
    flag_reason text,
    hire_count integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (organization_id, contact_id)
  )`;
  await q`create index new_hire_org_opp_idx on onboarding.new_hire (organization_id, opportunity_id)`;
  await q`create index new_hire_org_status_idx on onboarding.new_hire (organization_id, status, start_date)`;

  await q`create table onboarding.journey (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    new_hire_id uuid not null references onboarding.new_hire(id) on delete cascade,
    opportunity_id text not null,
    status text not null check (status in ('active', 'cancelled')),
    start_date text not null check (start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    created_at timestamptz not null default now(),
    cancelled_at timestamptz,
    cancel_reason text
  )`;
  await q`create unique index journey_one_active_uq on onboarding.journey (new_hire_id) where status = 'active'`;

  // office_id / team_id null = every office / every team. offset_days is relative to the start date.
  await q`create table onboarding.task_template (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    title text not null,
    phase text not null check (phase in ('before_day_1', 'day_1', 'week_1')),
    owner text not null check (owner in ('people_ops', 'manager', 'new_hire')),
    offset_days integer not null,
    office_id uuid references onboarding.office(id) on delete cascade,
    team_id uuid references onboarding.team(id) on delete cascade,
    created_at timestamptz not null default now()
  )`;

  await q`create table onboarding.task (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    journey_id uuid not null references onboarding.journey(id) on delete cascade,
    title text not null,
    phase text not null,
    owner text not null,
    offset_days integer not null,
    due_date text not null check (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    position integer not null,
    done_at timestamptz,
    done_by text
  )`;
  await q`create index task_journey_idx on onboarding.task (journey_id, position)`;
  await q`create index task_org_due_idx on onboarding.task (organization_id, due_date) where done_at is null`;

  await q`create table onboarding.hire_history (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references onboarding.organization(id) on delete cascade,
    new_hire_id uuid not null references onboarding.new_hire(id) on delete cascade,
    kind text not null,
    message text not null,
    created_at timestamptz not null default now()
  )`;
  await q`create index hire_history_hire_idx on onboarding.hire_history (new_hire_id, created_at)`;
}
