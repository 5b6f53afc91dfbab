// All SQL for ATS users (people with access roles). Lever user ids are UUIDs; emails are stored canonical
// (trimmed, lower-cased) and unique per account (index on lower(email)).
import { sql } from 'kysely';
import type { AtsKysely, Row, RowUpdate } from '../../db.ts';

export type UserRow = Row<'ats.user'>;

/** Canonical form of an email for storage and lookups. */
export const canonicalEmail = (email: string): string => email.trim().toLowerCase();

export function findUserById(db: AtsKysely, accountId: string, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('ats.user')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUserByEmail(
  db: AtsKysely,
  accountId: string,
  email: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('ats.user')
    .selectAll()
    .where('account_id', '=', accountId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', canonicalEmail(email)))
    .executeTakeFirst();
}

export function findUsersByIds(db: AtsKysely, accountId: string, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ats.user')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .execute();
}

export interface NewUser {
  accountId: string;
  name: string;
  email: string;
  accessRole: string;
  passwordHash?: string | null;
  jobTitle?: string | null;
  managerId?: string | null;
  externalDirectoryId?: string | null;
}

export async function insertUser(db: AtsKysely, user: NewUser): Promise<UserRow> {
  return db
    .insertInto('ats.user')
    .values({
      account_id: user.accountId,
      name: user.name,
      email: canonicalEmail(user.email),
      access_role: user.accessRole,
      password_hash: user.passwordHash ?? null,
      job_title: user.jobTitle ?? null,
      manager_id: user.managerId ?? null,
      external_directory_id: user.externalDirectoryId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUserRow(
  db: AtsKysely,
  accountId: string,
  id: string,
  changes: RowUpdate<'ats.user'>,
): Promise<UserRow | undefined> {
  return db
    .updateTable('ats.user')
    .set(changes)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export interface UserFilter {
  readonly email?: string;
  readonly includeDeactivated?: boolean;
  readonly accessRoles?: readonly string[];
  readonly externalDirectoryId?: string;
}

/** A user row plus its keyset cursor: created_at to the microsecond as text (ms would lose rows on ties). */
export type UserPageRow = UserRow & { cursor: string };

/** One page of users in (created_at, id) order, `limit + 1` rows so the caller can tell if there is more. */
export function listUsers(
  db: AtsKysely,
  accountId: string,
  filter: UserFilter,
  limit: number,
  after?: readonly [string, string],
): Promise<UserPageRow[]> {
  let q = db
    .selectFrom('ats.user')
    .selectAll()
    .select(sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor'))
    .where('account_id', '=', accountId);
  if (!filter.includeDeactivated) q = q.where('deactivated_at', 'is', null);
  if (filter.email !== undefined) {
    q = q.where((eb) => eb(eb.fn('lower', ['email']), '=', canonicalEmail(filter.email ?? '')));
  }
  if (filter.accessRoles?.length) q = q.where('access_role', 'in', [...filter.accessRoles]);
  if (filter.externalDirectoryId !== undefined)
    q = q.where('external_directory_id', '=', filter.externalDirectoryId);
  if (after) {
    const [at, id] = after;
    q = q.where((eb) =>
      eb(
        eb.refTuple('created_at', 'id'),
        '>',
        eb.tuple(sql<Date>`${at}::timestamptz`, sql<string>`${id}::uuid`),
      ),
    );
  }
  return q
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}
