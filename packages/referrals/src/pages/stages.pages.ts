// Stage mapping: every ATS stage (custom ones included, read from /v1/stages) → a referral status. Archived
// candidates count as Not selected unless archived with a hired reason (shown, not editable).
import type { FastifyInstance } from 'fastify';
import {
  button,
  card,
  csrfField,
  emptyState,
  formField,
  html,
  pageHeader,
  table,
} from '@hireloop/platform/html';
import type { ReferralsContext } from '../context.ts';
import { getStatusLabels } from '../domain/orgs/org.repository.ts';
import { listStagesWithMapping, setStageStatus } from '../domain/stages/stage.repository.ts';
import { syncStages } from '../domain/stages/stages.service.ts';
import { defaultStatusForStage } from '../domain/stages/stage-mapping.ts';
import { isReferralStatus, REFERRAL_STATUSES } from '../domain/statuses.ts';
import { connectionBanner, flashNext, formValue, render, requireAdmin } from './shared.ts';

export function registerStagePages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals/admin/stages', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const [stages, labels, hired] = await Promise.all([
      listStagesWithMapping(ctx.db, org),
      getStatusLabels(ctx.db, org),
      ctx.db
        .selectFrom('referrals.archive_reason')
        .select('text')
        .where('organization_id', '=', org)
        .where('hired', '=', true)
        .execute(),
    ]);
    const csrf = await reply.generateCsrf();
    const options = REFERRAL_STATUSES.map((s) => ({ value: s, label: labels[s] }));
    const body = html`${pageHeader({
      title: 'Stage mapping',
      subtitle: 'Which referral status each ATS stage means for the referrer.',
      actions: html`<form method="post" action="/referrals/admin/stages/refresh">
        ${csrfField(csrf)}${button({ label: 'Reload stages from the ATS' })}
      </form>`,
    })}
    ${
      stages.length === 0
        ? emptyState({
            title: 'No stages yet',
            message: 'Connect your ATS under Integrations; its stages appear here.',
          })
        : html`<form method="post" action="/referrals/admin/stages" class="form">
            ${csrfField(csrf)}
            ${table({
              caption: 'ATS stages and referral statuses',
              columns: [
                {
                  header: 'ATS stage',
                  rowHeader: true,
                  cell: (s) => html`${s.text}<br /><small><code>${s.atsStageId}</code></small>`,
                },
                { header: 'Pipeline', cell: (s) => s.pipeline ?? '—' },
                {
                  header: 'Referral status',
                  cell: (s) =>
                    formField({
                      type: 'select',
                      label: html`<span class="visually-hidden">Status for ${s.text}</span>`,
                      name: `stage:${s.atsStageId}`,
                      id: `stage-${s.atsStageId}`,
                      value: s.status,
                      options,
                    }),
                },
                { header: 'Set by', cell: (s) => (s.customized ? 'You' : 'Default') },
              ],
              rows: stages,
            })}
            <div class="form-actions">${button({ label: 'Save mapping', variant: 'primary' })}</div>
          </form>`
    }
    ${card({
      title: 'Archived candidates',
      body: html`<p>
        Archived with a hired reason
        (${hired.length ? hired.map((h) => h.text).join(', ') : 'none synced yet'}) →
        <strong>${labels.hired}</strong>. Archived with any other reason →
        <strong>${labels.not_selected}</strong>. Unarchived → the stage's status again.
      </p>`,
    })}`;
    return render(request, reply, {
      title: 'Stage mapping',
      user,
      body,
      flash: await connectionBanner(ctx, org),
    });
  });

  app.post('/referrals/admin/stages', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const stages = await listStagesWithMapping(ctx.db, user.organization_id);
    await ctx.db.transaction().execute(async (trx) => {
      for (const s of stages) {
        const value = formValue(request.body, `stage:${s.atsStageId}`);
        if (!isReferralStatus(value) || value === s.status) continue;
        const isDefault =
          value === defaultStatusForStage({ id: s.atsStageId, text: s.text, pipeline: s.pipeline });
        await setStageStatus(trx, user.organization_id, s.atsStageId, value, !isDefault);
      }
    });
    flashNext(
      request,
      'success',
      'Stage mapping saved. It applies to the next status change of each referral.',
    );
    return reply.redirect('/referrals/admin/stages', 303);
  });

  app.post('/referrals/admin/stages/refresh', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    try {
      const { stages } = await syncStages(ctx, user.organization_id);
      flashNext(request, 'success', `Reloaded ${stages} stages from the ATS.`);
    } catch (error) {
      flashNext(request, 'error', `Could not read stages from the ATS: ${(error as Error).message}`);
    }
    return reply.redirect('/referrals/admin/stages', 303);
  });
}
