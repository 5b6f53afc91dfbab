import { type Kysely, sql } from 'kysely';

// A running sync beats every few seconds; a 'running' row with a recent beat holds the organization, so a
// scheduled sync never starts next to a CLI sync of the same key (two clients → twice the rate → 429s).
// A crashed process stops beating and the claim lapses (SYNC_STALE_MS).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table careers.sync_run add column heartbeat_at timestamptz not null default now()`.execute(
    db,
  );
  await sql`create index sync_run_running_idx on careers.sync_run (organization_id) where status = 'running'`.execute(
    db,
  );
}
