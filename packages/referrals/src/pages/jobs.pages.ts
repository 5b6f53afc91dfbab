// Synced jobs with their rewards (and reward-tag warnings), the sync runs, and "Sync now".
import type { FastifyInstance } from 'fastify';
import { badge, button, card, csrfField, html, pageHeader, table } from '@hireloop/platform/html';
import type { JobRow, SyncRunRow } from '../db.ts';
import type { ReferralsContext } from '../context.ts';
import { listAllJobs, listSyncRuns } from '../domain/jobs/job.repository.ts';
import { SYNC_JOBS_JOB, type SyncRequest } from '../domain/jobs/sync.service.ts';
import { getSettings } from '../domain/orgs/org.repository.ts';
import { findConnection } from '../domain/connection/connection.repository.ts';
import { connectionBanner, flashNext, render, requireAdmin } from './shared.ts';

export const formatReward = (
  job: Pick<JobRow, 'reward_kind' | 'reward_amount' | 'reward_text'>,
  currency: string,
): string =>
  job.reward_kind === 'money'
    ? `${Number(job.reward_amount).toLocaleString('en-US')} ${currency}`
    : job.reward_kind === 'text'
      ? (job.reward_text ?? '')
      : '—';

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '—');

export function registerJobPages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals/admin/jobs', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const [jobs, runs, settings, connection] = await Promise.all([
      listAllJobs(ctx.db, org),
      listSyncRuns(ctx.db, org),
      getSettings(ctx.db, org),
      findConnection(ctx.db, org),
    ]);
    const csrf = await reply.generateCsrf();
    const warnings = jobs.filter((j) => j.reward_warning && !j.removed_at);
    const body = html`${pageHeader({
      title: 'Jobs',
      subtitle: 'Postings synced from the ATS. Rewards come from referralbonus: tags.',
      actions:
        connection?.status === 'connected'
          ? html`<form method="post" action="/referrals/admin/jobs/sync">
              ${csrfField(csrf)}${button({ label: 'Sync now', variant: 'primary' })}
            </form>`
          : '',
    })}
    ${
      warnings.length
        ? card({
            title: `Reward tags to fix (${warnings.length})`,
            tone: 'danger',
            body: html`<ul>
                ${warnings.map((j) => html`<li><strong>${j.title}</strong>: ${j.reward_warning}</li>`)}
              </ul>
              <p>These jobs still sync; fix the tag in the ATS and it is picked up within a minute.</p>`,
          })
        : ''
    }
    ${card({
      title: 'Jobs',
      flush: true,
      body: table({
        caption: 'Synced jobs',
        captionHidden: true,
        columns: [
          { header: 'Job', rowHeader: true, cell: (j) => j.title },
          { header: 'Location', cell: (j) => j.location ?? '—' },
          {
            header: 'Visibility',
            cell: (j) =>
              j.removed_at
                ? badge({ label: j.state === 'closed' ? 'Closed' : 'Removed', tone: 'neutral' })
                : j.state === 'published' && j.distribution_channels.includes('public')
                  ? badge({ label: 'Public', tone: 'success' })
                  : badge({ label: 'Internal', tone: 'info' }),
          },
          {
            header: 'Reward',
            cell: (j) =>
              html`${formatReward(j, settings.reward_currency)}${j.reward_warning ? html` ${badge({ label: 'tag problem', tone: 'danger' })}` : ''}`,
          },
          { header: 'Updated in ATS', cell: (j) => when(new Date(Number(j.ats_updated_at_ms))) },
        ],
        rows: jobs,
        empty: 'No jobs synced yet.',
      }),
    })}
    ${card({
      title: 'Sync runs',
      flush: true,
      body: table<SyncRunRow>({
        caption: 'Recent sync runs',
        captionHidden: true,
        columns: [
          { header: 'Started', rowHeader: true, cell: (r) => when(r.started_at) },
          { header: 'Kind', cell: (r) => `${r.kind} (${r.trigger})` },
          {
            header: 'Result',
            cell: (r) =>
              badge({
                label: r.status,
                tone: r.status === 'failed' ? 'danger' : r.status === 'succeeded' ? 'success' : 'info',
              }),
          },
          { header: 'Updated', align: 'end', cell: (r) => String(r.upserted) },
          { header: 'Removed', align: 'end', cell: (r) => String(r.removed) },
          {
            header: 'Warnings / error',
            cell: (r) => r.error ?? (r.warnings.length ? `${r.warnings.length} reward tag warning(s)` : ''),
          },
        ],
        rows: runs,
        empty: 'No sync has run yet.',
      }),
    })}`;
    return render(request, reply, { title: 'Jobs', user, body, flash: await connectionBanner(ctx, org) });
  });

  app.post('/referrals/admin/jobs/sync', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    await ctx.runtime.queue.send<SyncRequest>(SYNC_JOBS_JOB, {
      organizationId: user.organization_id,
      kind: 'full',
      trigger: 'manual',
    });
    flashNext(request, 'info', 'A full sync has started. Reload in a few seconds to see it under Sync runs.');
    return reply.redirect('/referrals/admin/jobs', 303);
  });
}
