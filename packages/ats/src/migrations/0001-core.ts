import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// The ATS core: tenants (accounts), people (users), company structure, pipeline vocabulary, postings,
// candidates (contacts + opportunities + applications), their notes/files/referrals/offers, and API keys.
// Lever-facing ids are UUIDs (stage ids keep Lever's built-in slugs). Timestamps are timestamptz; the API
// turns them into milliseconds. Soft deletes (`deleted_at`) feed the `/deleted` list endpoints.
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema.withSchema('ats');
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = sql`now()`;

  await s
    .createTable('account')
    .addColumn('id', 'uuid', id)
    .addColumn('site', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await s
    .createTable('user')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('access_role', 'text', (c) => c.notNull().defaultTo('interviewer'))
    .addColumn('password_hash', 'text')
    .addColumn('job_title', 'text')
    .addColumn('manager_id', 'uuid')
    .addColumn('external_directory_id', 'text')
    .addColumn('photo', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('deactivated_at', 'timestamptz')
    .execute();
  await sql`create unique index user_account_email_uq on ats."user" (account_id, lower(email))`.execute(db);

  await s
    .createTable('location')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('location_account_name_uq', ['account_id', 'name'])
    .execute();

  await s
    .createTable('department')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('department_account_name_uq', ['account_id', 'name'])
    .execute();

  await s
    .createTable('team')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('department_id', 'uuid', (c) => c.references('ats.department.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('team_account_department_name_uq', ['account_id', 'department_id', 'name'])
    .execute();

  await s
    .createTable('stage')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('pipeline', 'text', (c) => c.notNull())
    .addColumn('rank', 'double precision', (c) => c.notNull())
    .addColumn('has_interview', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('stage_pk', ['account_id', 'id'])
    .execute();

  await s
    .createTable('archive_reason')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await s
    .createTable('posting')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('distribution_channels', sql`text[]`)
    .addColumn('confidentiality', 'text', (c) => c.notNull().defaultTo('non-confidential'))
    .addColumn('team', 'text')
    .addColumn('department', 'text')
    .addColumn('location', 'text')
    .addColumn('all_locations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('commitment', 'text')
    .addColumn('level', 'text')
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('content', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('user_id', 'uuid')
    .addColumn('owner_id', 'uuid')
    .addColumn('hiring_manager_id', 'uuid')
    .addColumn('followers', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('workplace_type', 'text', (c) => c.notNull().defaultTo('unspecified'))
    .addColumn('country', 'text')
    .addColumn('req_code', 'text')
    .addColumn('requisition_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('salary_range', 'jsonb')
    .addColumn('salary_description', 'text')
    .addColumn('salary_description_html', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await sql`create index posting_account_updated_idx on ats.posting (account_id, updated_at desc, id desc)`.execute(
    db,
  );
  await sql`create index posting_account_created_idx on ats.posting (account_id, created_at desc, id desc)`.execute(
    db,
  );

  await s
    .createTable('contact')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('emails', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('phones', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('is_anonymized', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // Dedupe by email: canonical (lower-cased, trimmed) emails, GIN for `emails && array[...]`.
  await sql`create index contact_emails_idx on ats.contact using gin (emails)`.execute(db);

  await s
    .createTable('opportunity')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('contact_id', 'uuid', (c) => c.notNull().references('ats.contact.id'))
    .addColumn('posting_id', 'uuid', (c) => c.references('ats.posting.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('sourced'))
    .addColumn('confidentiality', 'text', (c) => c.notNull().defaultTo('non-confidential'))
    .addColumn('owner_id', 'uuid')
    .addColumn('sourced_by', 'uuid')
    .addColumn('followers', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('sources', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('links', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('archive_reason_id', 'uuid')
    .addColumn('archived_at', 'timestamptz')
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('opportunity_location', 'text')
    .addColumn('data_protection', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_interaction_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_advanced_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by', 'uuid')
    .execute();
  // Keyset pagination: default order is created_at desc, id desc (see api/pagination.ts).
  await sql`create index opportunity_account_created_idx on ats.opportunity (account_id, created_at desc, id desc) where deleted_at is null`.execute(
    db,
  );
  await sql`create index opportunity_account_updated_idx on ats.opportunity (account_id, updated_at) where deleted_at is null`.execute(
    db,
  );
  await sql`create index opportunity_contact_idx on ats.opportunity (contact_id)`.execute(db);
  await sql`create index opportunity_posting_idx on ats.opportunity (posting_id)`.execute(db);
  await sql`create index opportunity_tags_idx on ats.opportunity using gin (tags)`.execute(db);
  await sql`create index opportunity_sources_idx on ats.opportunity using gin (sources)`.execute(db);

  await s
    .createTable('stage_change')
    .addColumn('id', 'uuid', id)
    .addColumn('opportunity_id', 'uuid', (c) => c.notNull().references('ats.opportunity.id'))
    .addColumn('to_stage_id', 'text', (c) => c.notNull())
    .addColumn('to_stage_index', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create index stage_change_opportunity_idx on ats.stage_change (opportunity_id, updated_at)`.execute(
    db,
  );

  await s
    .createTable('application')
    .addColumn('id', 'uuid', id)
    .addColumn('opportunity_id', 'uuid', (c) => c.notNull().references('ats.opportunity.id'))
    .addColumn('posting_id', 'uuid', (c) => c.references('ats.posting.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('company', 'text')
    .addColumn('links', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('comments', 'text')
    .addColumn('custom_questions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('ip_address', 'text')
    .addColumn('referer', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('consent', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await sql`create index application_opportunity_idx on ats.application (opportunity_id)`.execute(db);

  await s
    .createTable('note')
    .addColumn('id', 'uuid', id)
    .addColumn('opportunity_id', 'uuid', (c) => c.notNull().references('ats.opportunity.id'))
    .addColumn('user_id', 'uuid')
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('secret', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('score', 'integer')
    .addColumn('stage_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await sql`create index note_opportunity_idx on ats.note (opportunity_id, created_at)`.execute(db);

  // Resumes, files and offer documents. Bytes live in file_blob (bytea) so every process of a scaled-out
  // deployment reads the same files from the one database.
  await s
    .createTable('file')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('opportunity_id', 'uuid', (c) => c.references('ats.opportunity.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('parsed_data', 'jsonb')
    .addColumn('user_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await sql`create index file_opportunity_idx on ats.file (opportunity_id, kind)`.execute(db);
  await s
    .createTable('file_blob')
    .addColumn('file_id', 'uuid', (c) => c.primaryKey().references('ats.file.id').onDelete('cascade'))
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .execute();

  await s
    .createTable('referral')
    .addColumn('id', 'uuid', id)
    .addColumn('opportunity_id', 'uuid', (c) => c.notNull().references('ats.opportunity.id'))
    .addColumn('referrer_id', 'uuid')
    .addColumn('user_id', 'uuid')
    .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('stage_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await sql`create index referral_opportunity_idx on ats.referral (opportunity_id)`.execute(db);

  await s
    .createTable('offer')
    .addColumn('id', 'uuid', id)
    .addColumn('opportunity_id', 'uuid', (c) => c.notNull().references('ats.opportunity.id'))
    .addColumn('posting_id', 'uuid')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('creator_id', 'uuid')
    .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('signatures', 'jsonb')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('signed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create index offer_opportunity_idx on ats.offer (opportunity_id)`.execute(db);

  // API keys: the secret is shown once; we keep a SHA-256 of it (the key has 256 bits of entropy, so a
  // slow hash adds nothing) and a short prefix to tell keys apart in the UI.
  await s
    .createTable('api_key')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('permissions', sql`text[]`, (c) => c.notNull())
    .addColumn('confidential_access', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}
