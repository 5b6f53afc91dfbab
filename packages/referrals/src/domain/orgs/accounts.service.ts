// People coming in: an organization with its first admin (CLI or sign-up), invitations by email,
// registration (password or magic link only), password and magic-link sign-in. Transactions open here
// (the edge for the CLI and the pages) so a mail is enqueued with the change it reports.
import { hashPassword, verifyPassword } from '@hireloop/platform/passwords';
import type { ReferralsContext } from '../../context.ts';
import { untyped, type ReferralsKysely } from '../../db.ts';
import { insertOrganization, type Organization } from './org.repository.ts';
import {
  consumeToken,
  findUserByEmail,
  findUsersByEmail,
  insertUser,
  issueToken,
  normalizeEmail,
  updateUser,
  type AppUser,
  type Role,
} from './user.repository.ts';

export const MIN_PASSWORD_LENGTH = 10;

export const invitationUrl = (ctx: ReferralsContext, token: string) =>
  `${ctx.publicUrl}/referrals/invitations/${token}`;
export const magicLinkUrl = (ctx: ReferralsContext, token: string) =>
  `${ctx.publicUrl}/referrals/magic/${token}`;

export class AccountError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'AccountError';
    this.field = field;
  }
}

export const isEmail = (value: string): boolean =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) && value.length <= 320;

const ROLE_WORDS: Record<Role, string> = {
  admin: 'an admin',
  employee: 'an employee',
  external: 'a referrer',
};

/** Invites someone (new account in `invited` state, or a fresh link for an unregistered one) and mails the link. */
export async function inviteUser(
  ctx: ReferralsContext,
  trx: ReferralsKysely,
  input: { organization: Organization; email: string; role: Role; name?: string; invitedBy?: AppUser },
): Promise<{ user: AppUser; inviteUrl: string }> {
  if (!isEmail(input.email)) throw new AccountError('Enter a valid email address', 'email');
  let user = await findUserByEmail(trx, input.organization.id, input.email);
  if (user && user.status !== 'invited')
    throw new AccountError('This person already has an account', 'email');
  user ??= await insertUser(trx, {
    organizationId: input.organization.id,
    email: input.email,
    name: input.name,
    role: input.role,
    invitedBy: input.invitedBy?.id,
  });
  const token = await issueToken(trx, user, 'invitation');
  const link = invitationUrl(ctx, token);
  const inviter = input.invitedBy?.name || 'Your team';
  await ctx.runtime.mailer.send(untyped(trx), {
    to: user.email,
    subject: `You're invited to ${input.organization.name} referrals`,
    text:
      `${inviter} invited you to join ${input.organization.name} on Hireloop Referrals as ${ROLE_WORDS[input.role]}.\n\n` +
      `Accept the invitation: ${link}\n\nThe link works for 7 days.`,
    tag: 'referrals.invitation',
  });
  return { user, inviteUrl: link };
}

/** CLI `hireloop referrals org create`: the organization and its first admin, invited by email. */
export async function createOrganizationWithAdmin(
  ctx: ReferralsContext,
  input: { name: string; adminEmail: string; adminName?: string },
): Promise<{ organization: Organization; admin: AppUser; inviteUrl: string }> {
  const name = input.name.trim();
  if (!name) throw new AccountError('The organization needs a name', 'name');
  if (!isEmail(input.adminEmail)) throw new AccountError('Enter a valid admin email address', 'adminEmail');
  return ctx.db.transaction().execute(async (trx) => {
    const organization = await insertOrganization(trx, name);
    const { user, inviteUrl } = await inviteUser(ctx, trx, {
      organization,
      email: input.adminEmail,
      role: 'admin',
      name: input.adminName,
    });
    return { organization, admin: user, inviteUrl };
  });
}

/** Self-service sign-up: a new organization whose creator is its admin, signed in at once. */
export async function signUp(
  ctx: ReferralsContext,
  input: { organizationName: string; name: string; email: string; password: string },
): Promise<AppUser> {
  if (!input.organizationName.trim()) throw new AccountError('Enter your company name', 'organizationName');
  if (!input.name.trim()) throw new AccountError('Enter your name', 'name');
  if (!isEmail(input.email)) throw new AccountError('Enter a valid email address', 'email');
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const organization = await insertOrganization(trx, input.organizationName.trim());
    const user = await insertUser(trx, {
      organizationId: organization.id,
      email: input.email,
      name: input.name.trim(),
      role: 'admin',
    });
    const now = new Date();
    await updateUser(trx, organization.id, user.id, {
      status: 'active',
      password_hash: passwordHash,
      registered_at: now,
      last_sign_in_at: now,
    });
    return { ...user, status: 'active', password_hash: passwordHash, registered_at: now };
  });
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AccountError(`Use at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  if (password.length > 1024) throw new AccountError('That password is too long', 'password');
}

/** Accepts an invitation: name, and a password unless the person chose magic-link sign-in only. */
export async function registerWithInvitation(
  ctx: ReferralsContext,
  token: string,
  input: { name: string; password?: string },
): Promise<AppUser> {
  if (!input.name.trim()) throw new AccountError('Enter your name', 'name');
  if (input.password) checkPassword(input.password);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const user = await consumeToken(trx, token, 'invitation');
    if (!user)
      throw new AccountError('This invitation link has expired or was already used. Ask for a new one.');
    const now = new Date();
    const patch = {
      name: input.name.trim(),
      status: 'active' as const,
      registered_at: now,
      last_sign_in_at: now,
    };
    await updateUser(
      trx,
      user.organization_id,
      user.id,
      passwordHash ? { ...patch, password_hash: passwordHash } : patch,
    );
    return { ...user, ...patch };
  });
}

/** The matching active account, or undefined (same answer for unknown email and wrong password). */
export async function signInWithPassword(
  ctx: ReferralsContext,
  email: string,
  password: string,
): Promise<AppUser | undefined> {
  for (const user of await findUsersByEmail(ctx.db, email)) {
    if (user.status === 'active' && (await verifyPassword(password, user.password_hash))) {
      await updateUser(ctx.db, user.organization_id, user.id, { last_sign_in_at: new Date() });
      return user;
    }
  }
  return undefined;
}

/** Mails a sign-in link to every account with this email; says nothing about whether one exists. */
export async function requestMagicLink(ctx: ReferralsContext, email: string): Promise<void> {
  if (!isEmail(email)) return;
  await ctx.db.transaction().execute(async (trx) => {
    for (const user of await findUsersByEmail(trx, normalizeEmail(email))) {
      if (user.status !== 'active') continue;
      const token = await issueToken(trx, user, 'magic_link');
      await ctx.runtime.mailer.send(untyped(trx), {
        to: user.email,
        subject: 'Your sign-in link for Hireloop Referrals',
        text: `Sign in: ${magicLinkUrl(ctx, token)}\n\nThe link works once, for 15 minutes. If you did not ask for it, ignore this mail.`,
        tag: 'referrals.magic-link',
      });
    }
  });
}

export async function signInWithMagicLink(
  ctx: ReferralsContext,
  token: string,
): Promise<AppUser | undefined> {
  const user = await consumeToken(ctx.db, token, 'magic_link');
  if (!user || user.status !== 'active') return undefined;
  await updateUser(ctx.db, user.organization_id, user.id, { last_sign_in_at: new Date() });
  return user;
}
