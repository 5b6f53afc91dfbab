import { type Kysely, sql } from 'kysely';

// The `careers` schema. Three groups of tables:
//  - the app's own people: organization (with the slug of its public careers site), app_user (admins);
//  - the ATS integration (one per organization; the API key is AES-256-GCM encrypted) and its sync runs;
//  - what is synced read-only from the ATS: job, skipped_posting, stage, candidate, resume.
// Every table carries organization_id and every query filters by it (multi-tenancy, DESIGN.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  const q = (s: TemplateStringsArray) => sql.raw(s.join('')).execute(db);

  await q`create table careers.organization (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    slug text not null unique,
    created_at timestamptz not null default now()
  )`;

  await q`create table careers.app_user (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references careers.organization(id) on delete cascade,
    email text not null,
    name text not null default '',
    role text not null default 'admin' check (role in ('admin')),
    password_hash text not null,
    created_at timestamptz not null default now(),
    last_sign_in_at timestamptz
  )`;
  await q`create unique index app_user_email_uq on careers.app_user (lower(email))`;

  // The seed article's form, one row per organization. hidden_rules: [{field, op, value}].
  await q`create table careers.integration (
    organization_id uuid primary key references careers.organization(id) on delete cascade,
    name text not null,
    environment text not null check (environment in ('embedded', 'production', 'sandbox', 'eu')),
    api_base_url text not null,
    postings_base_url text not null,
    api_key_enc text not null,
    company_code text not null,
    sync_states text[] not null,
    channel text not null check (channel in ('public', 'internal', 'both')),
    remote_regex text not null default '',
    hybrid_regex text not null default '',
    hidden_rules jsonb not null default '[]',
    sync_resumes boolean not null default false,
    job_poll_minutes integer not null default 15 check (job_poll_minutes >= 1),
    candidate_poll_minutes integer not null default 15 check (candidate_poll_minutes >= 1),
    jobs_start_at timestamptz,
    candidates_start_at timestamptz,
    import_unknown_candidates boolean not null default false,
    confidential_access boolean not null default false,
    granted_permissions text[] not null default '{}',
    status text not null default 'connected' check (status in ('connected', 'broken')),
    last_error text,
    jobs_watermark_ms bigint,
    candidates_watermark_ms bigint,
    last_job_poll_at timestamptz,
    last_candidate_poll_at timestamptz,
    last_full_sync_at timestamptz,
    updated_at timestamptz not null default now()
  )`;

  // A posting as the careers site shows it. published = on the chosen states and channel, not hidden.
  await q`create table careers.job (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references careers.organization(id) on delete cascade,
    ats_posting_id text not null,
    title text not null,
    state text not null,
    distribution_channels text[] not null default '{}',
    confidentiality text not null,
    location text not null,
    all_locations text[] not null default '{}',
    team text,
    department text,
    commitment text,
    workplace_type text not null,
    work_mode text not null check (work_mode in ('remote', 'hybrid', 'on-site')),
    work_mode_source text not null,
    description text not null default '',
    description_html text not null,
    lists jsonb not null default '[]',
    closing text not null default '',
    tags text[] not null default '{}',
    country text,
    salary jsonb,
    apply_url text,
    hosted_url text,
    hidden_reason text,
    published boolean not null,
    published_at timestamptz,
    ats_created_at_ms bigint not null,
    ats_updated_at_ms bigint not null,
    synced_at timestamptz not null default now(),
    removed_at timestamptz,
    unique (organization_id, ats_posting_id)
  )`;
  await q`create index job_site_idx on careers.job (organization_id, published, ats_created_at_ms desc)`;

  await q`create table careers.skipped_posting (
    organization_id uuid not null references careers.organization(id) on delete cascade,
    ats_posting_id text not null,
    title text not null,
    reason text not null,
    seen_at timestamptz not null default now(),
    primary key (organization_id, ats_posting_id)
  )`;

  await q`create table careers.stage (
    organization_id uuid not null references careers.organization(id) on delete cascade,
    ats_stage_id text not null,
    text text not null,
    primary key (organization_id, ats_stage_id)
  )`;

  await q`create table careers.candidate (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references careers.organization(id) on delete cascade,
    ats_opportunity_id text not null,
    name text not null,
    headline text not null default '',
    emails text[] not null default '{}',
    location text not null default '',
    sources text[] not null default '{}',
    origin text,
    stage_id text,
    stage_text text,
    archived boolean not null default false,
    ats_posting_ids text[] not null default '{}',
    confidentiality text not null,
    ats_created_at_ms bigint not null,
    ats_updated_at_ms bigint not null,
    synced_at timestamptz not null default now(),
    removed_at timestamptz,
    unique (organization_id, ats_opportunity_id)
  )`;
  await q`create index candidate_list_idx on careers.candidate (organization_id, ats_updated_at_ms desc)`;

  await q`create table careers.resume (
    organization_id uuid not null references careers.organization(id) on delete cascade,
    ats_opportunity_id text not null,
    ats_resume_id text not null,
    filename text not null,
    content_type text not null,
    size_bytes integer not null,
    data bytea,
    synced_at timestamptz not null default now(),
    primary key (organization_id, ats_opportunity_id, ats_resume_id)
  )`;

  await q`create table careers.sync_run (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references careers.organization(id) on delete cascade,
    kind text not null check (kind in ('full', 'delta')),
    scope text not null check (scope in ('all', 'jobs', 'candidates')),
    trigger text not null,
    status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
    requests integer not null default 0,
    jobs_upserted integer not null default 0,
    jobs_removed integer not null default 0,
    candidates_upserted integer not null default 0,
    candidates_removed integer not null default 0,
    skipped integer not null default 0,
    skipped_items jsonb not null default '[]',
    errors jsonb not null default '[]',
    started_at timestamptz not null default now(),
    finished_at timestamptz
  )`;
  await q`create index sync_run_org_idx on careers.sync_run (organization_id, started_at desc)`;
}
