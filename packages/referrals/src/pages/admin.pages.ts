// Admin overview and program settings (referable jobs, source label, tag, stage for new referrals, reward
// currency, apply mode, payout status, status labels).
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import {
  button,
  card,
  csrfField,
  definitionList,
  formField,
  html,
  linkButton,
  pageHeader,
} from '@hireloop/platform/html';
import type { ReferralsContext } from '../context.ts';
import { findConnection } from '../domain/connection/connection.repository.ts';
import {
  findOrganization,
  getSettings,
  getStatusLabels,
  setStatusLabel,
  updateSettings,
} from '../domain/orgs/org.repository.ts';
import { isReferralStatus, REFERRAL_STATUSES } from '../domain/statuses.ts';
import { connectionBadge } from './integration.pages.ts';
import { connectionBanner, flashNext, formValue, render, requireAdmin } from './shared.ts';

const CURRENCY = /^[A-Z]{3}$/;

export function registerAdminPages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals/admin', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const [organization, connection, counts] = await Promise.all([
      findOrganization(ctx.db, org),
      findConnection(ctx.db, org),
      ctx.db
        .selectFrom('referrals.job')
        .select([
          sql<number>`count(*) filter (where removed_at is null)::int`.as('open_jobs'),
          sql<number>`count(*) filter (where reward_warning is not null and removed_at is null)::int`.as(
            'warnings',
          ),
        ])
        .where('organization_id', '=', org)
        .executeTakeFirstOrThrow(),
    ]);
    const referrals = await ctx.db
      .selectFrom('referrals.referral')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .where('organization_id', '=', org)
      .groupBy('status')
      .execute();
    const labels = await getStatusLabels(ctx.db, org);
    const body = html`${pageHeader({ title: organization?.name ?? 'Referrals', subtitle: 'Referral program overview' })}
      <div class="grid">
        ${card({
          title: 'ATS connection',
          body: html`${definitionList({
            items: [
              { term: 'Status', description: connectionBadge(connection) },
              { term: 'Open jobs', description: String(counts.open_jobs) },
              { term: 'Reward tag warnings', description: String(counts.warnings) },
            ],
          })}
          ${linkButton({ label: connection ? 'Manage integration' : 'Connect your ATS', href: '/referrals/admin/integrations', variant: connection ? 'secondary' : 'primary' })}`,
        })}
        ${card({
          title: 'Referrals by status',
          body: definitionList({
            items: REFERRAL_STATUSES.map((s) => ({
              term: labels[s],
              description: String(referrals.find((r) => r.status === s)?.n ?? 0),
            })),
          }),
        })}
      </div>`;
    return render(request, reply, { title: 'Overview', user, body, flash: await connectionBanner(ctx, org) });
  });

  const settingsForm = async (csrf: string, organizationId: string, errors: Record<string, string> = {}) => {
    const s = await getSettings(ctx.db, organizationId);
    const labels = await getStatusLabels(ctx.db, organizationId);
    const stages = await ctx.db
      .selectFrom('referrals.stage')
      .select(['ats_stage_id', 'text'])
      .where('organization_id', '=', organizationId)
      .orderBy('position')
      .execute();
    const stageOptions = stages.length
      ? stages.map((st) => ({ value: st.ats_stage_id, label: st.text }))
      : [{ value: s.new_referral_stage_id, label: s.new_referral_stage_id }];
    if (!stageOptions.some((o) => o.value === s.new_referral_stage_id))
      stageOptions.unshift({ value: s.new_referral_stage_id, label: s.new_referral_stage_id });
    return html`${pageHeader({ title: 'Settings', subtitle: 'How referrals reach your ATS and how rewards work.' })}
      <form method="post" action="/referrals/admin/settings" class="form">
        ${csrfField(csrf)}
        ${card({
          title: 'Jobs and referrals',
          body: html` ${formField({
            type: 'select',
            label: 'Referable jobs',
            name: 'referable_jobs',
            value: s.referable_jobs,
            options: [
              { value: 'external', label: 'Public (external) jobs only' },
              { value: 'all', label: 'Public and internal jobs' },
            ],
          })}
          ${formField({ label: 'Source label', name: 'source_label', value: s.source_label, required: true, hint: 'Set as the source of every opportunity the app creates, and added as a tag.', error: errors.source_label })}
          ${formField({ label: 'Referral tag', name: 'referral_tag', value: s.referral_tag, required: true, error: errors.referral_tag })}
          ${formField({ type: 'select', label: 'Stage for new referrals', name: 'new_referral_stage_id', value: s.new_referral_stage_id, options: stageOptions })}
          ${formField({
            type: 'select',
            label: 'How candidates apply',
            name: 'apply_mode',
            value: s.apply_mode,
            options: [
              { value: 'in_app', label: 'In this app' },
              { value: 'ats_hosted', label: "On the ATS's hosted application page" },
            ],
          })}`,
        })}
        ${card({
          title: 'Rewards',
          body: html` ${formField({ label: 'Reward currency', name: 'reward_currency', value: s.reward_currency, required: true, hint: 'ISO code, e.g. USD or EUR. Jobs tagged referralbonus:3000 pay 3000 in this currency.', error: errors.reward_currency })}
          ${formField({ type: 'select', label: 'Payout becomes due at', name: 'payout_status', value: s.payout_status, options: REFERRAL_STATUSES.map((st) => ({ value: st, label: labels[st] })) })}`,
        })}
        ${card({
          title: 'Status labels',
          body: html`<p>What employees see for each referral status.</p>
            ${REFERRAL_STATUSES.map((st) => formField({ label: `Label for “${st.replace('_', ' ')}”`, name: `label_${st}`, value: labels[st], required: true }))}`,
        })}
        <div class="form-actions">${button({ label: 'Save settings', variant: 'primary' })}</div>
      </form>`;
  };

  app.get('/referrals/admin/settings', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    return render(request, reply, {
      title: 'Settings',
      user,
      body: await settingsForm(await reply.generateCsrf(), user.organization_id),
    });
  });

  app.post('/referrals/admin/settings', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const b = request.body;
    const errors: Record<string, string> = {};
    const sourceLabel = formValue(b, 'source_label').trim();
    const tag = formValue(b, 'referral_tag').trim();
    const currency = formValue(b, 'reward_currency').trim().toUpperCase();
    if (!sourceLabel || sourceLabel.length > 100)
      errors.source_label = 'Enter a source label of up to 100 characters';
    if (!tag || tag.length > 100) errors.referral_tag = 'Enter a tag of up to 100 characters';
    if (!CURRENCY.test(currency)) errors.reward_currency = 'Enter a three-letter currency code such as USD';
    const referable = formValue(b, 'referable_jobs') === 'all' ? 'all' : 'external';
    const applyMode = formValue(b, 'apply_mode') === 'ats_hosted' ? 'ats_hosted' : 'in_app';
    const payout = formValue(b, 'payout_status');
    const stageId = formValue(b, 'new_referral_stage_id').trim();
    if (Object.keys(errors).length) {
      return render(request, reply, {
        title: 'Settings',
        user,
        status: 400,
        body: await settingsForm(await reply.generateCsrf(), user.organization_id, errors),
      });
    }
    await ctx.db.transaction().execute(async (trx) => {
      await updateSettings(trx, user.organization_id, {
        referable_jobs: referable,
        source_label: sourceLabel,
        referral_tag: tag,
        reward_currency: currency,
        apply_mode: applyMode,
        ...(isReferralStatus(payout) ? { payout_status: payout } : {}),
        ...(stageId ? { new_referral_stage_id: stageId } : {}),
      });
      for (const st of REFERRAL_STATUSES) {
        const label = formValue(b, `label_${st}`).trim();
        if (label && label.length <= 60) await setStatusLabel(trx, user.organization_id, st, label);
      }
    });
    flashNext(request, 'success', 'Settings saved.');
    return reply.redirect('/referrals/admin/settings', 303);
  });
}
