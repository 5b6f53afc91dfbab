// All SQL of the mail outbox. `db` (instance or transaction) is the first parameter of every function.
import type { Generated, Kysely, Selectable } from 'kysely';

export interface MailMessageTable {
  id: Generated<string>;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  tag: string | null;
  status: Generated<'queued' | 'sent' | 'captured' | 'failed'>;
  transport: string | null;
  error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}
export interface MailDb {
  'platform.mail_message': MailMessageTable;
}
export type MailRow = Selectable<MailMessageTable>;

export async function insertMail(
  db: Kysely<MailDb>,
  m: { to: string; from: string; subject: string; text: string; html?: string; tag?: string },
): Promise<string> {
  const row = await db
    .insertInto('platform.mail_message')
    .values({
      to_address: m.to,
      from_address: m.from,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html ?? null,
      tag: m.tag ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findMailById(db: Kysely<MailDb>, id: string): Promise<MailRow | undefined> {
  return db.selectFrom('platform.mail_message').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markMail(
  db: Kysely<MailDb>,
  id: string,
  update: { status: MailRow['status']; transport: string; error?: string },
): Promise<void> {
  await db
    .updateTable('platform.mail_message')
    .set({
      status: update.status,
      transport: update.transport,
      error: update.error ?? null,
      sent_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export function listMail(
  db: Kysely<MailDb>,
  options: { to?: string; limit: number; before?: Date },
): Promise<MailRow[]> {
  let q = db
    .selectFrom('platform.mail_message')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.to) q = q.where('to_address', '=', options.to.toLowerCase());
  if (options.before) q = q.where('created_at', '<', options.before);
  return q.execute();
}
