// The candidate's side, public (no account): the invitation link /referrals/c/:code and a referrer's
// personal link /referrals/r/:code show the job and either the in-app application form or, in ATS-hosted
// mode, a button to the ATS's own form with the referral mark in `lever-source`. No CSRF token: there is no
// session to ride on; a hidden idempotency key makes a re-sent form land on the same application.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  button,
  card,
  emptyState,
  formField,
  html,
  linkButton,
  pageHeader,
  path,
  sendPage,
  type HtmlValue,
} from '@hireloop/platform/html';
import type { ReferralsContext } from '../context.ts';
import type { JobRow } from '../db.ts';
import { listReferableJobs } from '../domain/jobs/job.repository.ts';
import { findOrganization, getSettings } from '../domain/orgs/org.repository.ts';
import { PortalError } from '../domain/portal/portal-errors.ts';
import { resolveTarget, submitApplication, type ApplyTarget } from '../domain/applications/apply.service.ts';
import { atsApplyUrl, type TrackingMark } from '../domain/applications/tracking.ts';
import { findLinkByCode } from '../domain/portal/refer.service.ts';
import { registerMultipart, uploadValue } from './multipart.ts';
import { formValue } from './shared.ts';

const APP = Object.freeze({ name: 'Careers', href: '/referrals' });

const page = (request: FastifyRequest, reply: FastifyReply, title: string, body: HtmlValue, status = 200) =>
  sendPage(request, reply, { title, app: APP, nav: [], body }, status);

const notFound = (request: FastifyRequest, reply: FastifyReply, message: string) =>
  page(request, reply, 'Not available', emptyState({ title: message }), 404);

const targetBase = (t: ApplyTarget) =>
  t.kind === 'referral' ? path`/referrals/c/${t.code}` : path`/referrals/r/${t.code}/jobs/${t.jobId}`;
const markOf = (t: ApplyTarget): TrackingMark => ({
  kind: t.kind === 'referral' ? 'ref' : 'link',
  code: t.code,
});

export async function registerCandidatePages(app: FastifyInstance, ctx: ReferralsContext): Promise<void> {
  await app.register(async (scope) => {
    await registerMultipart(scope);

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      target: ApplyTarget,
      error?: PortalError,
    ) => {
      let resolved;
      try {
        resolved = await resolveTarget(ctx, target);
      } catch (e) {
        if (e instanceof PortalError) return notFound(request, reply, e.message);
        throw e;
      }
      const { job, settings } = resolved;
      const org = await findOrganization(ctx.db, resolved.organizationId);
      const referrerName = resolved.referral
        ? await referrerNameOf(ctx, resolved.referral.referrer_id)
        : resolved.link!.referrer_name || 'A friend';
      const base = targetBase(target);
      const action =
        settings.apply_mode === 'ats_hosted'
          ? card({
              title: 'Apply',
              body: html`<p>
                  You apply on ${org?.name ?? 'the company'}'s careers site; your referral comes with you.
                </p>
                <div class="form-actions">
                  ${linkButton({ label: 'Apply on the careers site', href: `${base}/apply-on-ats`, variant: 'primary' })}
                </div>`,
            })
          : applyForm(base, request.body, error, resolved.referral);
      const body = html`${pageHeader({ title: job.title, subtitle: jobMeta(job, org?.name) })}
        <p>${referrerName} referred you for this job.</p>
        ${action}
        ${job.description ? card({ title: 'About the job', body: html`${job.description.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}` }) : ''}`;
      return page(request, reply, job.title, body, error ? 400 : 200);
    };

    const apply = async (request: FastifyRequest, reply: FastifyReply, target: ApplyTarget) => {
      const b = request.body;
      try {
        const { referral } = await submitApplication(
          ctx,
          target,
          {
            name: formValue(b, 'name'),
            email: formValue(b, 'email'),
            phone: formValue(b, 'phone'),
            coverLetter: formValue(b, 'coverLetter'),
            consent: formValue(b, 'consent') === 'yes',
            resume: uploadValue(b, 'resume'),
          },
          formValue(b, 'idempotencyKey'),
        );
        return page(
          request,
          reply,
          'Application sent',
          html`${pageHeader({ title: 'Thank you!' })}
          ${card({ body: html`<p>Your application for <strong>${referral.job_title}</strong> was sent. The hiring team will be in touch.</p>` })}`,
        );
      } catch (error) {
        if (!(error instanceof PortalError)) throw error;
        if (error.status === 404) return notFound(request, reply, error.message);
        return show(request, reply, target, error);
      }
    };

    const onAts = async (request: FastifyRequest, reply: FastifyReply, target: ApplyTarget) => {
      try {
        const { job, settings } = await resolveTarget(ctx, target);
        if (!job.apply_url) return notFound(request, reply, 'This job has no application form in the ATS');
        return reply.redirect(atsApplyUrl(job.apply_url, settings.source_label, markOf(target)), 303);
      } catch (e) {
        if (e instanceof PortalError) return notFound(request, reply, e.message);
        throw e;
      }
    };

    type C = { Params: { code: string } };
    type J = { Params: { code: string; jobId: string } };
    const ref = (r: FastifyRequest<C>): ApplyTarget => ({ kind: 'referral', code: r.params.code });
    const lnk = (r: FastifyRequest<J>): ApplyTarget => ({
      kind: 'link',
      code: r.params.code,
      jobId: r.params.jobId,
    });
    scope.get<C>('/referrals/c/:code', (r, reply) => show(r, reply, ref(r)));
    scope.post<C>('/referrals/c/:code/apply', (r, reply) => apply(r, reply, ref(r)));
    scope.get<C>('/referrals/c/:code/apply-on-ats', (r, reply) => onAts(r, reply, ref(r)));
    scope.get<J>('/referrals/r/:code/jobs/:jobId', (r, reply) => show(r, reply, lnk(r)));
    scope.post<J>('/referrals/r/:code/jobs/:jobId/apply', (r, reply) => apply(r, reply, lnk(r)));
    scope.get<J>('/referrals/r/:code/jobs/:jobId/apply-on-ats', (r, reply) => onAts(r, reply, lnk(r)));

    // A personal link: straight to its job, or (general link) the list of open jobs.
    scope.get<C>('/referrals/r/:code', async (request, reply) => {
      const link = await findLinkByCode(ctx.db, request.params.code);
      if (!link || link.referrer_status !== 'active')
        return notFound(request, reply, 'This referral link is not valid');
      if (link.job_id) return reply.redirect(path`/referrals/r/${link.code}/jobs/${link.job_id}`, 303);
      const settings = await getSettings(ctx.db, link.organization_id);
      const [jobs, org] = await Promise.all([
        listReferableJobs(ctx.db, link.organization_id, settings),
        findOrganization(ctx.db, link.organization_id),
      ]);
      const body = html`${pageHeader({ title: `Jobs at ${org?.name ?? 'the company'}`, subtitle: `${link.referrer_name || 'A friend'} invited you to apply.` })}
      ${card({
        body: jobs.length
          ? html`<ul class="stack">
              ${jobs.map((j) => html`<li><a href="${path`/referrals/r/${link.code}/jobs/${j.id}`}">${j.title}</a> <span>${jobMeta(j)}</span></li>`)}
            </ul>`
          : emptyState({ title: 'No open jobs right now' }),
      })}`;
      return page(request, reply, 'Jobs', body);
    });
  });
}

const jobMeta = (j: JobRow, company?: string) =>
  [company, j.location, j.team, j.commitment].filter(Boolean).join(' · ');

async function referrerNameOf(ctx: ReferralsContext, referrerId: string | null) {
  if (!referrerId) return 'Someone';
  const u = await ctx.db
    .selectFrom('referrals.app_user')
    .select(['name', 'email'])
    .where('id', '=', referrerId)
    .executeTakeFirst();
  return u?.name || 'Someone';
}

function applyForm(
  base: string,
  body: unknown,
  error: PortalError | undefined,
  referral:
    { candidate_name: string; candidate_email: string | null; candidate_phone: string | null } | undefined,
) {
  const v = (f: string, fallback = '') => (error ? formValue(body, f) : fallback);
  const err = (f: string) => (error?.field === f ? error.message : undefined);
  return card({
    title: 'Apply',
    body: html`<form class="form" method="post" enctype="multipart/form-data" action="${`${base}/apply`}">
      <input type="hidden" name="idempotencyKey" value="${v('idempotencyKey') || randomUUID()}" />
      ${error && !error.field ? html`<p class="field__error" role="alert">${error.message}</p>` : ''}
      ${formField({ label: 'Full name', name: 'name', required: true, autocomplete: 'name', value: v('name', referral?.candidate_name), error: err('name') })}
      ${formField({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'email', value: v('email', referral?.candidate_email ?? ''), error: err('email') })}
      ${formField({ label: 'Phone', name: 'phone', type: 'tel', autocomplete: 'tel', value: v('phone', referral?.candidate_phone ?? '') })}
      <div class="field${err('resume') ? ' field--invalid' : ''}">
        <label class="field__label" for="resume">Resume</label>
        <input class="input" id="resume" name="resume" type="file" accept=".pdf,.doc,.docx,.txt,.rtf" />
        ${err('resume') ? html`<p class="field__error">${err('resume')}</p>` : ''}
      </div>
      ${formField({ label: 'Cover letter', name: 'coverLetter', type: 'textarea', rows: 5, value: v('coverLetter') })}
      <div class="field${err('consent') ? ' field--invalid' : ''}">
        <div class="check">
          <input type="checkbox" id="consent" name="consent" value="yes" required /><label
            class="check__label"
            for="consent"
            >I agree that my application is shared with the hiring team and kept in their applicant tracking
            system.</label
          >
        </div>
        ${err('consent') ? html`<p class="field__error">${err('consent')}</p>` : ''}
      </div>
      <div class="form-actions">
        ${button({ label: 'Submit application', variant: 'primary', type: 'submit' })}
      </div>
    </form>`,
  });
}
