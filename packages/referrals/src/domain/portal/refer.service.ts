// "Refer someone": the referral row and the candidate's invitation (mail, plus a text when there is a phone
// number) in ONE transaction — the mail and the text are outbox rows, so a rolled-back referral sends
// nothing. Also the personal share links. Employees and external referrers use the same path.
import { isEmail } from '../orgs/accounts.service.ts';
import type { ReferralsContext } from '../../context.ts';
import { untyped, type JobRow, type ReferralRow, type ReferralsKysely } from '../../db.ts';
import { findJob } from '../jobs/job.repository.ts';
import { findOrganization, getSettings, type Settings } from '../orgs/org.repository.ts';
import type { AppUser } from '../orgs/user.repository.ts';
import { insertReferral, newTrackingCode } from '../referrals/referral.repository.ts';
import { checkUpload, PortalError, type Upload } from './portal-errors.ts';

export interface ReferInput {
  jobId: string;
  candidateName: string;
  candidateEmail: string;
  candidatePhone?: string;
  relationship?: string;
  endorsement?: string;
  resume?: Upload;
  /** A retried submit with the same key returns the first referral (no second mail). */
  idempotencyKey?: string;
}

export const candidateUrl = (ctx: ReferralsContext, trackingCode: string) =>
  `${ctx.publicUrl}/referrals/c/${trackingCode}`;
export const linkUrl = (ctx: ReferralsContext, code: string) => `${ctx.publicUrl}/referrals/r/${code}`;

/** Open, non-confidential, and public unless the organization also allows internal jobs. */
export const isReferable = (job: JobRow, settings: Pick<Settings, 'referable_jobs'>): boolean =>
  !job.removed_at &&
  job.confidentiality === 'non-confidential' &&
  (settings.referable_jobs === 'all' ||
    (job.state === 'published' && job.distribution_channels.includes('public')));

export async function findReferableJob(ctx: ReferralsContext, organizationId: string, jobId: string) {
  const [job, settings] = await Promise.all([
    findJob(ctx.db, organizationId, jobId),
    getSettings(ctx.db, organizationId),
  ]);
  if (!job || !isReferable(job, settings))
    throw new PortalError('This job is not open for referrals', { status: 404 });
  return { job, settings };
}

const PHONE = /^\+?[0-9 ().-]{6,25}$/;
const clip = (v: string | undefined, max: number) => (v?.trim() ? v.trim().slice(0, max) : undefined);

export async function referCandidate(
  ctx: ReferralsContext,
  referrer: AppUser,
  input: ReferInput,
): Promise<{ referral: ReferralRow; created: boolean }> {
  const name = clip(input.candidateName, 200);
  if (!name) throw new PortalError("Enter the candidate's name", { field: 'candidateName' });
  const email = input.candidateEmail.trim().toLowerCase();
  if (!isEmail(email)) throw new PortalError('Enter a valid email address', { field: 'candidateEmail' });
  const phone = clip(input.candidatePhone, 25);
  if (phone && !PHONE.test(phone))
    throw new PortalError('Enter a phone number such as +1 555 0100', { field: 'candidatePhone' });
  const resume = checkUpload(input.resume, 'resume');
  const { job, settings } = await findReferableJob(ctx, referrer.organization_id, input.jobId);
  const organization = await findOrganization(ctx.db, referrer.organization_id);
  return ctx.db.transaction().execute(async (trx) => {
    const result = await insertReferral(trx, {
      organizationId: referrer.organization_id,
      referrerId: referrer.id,
      type: referrer.role === 'external' ? 'external' : 'internal',
      channel: 'direct',
      job,
      rewardCurrency: settings.reward_currency,
      candidateName: name,
      candidateEmail: email,
      candidatePhone: phone ?? null,
      relationship: clip(input.relationship, 200) ?? null,
      endorsement: clip(input.endorsement, 5000) ?? null,
      idempotencyKey: input.idempotencyKey ? `refer:${referrer.id}:${input.idempotencyKey}` : null,
      resume: resume ?? null,
    });
    if (result.created) await inviteCandidate(ctx, trx, result.referral, referrer, organization?.name ?? '');
    return result;
  });
}

async function inviteCandidate(
  ctx: ReferralsContext,
  trx: ReferralsKysely,
  referral: ReferralRow,
  referrer: AppUser,
  company: string,
): Promise<void> {
  const link = candidateUrl(ctx, referral.tracking_code!);
  const who = referrer.name || referrer.email;
  await ctx.runtime.mailer.send(untyped(trx), {
    to: referral.candidate_email!,
    subject: `${who} referred you for ${referral.job_title} at ${company}`,
    text: [
      `Hi ${referral.candidate_name},`,
      '',
      `${who} thinks you would be great for the ${referral.job_title} role at ${company} and referred you.`,
      '',
      `See the job and apply: ${link}`,
      '',
      'If you are not interested, ignore this message.',
    ].join('\n'),
    tag: 'referrals.candidate-invitation',
  });
  if (referral.candidate_phone)
    await ctx.sms.send(trx, {
      organizationId: referral.organization_id,
      to: referral.candidate_phone,
      body: `${who} referred you for ${referral.job_title} at ${company}. Apply: ${link}`,
      tag: 'referrals.candidate-invitation',
      referralId: referral.id,
    });
}

// --- personal share links ---

/** The referrer's link for a job (or a general link with jobId null); made once, then reused. */
export async function getOrCreateLink(
  ctx: ReferralsContext,
  referrer: AppUser,
  jobId: string | null,
): Promise<{ code: string; url: string }> {
  if (jobId) await findReferableJob(ctx, referrer.organization_id, jobId);
  const find = () => {
    let q = ctx.db
      .selectFrom('referrals.referral_link')
      .select('code')
      .where('organization_id', '=', referrer.organization_id)
      .where('referrer_id', '=', referrer.id);
    q = jobId ? q.where('job_id', '=', jobId) : q.where('job_id', 'is', null);
    return q.executeTakeFirst();
  };
  let row = await find();
  if (!row) {
    await ctx.db
      .insertInto('referrals.referral_link')
      .values({
        organization_id: referrer.organization_id,
        referrer_id: referrer.id,
        job_id: jobId,
        code: newTrackingCode().slice(0, 16),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    row = await find();
  }
  return { code: row!.code, url: linkUrl(ctx, row!.code) };
}

export async function findLinkByCode(db: ReferralsKysely, code: string) {
  if (!/^[A-Za-z0-9_-]{8,40}$/.test(code)) return undefined;
  return db
    .selectFrom('referrals.referral_link as l')
    .innerJoin('referrals.app_user as u', 'u.id', 'l.referrer_id')
    .select([
      'l.id',
      'l.organization_id',
      'l.referrer_id',
      'l.job_id',
      'l.code',
      'u.name as referrer_name',
      'u.email as referrer_email',
      'u.role as referrer_role',
      'u.status as referrer_status',
    ])
    .where('l.code', '=', code)
    .executeTakeFirst();
}

export async function findReferralByTrackingCode(db: ReferralsKysely, code: string) {
  if (!/^[A-Za-z0-9_-]{16,40}$/.test(code)) return undefined;
  return db
    .selectFrom('referrals.referral')
    .selectAll()
    .where('tracking_code', '=', code)
    .where('anonymized_at', 'is', null)
    .executeTakeFirst();
}
