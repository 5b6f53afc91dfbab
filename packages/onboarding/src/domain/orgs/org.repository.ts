// Organizations and their people (people ops with passwords; new hires with magic links only).
import { createHash, randomBytes } from 'node:crypto';
import type { OnboardingKysely, Role, Row } from '../../db.ts';

export type Organization = Row<'onboarding.organization'>;
export type AppUser = Row<'onboarding.app_user'>;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function insertOrganization(
  db: OnboardingKysely,
  input: { name: string; slug: string },
): Promise<Organization> {
  return db
    .insertInto('onboarding.organization')
    .values({ name: input.name, slug: input.slug })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findOrganization = (db: OnboardingKysely, id: string) =>
  db.selectFrom('onboarding.organization').selectAll().where('id', '=', id).executeTakeFirst();

export const findOrganizationBySlug = (db: OnboardingKysely, slug: string) =>
  db.selectFrom('onboarding.organization').selectAll().where('slug', '=', slug).executeTakeFirst();

export async function updateOrganizationSettings(
  db: OnboardingKysely,
  id: string,
  patch: { name?: string; defaultStartDays?: number },
): Promise<void> {
  await db
    .updateTable('onboarding.organization')
    .set({
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.defaultStartDays !== undefined ? { default_start_days: patch.defaultStartDays } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertUser(
  db: OnboardingKysely,
  input: {
    organizationId: string;
    email: string;
    name: string;
    role: Role;
    passwordHash?: string | null;
    newHireId?: string | null;
  },
): Promise<AppUser> {
  return db
    .insertInto('onboarding.app_user')
    .values({
      organization_id: input.organizationId,
      email: normalizeEmail(input.email),
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash ?? null,
      new_hire_id: input.newHireId ?? null,
      last_sign_in_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findUser = (db: OnboardingKysely, id: string) =>
  db.selectFrom('onboarding.app_user').selectAll().where('id', '=', id).executeTakeFirst();

export const findUsersByEmail = (db: OnboardingKysely, email: string, role: Role) =>
  db
    .selectFrom('onboarding.app_user')
    .selectAll()
    .where(({ fn, eb }) => eb(fn('lower', ['email']), '=', normalizeEmail(email)))
    .where('role', '=', role)
    .execute();

export const findNewHireUser = (db: OnboardingKysely, organizationId: string, newHireId: string) =>
  db
    .selectFrom('onboarding.app_user')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('new_hire_id', '=', newHireId)
    .executeTakeFirst();

const TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A one-time sign-in link token: 32 random bytes, only its SHA-256 stored. */
export async function issueToken(db: OnboardingKysely, user: AppUser, ttlMs = TOKEN_TTL_MS): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('onboarding.user_token')
    .values({
      organization_id: user.organization_id,
      user_id: user.id,
      token_hash: sha256(token),
      expires_at: new Date(Date.now() + ttlMs),
      used_at: null,
    })
    .execute();
  return token;
}

/** Single use by a conditional UPDATE … RETURNING: two clicks race, one wins. */
export async function consumeToken(db: OnboardingKysely, token: string): Promise<AppUser | undefined> {
  const used = await db
    .updateTable('onboarding.user_token')
    .set({ used_at: new Date() })
    .where('token_hash', '=', sha256(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst();
  return used ? findUser(db, used.user_id) : undefined;
}

/** The user a still-valid token belongs to, without using it up (an invitation page shown before its form). */
export async function peekToken(db: OnboardingKysely, token: string): Promise<AppUser | undefined> {
  const row = await db
    .selectFrom('onboarding.user_token')
    .select('user_id')
    .where('token_hash', '=', sha256(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row ? findUser(db, row.user_id) : undefined;
}
