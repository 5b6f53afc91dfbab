// The mails a journey start sends, enqueued in the caller's transaction: a welcome to the new hire with a
// magic link to their checklist (their account is made here, magic-link only), and a notice to the hiring
// manager with the tasks they own.
import type { OnboardingContext } from '../../context.ts';
import { untyped, type NewHireRow, type OnboardingKysely } from '../../db.ts';
import { magicLinkUrl } from '../orgs/accounts.service.ts';
import { findNewHireUser, findOrganization, insertUser, issueToken } from '../orgs/org.repository.ts';

export async function sendJourneyMails(
  ctx: OnboardingContext,
  trx: OnboardingKysely,
  hire: NewHireRow,
): Promise<void> {
  const org = await findOrganization(trx, hire.organization_id);
  const company = org?.name ?? 'your new company';
  if (hire.email) {
    const user =
      (await findNewHireUser(trx, hire.organization_id, hire.id)) ??
      (await insertUser(trx, {
        organizationId: hire.organization_id,
        email: hire.email,
        name: hire.name,
        role: 'new_hire',
        newHireId: hire.id,
      }));
    const token = await issueToken(trx, user);
    await ctx.runtime.mailer.send(untyped(trx), {
      to: hire.email,
      subject: `Welcome to ${company}, ${hire.name.split(' ')[0]}!`,
      text:
        `Hi ${hire.name},\n\nWelcome to ${company}! Your first day is ${hire.start_date}` +
        `${hire.title ? `, as ${hire.title}` : ''}${hire.manager_name ? `, with ${hire.manager_name} as your manager` : ''}.\n\n` +
        `Your onboarding checklist: ${magicLinkUrl(ctx, token)}\n\n` +
        'The link works once, for 7 days; later ask for a new one on the sign-in page.',
      tag: 'onboarding.welcome',
    });
  }
  if (hire.manager_email) {
    await ctx.runtime.mailer.send(untyped(trx), {
      to: hire.manager_email,
      subject: `${hire.name} starts on ${hire.start_date}`,
      text:
        `Hi ${hire.manager_name ?? ''},\n\n${hire.name}${hire.title ? ` (${hire.title})` : ''} was hired and starts on ${hire.start_date}. ` +
        `Their onboarding journey has tasks for you before day 1, on day 1 and in week 1.\n\n` +
        `People ops track it at ${ctx.publicUrl}/onboarding/hires/${hire.id}`,
      tag: 'onboarding.manager-notice',
    });
  }
}
