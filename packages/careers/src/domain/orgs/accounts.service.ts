// Careers organizations and their admins. An organization has a public careers site at /careers/<slug>;
// its admins sign in with email and password (argon2id) to configure the ATS integration.
import { hashPassword, verifyPassword } from '@hireloop/platform/passwords';
import type { CareersContext } from '../../context.ts';
import type { AppUserRow, OrganizationRow } from '../../db.ts';
import {
  findOrganizationBySlug,
  findUserByEmail,
  insertOrganization,
  insertUser,
  touchSignIn,
} from './org.repository.ts';

export const MIN_PASSWORD_LENGTH = 10;
/** Paths under /careers that are not careers sites. */
export const RESERVED_SLUGS = Object.freeze(['admin', 'sign-in', 'sign-out', 'signup', 'assets', 'static']);
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export class AccountError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'AccountError';
    this.field = field;
  }
}

export interface NewOrganization {
  readonly name: string;
  readonly slug: string;
  readonly adminEmail: string;
  readonly adminName: string;
  readonly password: string;
}

export async function createOrganizationWithAdmin(
  ctx: CareersContext,
  input: NewOrganization,
): Promise<{ organization: OrganizationRow; admin: AppUserRow }> {
  const slug = input.slug.trim().toLowerCase();
  if (!input.name.trim()) throw new AccountError('name', 'Enter the company name');
  if (!SLUG.test(slug) || RESERVED_SLUGS.includes(slug))
    throw new AccountError(
      'slug',
      'The site address takes 2–63 lowercase letters, digits or dashes (not "admin")',
    );
  if (!/^[^@\s]+@[^@\s]+$/.test(input.adminEmail.trim()))
    throw new AccountError('email', 'Enter an email address');
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new AccountError('password', `Use at least ${MIN_PASSWORD_LENGTH} characters`);
  if (await findOrganizationBySlug(ctx.db, slug))
    throw new AccountError('slug', `The site address "${slug}" is taken`);
  if (await findUserByEmail(ctx.db, input.adminEmail))
    throw new AccountError('email', 'That email already belongs to a careers admin');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const organization = await insertOrganization(trx, { name: input.name.trim(), slug });
    const admin = await insertUser(trx, {
      organizationId: organization.id,
      email: input.adminEmail.trim(),
      name: input.adminName.trim(),
      passwordHash,
    });
    return { organization, admin };
  });
}

/** The admin with this email and password, or undefined (same answer for unknown email and wrong password). */
export async function signInWithPassword(
  ctx: CareersContext,
  email: string,
  password: string,
): Promise<AppUserRow | undefined> {
  const user = await findUserByEmail(ctx.db, email);
  // Verify against a fixed hash for unknown emails too, so timing does not tell which emails exist.
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) return undefined;
  await touchSignIn(ctx.db, user.id);
  return user;
}

const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Y2FyZWVyc2R1bW15aGFzaGNhcmVlcnNkdW1teWhhc2g';
