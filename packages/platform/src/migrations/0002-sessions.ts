import { type Kysely, sql } from 'kysely';

// Sessions of every product's users (each product has its own cookie and `scope`), and generated secrets
// that must be the same in every process (session signing, encryption keys) when none is configured.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .withSchema('platform')
    .createTable('session')
    .addColumn('sid', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index session_scope_user_idx on platform.session (scope, user_id)`.execute(db);
  await sql`create index session_expires_idx on platform.session (expires_at)`.execute(db);

  await db.schema
    .withSchema('platform')
    .createTable('app_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
