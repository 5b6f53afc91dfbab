// The employee (and external referrer) portal: referable jobs with rewards and search, a job with the
// refer form and the personal share link, and the general share link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  button,
  card,
  copyField,
  csrfField,
  emptyState,
  formField,
  html,
  linkButton,
  pageHeader,
  path,
  table,
} from '@hireloop/platform/html';
import { randomUUID } from 'node:crypto';
import type { ReferralsContext } from '../context.ts';
import type { JobRow } from '../db.ts';
import { listReferableJobs } from '../domain/jobs/job.repository.ts';
import { getSettings } from '../domain/orgs/org.repository.ts';
import type { AppUser } from '../domain/orgs/user.repository.ts';
import { PortalError } from '../domain/portal/portal-errors.ts';
import { findReferableJob, getOrCreateLink, referCandidate } from '../domain/portal/refer.service.ts';
import { formatReward } from './jobs.pages.ts';
import { uploadValue } from './multipart.ts';
import { flashNext, formValue, render, requireUser } from './shared.ts';

const jobMeta = (j: JobRow) => [j.location, j.team, j.commitment].filter(Boolean).join(' · ');

export function registerPortalPages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals/jobs', async (request, reply) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    const q = (request.query as { q?: string }).q?.slice(0, 100) ?? '';
    const settings = await getSettings(ctx.db, user.organization_id);
    const [jobs, general] = await Promise.all([
      listReferableJobs(ctx.db, user.organization_id, settings, { search: q }),
      getOrCreateLink(ctx, user, null),
    ]);
    const body = html`${pageHeader({ title: 'Jobs', subtitle: 'Refer someone you know, or share your link.' })}
      <form class="filters" method="get" action="/referrals/jobs" role="search">
        <label for="job-search">Search</label>
        <input
          class="input"
          id="job-search"
          name="q"
          type="search"
          value="${q}"
          placeholder="Title, team, location"
        />
        <button class="btn btn--secondary" type="submit">Search</button>
      </form>
      ${card({
        flush: true,
        body: table({
          caption: 'Jobs open for referrals',
          captionHidden: true,
          rows: jobs,
          empty: emptyState({
            title: q ? 'No job matches your search' : 'No jobs open for referrals yet',
            message: q ? 'Try another word.' : 'Jobs appear here when the ATS publishes them.',
          }),
          columns: [
            {
              header: 'Job',
              rowHeader: true,
              cell: (j) => html`<a href="${path`/referrals/jobs/${j.id}`}">${j.title}</a>`,
            },
            { header: 'Where', cell: (j) => jobMeta(j) || '—' },
            { header: 'Reward', cell: (j) => formatReward(j, settings.reward_currency) },
            {
              header: '',
              cell: (j) =>
                linkButton({ label: 'Refer', href: path`/referrals/jobs/${j.id}`, variant: 'secondary' }),
            },
          ],
        }),
      })}
      ${card({
        title: 'Your general referral link',
        body: copyField({
          id: 'general-link',
          label: 'Share it anywhere',
          value: general.url,
          hint: 'Whoever applies to any open job through it is credited to you.',
        }),
      })}`;
    return render(request, reply, { title: 'Jobs', user, body });
  });

  app.get('/referrals/jobs/:id', async (request, reply) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    return jobPage(ctx, request, reply, user, (request.params as { id: string }).id);
  });

  app.post('/referrals/jobs/:id/refer', async (request, reply) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    const jobId = (request.params as { id: string }).id;
    const b = request.body;
    try {
      const { referral } = await referCandidate(ctx, user, {
        jobId,
        candidateName: formValue(b, 'candidateName'),
        candidateEmail: formValue(b, 'candidateEmail'),
        candidatePhone: formValue(b, 'candidatePhone'),
        relationship: formValue(b, 'relationship'),
        endorsement: formValue(b, 'endorsement'),
        resume: uploadValue(b, 'resume'),
        idempotencyKey: formValue(b, 'idempotencyKey') || undefined,
      });
      flashNext(
        request,
        'success',
        `Thanks! We invited ${referral.candidate_name} to apply${referral.candidate_phone ? ' by email and text' : ' by email'}.`,
      );
      return reply.redirect(path`/referrals/my/${referral.id}`, 303);
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      return jobPage(ctx, request, reply, user, jobId, error);
    }
  });
}

async function jobPage(
  ctx: ReferralsContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: AppUser,
  jobId: string,
  error?: PortalError,
) {
  let found;
  try {
    found = await findReferableJob(ctx, user.organization_id, jobId);
  } catch (e) {
    if (!(e instanceof PortalError)) throw e;
    return render(request, reply, {
      title: 'Job not open',
      user,
      status: 404,
      body: emptyState({
        title: 'This job is not open for referrals',
        action: linkButton({ label: 'See open jobs', href: '/referrals/jobs' }),
      }),
    });
  }
  const { job, settings } = found;
  const link = await getOrCreateLink(ctx, user, job.id);
  const csrf = await reply.generateCsrf();
  const b = error ? request.body : {};
  const err = (field: string) => (error?.field === field ? error.message : undefined);
  const v = (field: string) => formValue(b, field);
  const body = html`${pageHeader({
      title: job.title,
      subtitle: jobMeta(job),
      breadcrumbs: [{ label: 'Jobs', href: '/referrals/jobs' }],
    })}
    <div class="grid">
      ${card({
        title: 'Reward',
        body: html`<p><strong>${formatReward(job, settings.reward_currency)}</strong></p>
          <p>
            Paid when your referral reaches
            ${settings.payout_status === 'hired' ? 'Hired' : settings.payout_status}.
          </p>`,
      })}
      ${card({
        title: 'Your link for this job',
        body: copyField({
          id: 'job-link',
          label: 'Share it',
          value: link.url,
          hint: 'Anyone who applies through it is credited to you.',
        }),
      })}
    </div>
    ${card({
      title: 'Refer someone',
      body: html`<form
        class="form"
        method="post"
        enctype="multipart/form-data"
        action="${path`/referrals/jobs/${job.id}/refer`}"
      >
        ${csrfField(csrf)}
        <input type="hidden" name="idempotencyKey" value="${v('idempotencyKey') || randomUUID()}" />
        ${error && !error.field ? html`<p class="field__error" role="alert">${error.message}</p>` : ''}
        ${formField({ label: "Candidate's name", name: 'candidateName', required: true, value: v('candidateName'), error: err('candidateName') })}
        ${formField({ label: 'Email', name: 'candidateEmail', type: 'email', required: true, value: v('candidateEmail'), error: err('candidateEmail') })}
        ${formField({ label: 'Mobile phone', name: 'candidatePhone', type: 'tel', value: v('candidatePhone'), error: err('candidatePhone'), hint: 'Optional: we also text them the link.' })}
        ${formField({ label: 'How do you know them?', name: 'relationship', value: v('relationship'), placeholder: 'Former colleague at …' })}
        ${formField({ label: 'Why are they a good fit?', name: 'endorsement', type: 'textarea', rows: 4, value: v('endorsement'), hint: 'Added to their profile in the ATS as a note.' })}
        <div class="field${err('resume') ? ' field--invalid' : ''}">
          <label class="field__label" for="resume">Resume (optional)</label>
          <input class="input" id="resume" name="resume" type="file" accept=".pdf,.doc,.docx,.txt,.rtf" />
          ${err('resume') ? html`<p class="field__error">${err('resume')}</p>` : ''}
        </div>
        <div class="form-actions">
          ${button({ label: 'Send referral', variant: 'primary', type: 'submit' })}
        </div>
      </form>`,
    })}
    ${job.description ? card({ title: 'About the job', body: html`<div class="prose">${job.description.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</div>` }) : ''}`;
  return render(request, reply, { title: job.title, user, body, status: error ? 400 : 200 });
}
