import { type Kysely, sql } from 'kysely';

// Users & roles pages (issue 6): an invitation (or password reset) is a single-use link to a set-password
// page. Only the SHA-256 hash of the token is stored (it is a 256-bit random value, so a slow hash adds
// nothing); it expires, and using it or issuing a newer one for the same user ends it.
// Also: the candidate profile's history reads a candidate's archive changes from the event log, so those
// events get an index by opportunity id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .withSchema('ats')
    .createTable('user_invitation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('ats.user.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'uuid', (c) => c.references('ats.user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await sql`create index user_invitation_user_idx on ats.user_invitation (user_id)`.execute(db);
  await sql`create index event_log_archive_opportunity_idx on ats.event_log ((data->>'opportunityId'), seq)
    where event = 'candidateArchiveChange'`.execute(db);
}
