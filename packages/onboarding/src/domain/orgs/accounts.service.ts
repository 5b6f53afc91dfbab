// People coming in: an organization with its first people-ops user (CLI, demo), password sign-in for
// people ops, magic links for new hires (sent in the welcome mail, or on request).
import { hashPassword, verifyPassword } from '@hireloop/platform/passwords';
import type { OnboardingContext } from '../../context.ts';
import { randomBytes } from 'node:crypto';
import { untyped, type OnboardingKysely } from '../../db.ts';
import { DEFAULT_TEMPLATES } from '../hires/journey.ts';
import {
  consumeToken,
  findOrganizationBySlug,
  findUsersByEmail,
  insertOrganization,
  insertUser,
  issueToken,
  type AppUser,
  type Organization,
} from './org.repository.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const isEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) && v.length <= 320;
export const magicLinkUrl = (ctx: OnboardingContext, token: string) =>
  `${ctx.publicUrl}/onboarding/magic/${token}`;
export const invitationUrl = (ctx: OnboardingContext, token: string) =>
  `${ctx.publicUrl}/onboarding/invitations/${token}`;

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

/** The demo and tests: organization, default journey templates, first admin with a password. */
export async function createOrganizationWithAdmin(
  ctx: OnboardingContext,
  input: { name: string; slug: string; adminEmail: string; adminName?: string; password: string },
): Promise<{ organization: Organization; admin: AppUser }> {
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new AccountError(`Use a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute((trx) => insertOrganizationWithAdmin(trx, input, passwordHash));
}

/**
 * CLI `hireloop onboarding org create`: the organization and its first admin without a password, who is
 * mailed an invitation link (7 days, once) to choose one. The mail is enqueued in the same transaction.
 */
export async function createOrganizationWithInvitation(
  ctx: OnboardingContext,
  input: { name: string; adminEmail: string; adminName?: string },
): Promise<{ organization: Organization; admin: AppUser; inviteUrl: string }> {
  const base =
    input.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'org';
  const slug = (await findOrganizationBySlug(ctx.db, base))
    ? `${base}-${randomBytes(3).toString('hex')}`
    : base.padEnd(2, '0');
  return ctx.db.transaction().execute(async (trx) => {
    const { organization, admin } = await insertOrganizationWithAdmin(trx, { ...input, slug }, null);
    const inviteUrl = invitationUrl(ctx, await issueToken(trx, admin));
    await ctx.runtime.mailer.send(untyped(trx), {
      to: admin.email,
      subject: `You're invited to ${organization.name} onboarding`,
      text:
        `You are the people-ops admin of ${organization.name} on Hireloop Onboarding.\n\n` +
        `Choose your password and sign in: ${inviteUrl}\n\nThe link works once, for 7 days.`,
      tag: 'onboarding.invitation',
    });
    return { organization, admin, inviteUrl };
  });
}

/** The invitation link: sets the admin's first password (token used once) and returns them to sign in. */
export async function acceptInvitation(
  ctx: OnboardingContext,
  token: string,
  password: string,
): Promise<AppUser> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AccountError(`Use a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await consumeToken(trx, token);
    if (user?.role !== 'people_ops')
      throw new AccountError('This invitation has expired or was already used');
    await trx
      .updateTable('onboarding.app_user')
      .set({ password_hash: passwordHash, last_sign_in_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    return user;
  });
}

async function insertOrganizationWithAdmin(
  trx: OnboardingKysely,
  input: { name: string; slug: string; adminEmail: string; adminName?: string },
  passwordHash: string | null,
): Promise<{ organization: Organization; admin: AppUser }> {
  if (!input.name.trim()) throw new AccountError('The organization needs a name');
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug))
    throw new AccountError('The slug is 2-63 lowercase letters, digits or dashes');
  if (!isEmail(input.adminEmail)) throw new AccountError('Enter a valid admin email address');
  const organization = await insertOrganization(trx, { name: input.name.trim(), slug: input.slug });
  await trx
    .insertInto('onboarding.task_template')
    .values(
      DEFAULT_TEMPLATES.map((t) => ({
        organization_id: organization.id,
        title: t.title,
        phase: t.phase,
        owner: t.owner,
        offset_days: t.offsetDays,
        office_id: null,
        team_id: null,
      })),
    )
    .execute();
  const admin = await insertUser(trx, {
    organizationId: organization.id,
    email: input.adminEmail,
    name: input.adminName ?? '',
    role: 'people_ops',
    passwordHash,
  });
  return { organization, admin };
}

export async function signInWithPassword(
  ctx: OnboardingContext,
  email: string,
  password: string,
): Promise<AppUser | undefined> {
  for (const user of await findUsersByEmail(ctx.db, email, 'people_ops')) {
    if (await verifyPassword(password, user.password_hash)) {
      await ctx.db
        .updateTable('onboarding.app_user')
        .set({ last_sign_in_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      return user;
    }
  }
  return undefined;
}

/** Mails a sign-in link to every new-hire account with this email; says nothing about whether one exists. */
export async function requestMagicLink(ctx: OnboardingContext, email: string): Promise<void> {
  if (!isEmail(email)) return;
  await ctx.db.transaction().execute(async (trx) => {
    for (const user of await findUsersByEmail(trx, email, 'new_hire')) {
      const token = await issueToken(trx, user, 30 * 60_000);
      await ctx.runtime.mailer.send(untyped(trx), {
        to: user.email,
        subject: 'Your sign-in link for your onboarding checklist',
        text: `Open your checklist: ${magicLinkUrl(ctx, token)}\n\nThe link works once, for 30 minutes.`,
        tag: 'onboarding.magic-link',
      });
    }
  });
}

export async function signInWithMagicLink(
  ctx: OnboardingContext,
  token: string,
): Promise<AppUser | undefined> {
  const user = await consumeToken(ctx.db, token);
  if (!user) return undefined;
  await ctx.db
    .updateTable('onboarding.app_user')
    .set({ last_sign_in_at: new Date() })
    .where('id', '=', user.id)
    .execute();
  return user;
}
