import { type Kysely, sql } from 'kysely';

// Opportunity records beyond 0001: comments on notes (`POST …/notes?note_id=` appends a field to an
// existing note, reference §2.7), the referral form's template texts (§2.9), and an offer's sent/signed
// documents (§2.10), stored as ats.file rows of kind `offer`.
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema.withSchema('ats');

  await s
    .createTable('note_comment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('note_id', 'uuid', (c) => c.notNull().references('ats.note.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid')
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('stage_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index note_comment_note_idx on ats.note_comment (note_id, created_at)`.execute(db);

  await s
    .alterTable('referral')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo('Referral'))
    .addColumn('instructions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('base_template_id', 'uuid')
    .execute();

  await s
    .alterTable('offer')
    .addColumn('sent_document_id', 'uuid', (c) => c.references('ats.file.id'))
    .addColumn('signed_document_id', 'uuid', (c) => c.references('ats.file.id'))
    .execute();

  // `/uploads` rows expire after 24 h; the sweep (and claim) looks them up by kind and expiry.
  await sql`create index file_upload_expiry_idx on ats.file (expires_at) where kind = 'upload'`.execute(db);
}
