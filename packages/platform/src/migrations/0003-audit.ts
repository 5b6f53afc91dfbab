import { type Kysely, sql } from 'kysely';

// The audit log of security-relevant actions of every product (audit/audit.ts). Rows are written in the
// transaction of the change they describe, and never updated. `tenant_id` is the ATS account id or an app's
// organization id; null only for an event tied to no tenant (a sign-in attempt with an unknown email).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .withSchema('platform')
    .createTable('audit_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('product', 'text', (c) =>
      c.notNull().check(sql`product in ('ats', 'referrals', 'careers', 'onboarding')`),
    )
    .addColumn('tenant_id', 'text')
    .addColumn('actor_type', 'text', (c) =>
      c.notNull().check(sql`actor_type in ('user', 'api_key', 'oauth_app', 'system')`),
    )
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .execute();
  // The settings page reads one tenant's events newest first, keyset on (occurred_at, id).
  await sql`create index audit_event_tenant_idx on platform.audit_event
    (product, tenant_id, occurred_at desc, id desc)`.execute(db);
}
