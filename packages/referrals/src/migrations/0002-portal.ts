import { type Kysely, sql } from 'kysely';

// Phase 2 (the portal): candidate tracking on referrals, applications (what the candidate sent, until the
// opportunity is in the ATS), the captured SMS outbox, and personal API tokens for the JSON API.
export async function up(db: Kysely<unknown>): Promise<void> {
  const q = (s: TemplateStringsArray) => sql.raw(s.join('')).execute(db);

  // tracking_code: the candidate's link (/referrals/c/:code) and, for ATS-hosted apply, the mark carried in
  // the application's source. referral_link_id: the personal link a candidate applied through.
  await q`alter table referrals.referral add column tracking_code text`;
  await q`alter table referrals.referral add column referral_link_id uuid references referrals.referral_link(id) on delete set null`;
  // The resume an employee may attach when referring (added to the opportunity as a file).
  await q`alter table referrals.referral add column resume_name text`;
  await q`alter table referrals.referral add column resume_type text`;
  await q`alter table referrals.referral add column resume_bytes bytea`;
  await q`create unique index referral_tracking_uq on referrals.referral (tracking_code)`;

  // One application per referral (unique), found again by its idempotency key when a submit is retried.
  // The steps done in the ATS are recorded so a retry continues where it stopped and never repeats one.
  // claimed_until is a lease (no transaction is held across HTTP calls: the embedded ATS may share the db).
  await q`create table referrals.application (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    referral_id uuid not null unique references referrals.referral(id) on delete cascade,
    idempotency_key text not null,
    name text not null,
    email text not null,
    phone text,
    cover_letter text,
    consent boolean not null default false,
    resume_name text,
    resume_type text,
    resume_bytes bytea,
    status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
    ats_opportunity_id text,
    steps text[] not null default '{}',
    attempts integer not null default 0,
    last_error text,
    claimed_until timestamptz,
    created_at timestamptz not null default now(),
    completed_at timestamptz,
    unique (organization_id, idempotency_key)
  )`;
  await q`create index application_pending_idx on referrals.application (organization_id, status)`;

  // The captured SMS outbox (default SmsSender): texts are kept here and shown to admins, never sent.
  await q`create table referrals.sms_message (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    to_phone text not null,
    body text not null,
    tag text not null,
    status text not null default 'captured',
    referral_id uuid references referrals.referral(id) on delete cascade,
    created_at timestamptz not null default clock_timestamp()
  )`;
  await q`create index sms_message_org_idx on referrals.sms_message (organization_id, created_at desc)`;

  // Personal API tokens (Bearer) for the JSON API: only the SHA-256 is stored; shown once.
  await q`create table referrals.api_token (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references referrals.organization(id) on delete cascade,
    user_id uuid not null references referrals.app_user(id) on delete cascade,
    name text not null,
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`;
  await q`create unique index referral_link_owner_uq on referrals.referral_link (organization_id, referrer_id, coalesce(job_id, '00000000-0000-0000-0000-000000000000'::uuid))`;
}
