import { type Kysely, sql } from 'kysely';

// Webhooks (reference §3.4) and their durable delivery log. A delivery is one (webhook, event) pair: its
// row is the source of truth (status, next attempt, lease), pg-boss jobs only wake workers up. Every
// attempt is a row of its own. `token` and `triggered_at` are fixed per delivery so retries and re-sends
// carry the same Lever replay key and the same `webhook-id` (the delivery id).
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema.withSchema('ats');
  const now = sql`now()`;
  await s
    .createTable('webhook')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('origins', sql`text[]`, (c) => c.notNull())
    .addColumn('created_via', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('signature_token', 'text', (c) => c.notNull())
    .addColumn('previous_signature_token', 'text')
    .addColumn('previous_token_expires_at', 'timestamptz')
    .addColumn('failing_since', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('disabled_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await sql`create index webhook_account_event_idx on ats.webhook (account_id, event) where deleted_at is null`.execute(
    db,
  );

  await s
    .createTable('webhook_delivery')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('webhook_id', 'uuid', (c) => c.notNull().references('ats.webhook.id'))
    .addColumn('event_id', 'uuid')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('triggered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('status_reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('schedule_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('completed_at', 'timestamptz')
    .addUniqueConstraint('webhook_delivery_webhook_event_uq', ['webhook_id', 'event_id'])
    .execute();
  await sql`create index webhook_delivery_account_created_idx on ats.webhook_delivery (account_id, created_at desc, id desc)`.execute(
    db,
  );
  await sql`create index webhook_delivery_due_idx on ats.webhook_delivery (next_attempt_at) where status = 'pending'`.execute(
    db,
  );

  await s
    .createTable('webhook_attempt')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('ats.webhook_delivery.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('response_excerpt', 'text')
    .addColumn('error', 'text')
    .execute();
  await sql`create index webhook_attempt_delivery_idx on ats.webhook_attempt (delivery_id, attempt)`.execute(
    db,
  );
}
