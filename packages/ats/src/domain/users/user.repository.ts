// All SQL for ATS users (people with access roles). Lever user ids are UUIDs.
import type { AtsKysely, Row } from '../../db.ts';

export type UserRow = Row<'ats.user'>;

export function findUserById(db: AtsKysely, accountId: string, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('ats.user').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: AtsKysely, accountId: string, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('ats.user')
    .selectAll()
    .where('account_id', '=', accountId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export function findUsersByIds(db: AtsKysely, accountId: string, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('ats.user').selectAll().where('account_id', '=', accountId).where('id', 'in', [...ids]).execute();
}

export async function insertUser(
  db: AtsKysely,
  user: { accountId: string; name: string; email: string; accessRole: string; passwordHash?: string | null; jobTitle?: string | null; managerId?: string | null; externalDirectoryId?: string | null },
): Promise<UserRow> {
  return db
    .insertInto('ats.user')
    .values({
      account_id: user.accountId,
      name: user.name,
      email: user.email.trim().toLowerCase(),
      access_role: user.accessRole,
      password_hash: user.passwordHash ?? null,
      job_title: user.jobTitle ?? null,
      manager_id: user.managerId ?? null,
      external_directory_id: user.externalDirectoryId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
