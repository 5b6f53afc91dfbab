// People coming in: an organization with its first people-ops user (CLI, demo), password sign-in for
// people ops, magic links for new hires (sent in the welcome mail, or on request).
import { hashPassword, verifyPassword } from '@hireloop/platform/passwords';
import type { OnboardingContext } from '../../context.ts';
import { untyped } from '../../db.ts';
import { DEFAULT_TEMPLATES } from '../hires/journey.ts';
import {
  consumeToken,
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

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

/** CLI `hireloop onboarding org create` and the demo: organization, default journey templates, first admin. */
export async function createOrganizationWithAdmin(
  ctx: OnboardingContext,
  input: { name: string; slug: string; adminEmail: string; adminName?: string; password: string },
): Promise<{ organization: Organization; admin: AppUser }> {
  if (!input.name.trim()) throw new AccountError('The organization needs a name');
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug))
    throw new AccountError('The slug is 2-63 lowercase letters, digits or dashes');
  if (!isEmail(input.adminEmail)) throw new AccountError('Enter a valid admin email address');
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new AccountError(`Use a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
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
  });
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
