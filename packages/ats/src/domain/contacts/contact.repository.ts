// All SQL for contacts (the person behind one or more opportunities, reference §2.4). Emails are stored
// canonical (trimmed, lower-cased) so dedupe is an index lookup (`emails && array[…]`, GIN).
import { sql } from 'kysely';
import type { Phone } from '@hireloop/lever/wire';
import type { AtsKysely, Row } from '../../db.ts';

export type ContactRow = Row<'ats.contact'>;

/** The form every stored and queried email takes. */
export const canonicalEmail = (email: string): string => email.trim().toLowerCase();

// Deliberately loose (one @, something either side, no spaces): Lever's rule is unknown, and a stricter
// check would refuse addresses real mail servers accept.
const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;
export const isValidEmail = (email: string): boolean => EMAIL_RE.test(email.trim());

export function findContact(db: AtsKysely, accountId: string, id: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('ats.contact')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findContactsByIds(
  db: AtsKysely,
  accountId: string,
  ids: readonly string[],
): Promise<ContactRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ats.contact')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .execute();
}

/** The oldest contact of the account having any of these (canonical) emails: the dedupe target. */
export function findContactByEmails(
  db: AtsKysely,
  accountId: string,
  emails: readonly string[],
): Promise<ContactRow | undefined> {
  if (emails.length === 0) return Promise.resolve(undefined);
  return db
    .selectFrom('ats.contact')
    .selectAll()
    .where('account_id', '=', accountId)
    .where(sql<boolean>`emails && ${sql.val([...emails])}::text[]`)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export interface ContactFields {
  readonly name: string;
  readonly headline: string;
  readonly location: string;
  readonly emails: readonly string[];
  readonly phones: readonly Phone[];
}

export function insertContact(
  db: AtsKysely,
  accountId: string,
  c: ContactFields,
  at: Date,
): Promise<ContactRow> {
  return db
    .insertInto('ats.contact')
    .values({
      account_id: accountId,
      name: c.name,
      headline: c.headline,
      location: c.location,
      emails: [...c.emails],
      phones: JSON.stringify(c.phones),
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateContactRow(
  db: AtsKysely,
  accountId: string,
  id: string,
  c: ContactFields,
  at: Date,
): Promise<ContactRow | undefined> {
  return db
    .updateTable('ats.contact')
    .set({
      name: c.name,
      headline: c.headline,
      location: c.location,
      emails: [...c.emails],
      phones: JSON.stringify(c.phones),
      updated_at: at,
    })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
