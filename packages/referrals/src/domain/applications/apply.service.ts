// In-app apply (DESIGN data flow 1): the candidate's application is stored with a job in ONE transaction
// (outbox), then pushed to the ATS at once; if the ATS is slow or failing, the job finishes it later. The
// push is idempotent end to end: one application per referral (unique), one lease holder at a time, each
// ATS step recorded when done, and the opportunity carries a marker link so a create whose answer was lost
// is found again (GET /v1/opportunities?email=) instead of made twice.
import type { ReferralsContext } from '../../context.ts';
import { untyped, type ApplicationRow, type ReferralRow } from '../../db.ts';
import { isEmail } from '../orgs/accounts.service.ts';
import { getSettings } from '../orgs/org.repository.ts';
import { insertReferral } from '../referrals/referral.repository.ts';
import { checkUpload, PortalError, type Upload } from '../portal/portal-errors.ts';
import { findLinkByCode, findReferableJob, findReferralByTrackingCode } from '../portal/refer.service.ts';
import { insertApplication } from './application.repository.ts';
import { pushApplication } from './push-application.service.ts';

export const PUSH_APPLICATION_JOB = 'referrals.push-application';
/** The job is the safety net behind the inline push; it waits so the two rarely meet (the lease decides). */
export const PUSH_RETRY_DELAY_S = 5;

export interface ApplicationForm {
  name: string;
  email: string;
  phone?: string;
  coverLetter?: string;
  consent: boolean;
  resume?: Upload;
}

export type ApplyTarget = { kind: 'referral'; code: string } | { kind: 'link'; code: string; jobId: string };

const clip = (v: string | undefined, max: number) => (v?.trim() ? v.trim().slice(0, max) : null);

function checkForm(form: ApplicationForm) {
  const name = clip(form.name, 200);
  if (!name) throw new PortalError('Enter your name', { field: 'name' });
  const email = form.email.trim().toLowerCase();
  if (!isEmail(email)) throw new PortalError('Enter a valid email address', { field: 'email' });
  if (!form.consent)
    throw new PortalError('Please agree to the processing of your application data', { field: 'consent' });
  return {
    name,
    email,
    phone: clip(form.phone, 25),
    coverLetter: clip(form.coverLetter, 20_000),
    resume: checkUpload(form.resume, 'resume'),
  };
}

/** The referral a target points at (a link makes one on first use), with its organization's settings. */
export async function resolveTarget(ctx: ReferralsContext, target: ApplyTarget) {
  if (target.kind === 'referral') {
    const referral = await findReferralByTrackingCode(ctx.db, target.code);
    if (!referral) throw new PortalError('This referral link is not valid', { status: 404 });
    if (!referral.job_id) throw new PortalError('This job is no longer open', { status: 404 });
    const { job, settings } = await findReferableJob(ctx, referral.organization_id, referral.job_id);
    return { organizationId: referral.organization_id, referral, job, settings, link: undefined };
  }
  const link = await findLinkByCode(ctx.db, target.code);
  if (!link || link.referrer_status !== 'active')
    throw new PortalError('This referral link is not valid', { status: 404 });
  if (link.job_id && link.job_id !== target.jobId)
    throw new PortalError('This link is for another job', { status: 404 });
  const { job, settings } = await findReferableJob(ctx, link.organization_id, target.jobId);
  return { organizationId: link.organization_id, referral: undefined, job, settings, link };
}

export async function submitApplication(
  ctx: ReferralsContext,
  target: ApplyTarget,
  form: ApplicationForm,
  idempotencyKey: string,
): Promise<{ referral: ReferralRow; application: ApplicationRow; created: boolean }> {
  const input = checkForm(form);
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(idempotencyKey))
    throw new PortalError('The form expired; reload the page and send it again');
  const resolved = await resolveTarget(ctx, target);
  if (resolved.settings.apply_mode !== 'in_app')
    throw new PortalError('Applications for this job are made on the company careers site', { status: 409 });
  const organizationId = resolved.organizationId;
  const result = await ctx.db.transaction().execute(async (trx) => {
    let referral = resolved.referral;
    if (!referral) {
      const link = resolved.link!;
      ({ referral } = await insertReferral(trx, {
        organizationId,
        referrerId: link.referrer_id,
        type: link.referrer_role === 'external' ? 'external' : 'internal',
        channel: 'link',
        job: resolved.job,
        rewardCurrency: resolved.settings.reward_currency,
        candidateName: input.name,
        candidateEmail: input.email,
        candidatePhone: input.phone,
        idempotencyKey: `link:${idempotencyKey}`,
        referralLinkId: link.id,
      }));
    }
    const { application, created } = await insertApplication(trx, {
      organizationId,
      referralId: referral.id,
      idempotencyKey,
      consent: true,
      ...input,
    });
    if (created)
      await ctx.runtime.queue.enqueue(
        untyped(trx),
        PUSH_APPLICATION_JOB,
        { organizationId, applicationId: application.id },
        { startAfter: PUSH_RETRY_DELAY_S, retryLimit: 20, retryDelay: 5, retryBackoff: true },
      );
    return { referral, application, created };
  });
  if (result.application.status === 'pending') {
    try {
      await pushApplication(ctx, organizationId, result.application.id);
    } catch (error) {
      // Not the candidate's problem: the job finishes it. No PII in the log.
      ctx.runtime.logger.warn(
        { applicationId: result.application.id, err: (error as Error).message },
        'referrals: pushing an application to the ATS failed; the job will retry',
      );
    }
  }
  return result;
}

export const applyModeOf = async (ctx: ReferralsContext, organizationId: string) =>
  (await getSettings(ctx.db, organizationId)).apply_mode;
