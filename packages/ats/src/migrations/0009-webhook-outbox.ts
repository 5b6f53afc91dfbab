import { type Kysely, sql } from 'kysely';

// The webhook outbox (P3): one narrow row per recorded event, written in the same statement as the event
// (events port, webhook-queue.ts) and deleted by the statement that fans it out into delivery rows
// (delivery.repository.ts, fanOutFromOutbox) — so an event is either still here or has its deliveries,
// never neither. Replaces one pg-boss fan-out job per event (insert + fetch update + completion update on
// pg-boss's wider, more indexed rows). Rows live for milliseconds: vacuum it by dead-row count, not by a
// fraction of a table that is almost always empty.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table ats.webhook_outbox (
    seq bigint generated always as identity primary key,
    event_id uuid not null
  ) with (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`.execute(db);
}
