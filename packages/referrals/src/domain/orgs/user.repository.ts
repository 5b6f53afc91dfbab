// People of an organization (admins, employees, external referrers) and their one-time tokens.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppUserRow, ReferralsKysely } from '../../db.ts';

export type Role = AppUserRow['role'];
export type AppUser = AppUserRow;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function insertUser(
  db: ReferralsKysely,
  input: { organizationId: string; email: string; name?: string; role: Role; invitedBy?: string | null },
): Promise<AppUser> {
  return db
    .insertInto('referrals.app_user')
    .values({
      organization_id: input.organizationId,
      email: normalizeEmail(input.email),
      name: input.name ?? '',
      role: input.role,
      invited_by: input.invitedBy ?? null,
      password_hash: null,
      sso_subject: null,
      ats_user_id: null,
      registered_at: null,
      last_sign_in_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUser(
  db: ReferralsKysely,
  organizationId: string,
  id: string,
): Promise<AppUser | undefined> {
  return db
    .selectFrom('referrals.app_user')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** By id across organizations: only for resolving the signed-in session's user. */
export async function findUserForSession(db: ReferralsKysely, id: string): Promise<AppUser | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('referrals.app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(
  db: ReferralsKysely,
  organizationId: string,
  email: string,
): Promise<AppUser | undefined> {
  return db
    .selectFrom('referrals.app_user')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where(sql`lower(email)`, '=', normalizeEmail(email))
    .executeTakeFirst();
}

/** Every active or invited account with this email (a person may belong to several organizations). */
export async function findUsersByEmail(db: ReferralsKysely, email: string): Promise<AppUser[]> {
  return db
    .selectFrom('referrals.app_user')
    .selectAll()
    .where(sql`lower(email)`, '=', normalizeEmail(email))
    .where('status', '!=', 'disabled')
    .orderBy('created_at')
    .execute();
}

export async function listUsers(db: ReferralsKysely, organizationId: string): Promise<AppUser[]> {
  return db
    .selectFrom('referrals.app_user')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .execute();
}

export async function updateUser(
  db: ReferralsKysely,
  organizationId: string,
  id: string,
  patch: Partial<
    Pick<AppUser, 'name' | 'status' | 'password_hash' | 'registered_at' | 'last_sign_in_at' | 'ats_user_id'>
  >,
): Promise<void> {
  await db
    .updateTable('referrals.app_user')
    .set(patch)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

// --- one-time tokens (invitation, magic link) — only their SHA-256 is stored ---

export type TokenPurpose = 'invitation' | 'magic_link' | 'password_reset';
export const TOKEN_TTL_MS: Readonly<Record<TokenPurpose, number>> = Object.freeze({
  invitation: 7 * 24 * 3600 * 1000,
  magic_link: 15 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
});

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export async function issueToken(
  db: ReferralsKysely,
  user: AppUser,
  purpose: TokenPurpose,
  now = Date.now(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('referrals.user_token')
    .values({
      organization_id: user.organization_id,
      user_id: user.id,
      purpose,
      token_hash: hashToken(token),
      expires_at: new Date(now + TOKEN_TTL_MS[purpose]),
      used_at: null,
    })
    .execute();
  return token;
}

/** Looks a token up without using it (to show the invitation form). */
export async function peekToken(
  db: ReferralsKysely,
  token: string,
  purpose: TokenPurpose,
): Promise<AppUser | undefined> {
  return db
    .selectFrom('referrals.user_token as t')
    .innerJoin('referrals.app_user as u', 'u.id', 't.user_id')
    .selectAll('u')
    .where('t.token_hash', '=', hashToken(token))
    .where('t.purpose', '=', purpose)
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', new Date())
    .where('u.status', '!=', 'disabled')
    .executeTakeFirst();
}

/** Marks the token used (single use even under concurrent clicks) and returns its user. */
export async function consumeToken(
  db: ReferralsKysely,
  token: string,
  purpose: TokenPurpose,
): Promise<AppUser | undefined> {
  const used = await db
    .updateTable('referrals.user_token')
    .set({ used_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['user_id', 'organization_id'])
    .executeTakeFirst();
  if (!used) return undefined;
  const user = await findUser(db, used.organization_id, used.user_id);
  return user && user.status !== 'disabled' ? user : undefined;
}
