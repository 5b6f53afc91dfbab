import { type Kysely, sql } from 'kysely';

// platform schema: captured/sent mail (the outbox behind the mailbox page) and shared rate-limit buckets
// (so a budget holds across processes when DATABASE_URL is set).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .withSchema('platform')
    .createTable('mail_message')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('tag', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('transport', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema
    .withSchema('platform')
    .createIndex('mail_message_created_idx')
    .on('mail_message')
    .columns(['created_at desc'])
    .execute();

  await db.schema
    .withSchema('platform')
    .createTable('rate_bucket')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .execute();
}
