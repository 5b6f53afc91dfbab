import { type Kysely, sql } from 'kysely';

// diagnostics schema: one row per run of `diagnostics.record-run`, so tests can count how often each job
// (job_id) ran and in which process (pid). No unique key on job_id on purpose: a double run must show.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .withSchema('diagnostics')
    .createTable('job_run')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('job_id', 'uuid', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('ran_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .withSchema('diagnostics')
    .createIndex('job_run_key_idx')
    .on('job_run')
    .columns(['key', 'seq'])
    .execute();
}
