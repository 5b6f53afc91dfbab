// Admin pages: overview, jobs (read-only, with the postings skipped and why), candidates (read-only, with
// source, latest ATS stage and resumes), and sync runs with "Sync now".
import type { FastifyInstance } from 'fastify';
import {
  badge,
  button,
  card,
  csrfField,
  definitionList,
  emptyState,
  html,
  linkButton,
  pageHeader,
  path,
  table,
  url,
} from '@hireloop/platform/html';
import type { CareersContext } from '../context.ts';
import type { SyncRunRow } from '../db.ts';
import { WORK_MODE_LABELS } from '../domain/classify/work-mode.ts';
import { enqueueSync } from '../domain/integration/configure.service.ts';
import { ENVIRONMENT_LABELS } from '../domain/integration/endpoints.ts';
import { findIntegration } from '../domain/integration/integration.repository.ts';
import { countCandidates, findResume, listCandidates } from '../domain/candidates/candidate.repository.ts';
import { countJobs, listAllJobs, listSkippedPostings } from '../domain/jobs/job.repository.ts';
import { listSyncRuns } from '../domain/sync/sync-run.repository.ts';
import { flashNext, formValue, formatTime, render, requireAdmin } from './shared.ts';

const statusBadge = (s: SyncRunRow['status']) =>
  badge({ label: s, tone: s === 'succeeded' ? 'success' : s === 'failed' ? 'danger' : 'info' });

export function syncRunsTable(runs: readonly SyncRunRow[]) {
  return table({
    caption: 'Sync runs',
    captionHidden: true,
    columns: [
      { header: 'Started', cell: (r) => formatTime(r.started_at), rowHeader: true },
      { header: 'Finished', cell: (r) => formatTime(r.finished_at) },
      { header: 'Kind', cell: (r) => `${r.kind} · ${r.scope} · ${r.trigger}` },
      { header: 'Status', cell: (r) => statusBadge(r.status) },
      { header: 'Requests', cell: (r) => r.requests, align: 'end' },
      { header: 'Jobs', cell: (r) => `${r.jobs_upserted} synced, ${r.jobs_removed} removed`, align: 'end' },
      {
        header: 'Candidates',
        cell: (r) => `${r.candidates_upserted} synced, ${r.candidates_removed} removed`,
        align: 'end',
      },
      {
        header: 'Skipped',
        cell: (r) =>
          r.skipped === 0
            ? '0'
            : html`<details>
                <summary>${r.skipped}</summary>
                <ul>
                  ${r.skipped_items.map((i) => html`<li>${i.title} — ${i.reason}</li>`)}
                </ul>
              </details>`,
        align: 'end',
      },
      {
        header: 'Errors',
        cell: (r) =>
          r.errors.length
            ? html`<ul>
                ${r.errors.map((e) => html`<li>${e}</li>`)}
              </ul>`
            : '—',
      },
    ],
    rows: runs,
    empty: 'No sync has run yet.',
  });
}

export function registerAdminPages(app: FastifyInstance, ctx: CareersContext): void {
  app.get('/careers/admin', async (request, reply) => {
    const admin = await requireAdmin(ctx, request, reply);
    if (!admin) return reply;
    const org = admin.organization;
    const integration = await findIntegration(ctx.db, org.id);
    const jobs = await countJobs(ctx.db, org.id);
    const candidates = await countCandidates(ctx.db, org.id);
    const siteUrl = `${ctx.publicUrl}/careers/${org.slug}`;
    const body = html`${pageHeader({ title: org.name, subtitle: 'Recruitment marketing: your careers site, fed read-only by your ATS.' })}
    ${
      integration
        ? card({
            title: 'Status',
            body: definitionList({
              items: [
                { term: 'Careers site', description: html`<a href="${siteUrl}">${siteUrl}</a>` },
                {
                  term: 'ATS',
                  description: `${integration.name} — ${ENVIRONMENT_LABELS[integration.environment]}, company code ${integration.company_code}`,
                },
                {
                  term: 'Connection',
                  description:
                    integration.status === 'connected'
                      ? badge({ label: 'connected', tone: 'success' })
                      : html`${badge({ label: 'broken', tone: 'danger' })} ${integration.last_error}`,
                },
                { term: 'Jobs', description: `${jobs.published} published of ${jobs.total} synced` },
                { term: 'Candidates', description: String(candidates) },
                { term: 'Last job poll', description: formatTime(integration.last_job_poll_at) },
                { term: 'Last candidate poll', description: formatTime(integration.last_candidate_poll_at) },
                { term: 'Last full reconcile', description: formatTime(integration.last_full_sync_at) },
              ],
            }),
          })
        : emptyState({
            title: 'Connect your ATS',
            message:
              'Add an API key with the recruitment-marketing permissions and your company code; jobs and candidates follow.',
            action: linkButton({
              label: 'Set up the ATS integration',
              href: '/careers/admin/integration',
              variant: 'primary',
            }),
          })
    }`;
    return render(request, reply, { title: 'Overview', admin, body });
  });

  app.get('/careers/admin/jobs', async (request, reply) => {
    const admin = await requireAdmin(ctx, request, reply);
    if (!admin) return reply;
    const org = admin.organization;
    const jobs = await listAllJobs(ctx.db, org.id);
    const skipped = await listSkippedPostings(ctx.db, org.id);
    const body = html`${pageHeader({ title: 'Jobs', subtitle: 'Read-only copies of your ATS postings. Change a job in the ATS; it shows here at the next poll.' })}
    ${table({
      caption: `${jobs.filter((j) => j.published && !j.removed_at).length} published of ${jobs.length} synced jobs`,
      columns: [
        {
          header: 'Job',
          cell: (j) =>
            j.published && !j.removed_at
              ? html`<a href="${path`/careers/${org.slug}/jobs/${j.ats_posting_id}`}">${j.title}</a>`
              : j.title,
          rowHeader: true,
        },
        { header: 'Team', cell: (j) => j.team ?? '—' },
        { header: 'Location', cell: (j) => j.location },
        { header: 'Work mode', cell: (j) => `${WORK_MODE_LABELS[j.work_mode]} (${j.work_mode_source})` },
        {
          header: 'ATS state',
          cell: (j) =>
            `${j.state}${j.distribution_channels.length ? ` · ${j.distribution_channels.join(', ')}` : ''}${j.confidentiality === 'confidential' ? ' · confidential' : ''}`,
        },
        {
          header: 'Careers page',
          cell: (j) =>
            j.removed_at
              ? badge({ label: 'removed from ATS', tone: 'neutral' })
              : j.published
                ? badge({ label: 'published', tone: 'success' })
                : badge({
                    label: j.hidden_reason ? `hidden: ${j.hidden_reason}` : 'unpublished',
                    tone: 'warning',
                  }),
        },
      ],
      rows: jobs,
      empty: 'No jobs yet. Once the integration is saved, the first sync imports them.',
    })}
    ${card({
      title: `Skipped postings (${skipped.length})`,
      body: table({
        caption: 'Postings not imported, with the reason',
        captionHidden: true,
        columns: [
          { header: 'Posting', cell: (s) => s.title, rowHeader: true },
          { header: 'Reason', cell: (s) => s.reason },
          { header: 'Last seen', cell: (s) => formatTime(s.seen_at) },
        ],
        rows: skipped,
        empty: 'None: every posting in the sync window had a location.',
      }),
    })}`;
    return render(request, reply, { title: 'Jobs', admin, body });
  });

  app.get<{ Querystring: { q?: string } }>('/careers/admin/candidates', async (request, reply) => {
    const admin = await requireAdmin(ctx, request, reply);
    if (!admin) return reply;
    const org = admin.organization;
    const q = typeof request.query.q === 'string' ? request.query.q.slice(0, 100) : '';
    const rows = await listCandidates(ctx.db, org.id, { q });
    const body = html`${pageHeader({ title: 'Candidates', subtitle: 'Read-only copies of your ATS opportunities, linked to jobs.' })}
      <form method="get" action="/careers/admin/candidates" class="form form--inline" role="search">
        <label class="field__label" for="candidate-q">Search candidates</label>
        <input class="input" id="candidate-q" type="search" name="q" value="${q}" />
        ${button({ label: 'Search' })}
      </form>
      ${table({
        caption: `Latest ${rows.length} candidates`,
        columns: [
          { header: 'Name', cell: (c) => c.name, rowHeader: true },
          { header: 'Job', cell: (c) => (c.job_titles?.length ? c.job_titles.join(', ') : '—') },
          { header: 'Source', cell: (c) => (c.sources.length ? c.sources.join(', ') : (c.origin ?? '—')) },
          {
            header: 'ATS stage',
            cell: (c) =>
              c.removed_at
                ? 'removed from ATS'
                : c.archived
                  ? `Archived (${c.stage_text ?? '—'})`
                  : (c.stage_text ?? '—'),
          },
          {
            header: 'Resume',
            cell: (c) =>
              c.resumes?.length
                ? c.resumes.map(
                    (r) =>
                      html`<a
                        href="${path`/careers/admin/candidates/${c.ats_opportunity_id}/resumes/${r.id}`}"
                        >${r.filename}</a
                      > `,
                  )
                : '—',
          },
        ],
        rows,
        empty: 'No candidates yet.',
      })}`;
    return render(request, reply, { title: 'Candidates', admin, body });
  });

  app.get<{ Params: { opp: string; resume: string } }>(
    '/careers/admin/candidates/:opp/resumes/:resume',
    async (request, reply) => {
      const admin = await requireAdmin(ctx, request, reply);
      if (!admin) return reply;
      const r = await findResume(ctx.db, admin.organization.id, request.params.opp, request.params.resume);
      if (!r?.data) return reply.code(404).type('text/plain').send('Resume not found');
      const name = r.filename.replace(/[^\w.\- ]+/g, '_');
      return reply
        .type(r.content_type)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .send(r.data);
    },
  );

  app.get('/careers/admin/syncs', async (request, reply) => {
    const admin = await requireAdmin(ctx, request, reply);
    if (!admin) return reply;
    const runs = await listSyncRuns(ctx.db, admin.organization.id);
    const csrf = await reply.generateCsrf();
    const syncButton = (kind: string, label: string, variant: 'primary' | 'secondary') =>
      html`<form method="post" action="/careers/admin/syncs" class="form form--inline">
        ${csrfField(csrf)}<input type="hidden" name="kind" value="${kind}" />${button({ label, variant })}
      </form>`;
    const body = html`${pageHeader({ title: 'Sync runs', subtitle: 'Every poll of the ATS: when, how many requests, what was synced or skipped, and errors.' })}
      <div class="form-actions">
        ${syncButton('delta', 'Sync now', 'primary')} ${syncButton('full', 'Full reconcile', 'secondary')}
        <a class="btn btn--ghost" href="${url('/careers/admin/syncs')}">Refresh</a>
      </div>
      ${syncRunsTable(runs)}`;
    return render(request, reply, { title: 'Sync runs', admin, body });
  });

  app.post('/careers/admin/syncs', async (request, reply) => {
    const admin = await requireAdmin(ctx, request, reply);
    if (!admin) return reply;
    if (!(await findIntegration(ctx.db, admin.organization.id))) {
      flashNext(request, 'error', 'Set up the ATS integration first.');
      return reply.redirect('/careers/admin/integration', 303);
    }
    const kind = formValue(request.body, 'kind') === 'full' ? 'full' : 'delta';
    const id = await enqueueSync(ctx, {
      organizationId: admin.organization.id,
      kind,
      scope: 'all',
      trigger: 'sync now',
    });
    flashNext(
      request,
      'info',
      id ? 'Sync queued; it shows here when it starts.' : 'A sync is already queued; it runs next.',
    );
    return reply.redirect('/careers/admin/syncs', 303);
  });
}
