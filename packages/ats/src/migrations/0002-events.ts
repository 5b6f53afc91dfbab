import { type Kysely, sql } from 'kysely';

// The outbox of ATS state changes (applicationCreated, candidateStageChange, …; reference §3.1). Domain
// functions write a row in the transaction of the change they report, so a rollback drops both; the webhook
// deliveries are enqueued from here. `origin` is the opportunity's origin, for the webhooks'
// `configuration.conditions.origins` filter. Applications also learn when they were hired (hire = archive
// with a Hired reason) and against which requisition.
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema.withSchema('ats');
  await s
    .createTable('event_log')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('origin', 'text')
    // Events of one transaction share created_at (now()); seq keeps the order they were emitted in.
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index event_log_account_seq_idx on ats.event_log (account_id, seq)`.execute(db);

  await s.alterTable('application').addColumn('hired_at', 'timestamptz').execute();
  await s.alterTable('application').addColumn('requisition_for_hire', 'jsonb').execute();
  await sql`create index application_deleted_idx on ats.application (deleted_at desc, id desc) where deleted_at is not null`.execute(
    db,
  );
  await sql`create index opportunity_account_deleted_idx on ats.opportunity (account_id, deleted_at desc, id desc) where deleted_at is not null`.execute(
    db,
  );
}
