// All SQL of careers.organization and careers.app_user.
import type { AppUserRow, CareersKysely, OrganizationRow } from '../../db.ts';

export const findOrganization = (db: CareersKysely, id: string): Promise<OrganizationRow | undefined> =>
  db.selectFrom('careers.organization').selectAll().where('id', '=', id).executeTakeFirst();

export const findOrganizationBySlug = (
  db: CareersKysely,
  slug: string,
): Promise<OrganizationRow | undefined> =>
  db.selectFrom('careers.organization').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst();

export const insertOrganization = (db: CareersKysely, input: { name: string; slug: string }) =>
  db.insertInto('careers.organization').values(input).returningAll().executeTakeFirstOrThrow();

export const insertUser = (
  db: CareersKysely,
  input: { organizationId: string; email: string; name: string; passwordHash: string },
) =>
  db
    .insertInto('careers.app_user')
    .values({
      organization_id: input.organizationId,
      email: input.email.toLowerCase(),
      name: input.name,
      password_hash: input.passwordHash,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findUserByEmail = (db: CareersKysely, email: string): Promise<AppUserRow | undefined> =>
  db
    .selectFrom('careers.app_user')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();

export const findUser = (db: CareersKysely, id: string): Promise<AppUserRow | undefined> =>
  db.selectFrom('careers.app_user').selectAll().where('id', '=', id).executeTakeFirst();

export const touchSignIn = (db: CareersKysely, id: string) =>
  db.updateTable('careers.app_user').set({ last_sign_in_at: new Date() }).where('id', '=', id).execute();
