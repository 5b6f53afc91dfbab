// Admin pages of the program: dashboard (by job, referrer, status, type — SVG bars), all referrals,
// payouts with "mark paid" (append-only ledger), people (invite employees and external referrers), and
// the captured SMS outbox.
import type { FastifyInstance } from 'fastify';
import {
  badge,
  button,
  card,
  csrfField,
  emptyState,
  formField,
  html,
  pageHeader,
  path,
  table,
} from '@hireloop/platform/html';
import type { ReferralsContext } from '../context.ts';
import { AccountError, inviteUser } from '../domain/orgs/accounts.service.ts';
import { findOrganization, getStatusLabels } from '../domain/orgs/org.repository.ts';
import { listUsers } from '../domain/orgs/user.repository.ts';
import { listOrgReferrals, referralCounts } from '../domain/portal/dashboard.repository.ts';
import { listPayoutLedger, markPaid } from '../domain/portal/payouts.service.ts';
import { PortalError } from '../domain/portal/portal-errors.ts';
import { PAYOUT_LABELS, PAYOUT_TONES, payoutStates, toReferralView } from '../domain/portal/views.ts';
import { listSms } from '../domain/sms/sms-sender.ts';
import { isReferralStatus } from '../domain/statuses.ts';
import { barChart } from './bar-chart.ts';
import { rewardCell, statusBadge } from './my.pages.ts';
import { connectionBanner, flashNext, formValue, render, requireAdmin } from './shared.ts';

const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

export function registerProgramPages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals/admin/dashboard', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const [counts, labels] = await Promise.all([referralCounts(ctx.db, org), getStatusLabels(ctx.db, org)]);
    const statusLabel = (s: string) => (isReferralStatus(s) ? labels[s] : s);
    const total = counts.byType.reduce((n, t) => n + t.value, 0);
    const body = html`${pageHeader({ title: 'Dashboard', subtitle: `${total} referral${total === 1 ? '' : 's'} in total` })}
      <div class="grid">
        ${card({
          title: 'By status',
          body: barChart(
            'Referrals by status',
            counts.byStatus.map((b) => ({ label: statusLabel(b.label), value: b.value })),
          ),
        })}
        ${card({
          title: 'By type',
          body: barChart(
            'Referrals by type',
            counts.byType.map((b) => ({
              label: b.label === 'external' ? 'External referrers' : 'Employees',
              value: b.value,
            })),
          ),
        })}
        ${card({ title: 'By job', body: barChart('Referrals by job', counts.byJob) })}
        ${card({ title: 'By referrer', body: barChart('Referrals by referrer', counts.byReferrer) })}
      </div>`;
    return render(request, reply, {
      title: 'Dashboard',
      user,
      body,
      flash: await connectionBanner(ctx, org),
    });
  });

  app.get('/referrals/admin/referrals', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const query = request.query as { status?: string; type?: string };
    const [rows, labels] = await Promise.all([
      listOrgReferrals(ctx.db, org, { status: query.status, type: query.type }),
      getStatusLabels(ctx.db, org),
    ]);
    const states = await payoutStates(
      ctx.db,
      org,
      rows.map((r) => r.id),
    );
    const body = html`${pageHeader({ title: 'Referrals' })}
    ${card({
      flush: true,
      body: table({
        caption: 'All referrals',
        captionHidden: true,
        rows,
        empty: emptyState({ title: 'No referrals yet' }),
        columns: [
          {
            header: 'Candidate',
            rowHeader: true,
            cell: (r) => html`<a href="${path`/referrals/my/${r.id}`}">${r.candidate_name}</a>`,
          },
          { header: 'Job', cell: (r) => r.job_title },
          {
            header: 'Referrer',
            cell: (r) =>
              html`${r.referrer_name || r.referrer_email || '—'}
              ${r.type === 'external' ? badge({ label: 'external', tone: 'info' }) : ''}`,
          },
          { header: 'Status', cell: (r) => statusBadge(r.status, labels) },
          { header: 'Reward', cell: (r) => rewardCell(toReferralView(r, states.get(r.id))) },
          { header: 'In ATS', cell: (r) => (r.ats_opportunity_id ? 'yes' : 'not yet') },
          { header: 'Referred', cell: (r) => when(r.created_at) },
        ],
      }),
    })}`;
    return render(request, reply, { title: 'Referrals', user, body });
  });

  app.get('/referrals/admin/payouts', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const ledger = await listPayoutLedger(ctx, org);
    const latest = new Map<string, (typeof ledger)[number]>();
    for (const e of ledger) if (!latest.has(e.referral_id)) latest.set(e.referral_id, e);
    const due = [...latest.values()].filter((e) => e.state === 'due');
    const csrf = await reply.generateCsrf();
    const amount = (e: (typeof ledger)[number]) =>
      e.amount !== null
        ? `${Number(e.amount).toLocaleString('en-US')} ${e.currency ?? ''}`
        : (e.reward_text ?? '—');
    const body = html`${pageHeader({ title: 'Payouts', subtitle: 'Rewards become due when a referral reaches the payout status.' })}
    ${card({
      title: `Due (${due.length})`,
      flush: true,
      body: table({
        caption: 'Rewards due',
        captionHidden: true,
        rows: due,
        empty: emptyState({ title: 'Nothing is due' }),
        columns: [
          { header: 'Referrer', rowHeader: true, cell: (e) => e.referrer_name || e.referrer_email || '—' },
          { header: 'Candidate', cell: (e) => e.candidate_name },
          { header: 'Job', cell: (e) => e.job_title },
          { header: 'Reward', cell: amount },
          {
            header: '',
            cell: (e) =>
              html`<form method="post" action="${path`/referrals/admin/payouts/${e.referral_id}/paid`}">
                ${csrfField(csrf)}${button({ label: 'Mark paid', size: 'sm', variant: 'primary', type: 'submit', confirm: 'Record this reward as paid?' })}
              </form>`,
          },
        ],
      }),
    })}
    ${card({
      title: 'Ledger',
      flush: true,
      body: table({
        caption: 'Payout ledger (append-only)',
        rows: ledger,
        empty: emptyState({ title: 'No entries yet' }),
        columns: [
          { header: 'When', rowHeader: true, cell: (e) => when(e.created_at) },
          {
            header: 'State',
            cell: (e) => badge({ label: PAYOUT_LABELS[e.state], tone: PAYOUT_TONES[e.state] }),
          },
          { header: 'Referrer', cell: (e) => e.referrer_name || e.referrer_email || '—' },
          { header: 'Candidate', cell: (e) => e.candidate_name },
          { header: 'Reward', cell: amount },
          { header: 'Note', cell: (e) => e.note ?? '' },
        ],
      }),
    })}`;
    return render(request, reply, { title: 'Payouts', user, body });
  });

  app.post('/referrals/admin/payouts/:id/paid', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    try {
      const referral = await markPaid(
        ctx,
        user,
        (request.params as { id: string }).id,
        formValue(request.body, 'note'),
      );
      flashNext(request, 'success', `Recorded the reward for referring ${referral.candidate_name} as paid.`);
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      flashNext(request, 'error', error.message);
    }
    return reply.redirect('/referrals/admin/payouts', 303);
  });

  app.get('/referrals/admin/people', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const people = await listUsers(ctx.db, user.organization_id);
    const csrf = await reply.generateCsrf();
    const body = html`${pageHeader({ title: 'People', subtitle: 'Admins, employees and external referrers of your program.' })}
    ${card({
      title: 'Invite someone',
      body: html`<form class="form" method="post" action="/referrals/admin/people">
        ${csrfField(csrf)} ${formField({ label: 'Email', name: 'email', type: 'email', required: true })}
        ${formField({ label: 'Name', name: 'name' })}
        ${formField({
          label: 'Role',
          name: 'role',
          type: 'select',
          value: 'employee',
          options: [
            { value: 'employee', label: 'Employee' },
            { value: 'external', label: 'External referrer (not an employee)' },
            { value: 'admin', label: 'Admin' },
          ],
        })}
        <div class="form-actions">
          ${button({ label: 'Send invitation', variant: 'primary', type: 'submit' })}
        </div>
      </form>`,
    })}
    ${card({
      flush: true,
      body: table({
        caption: 'People',
        captionHidden: true,
        rows: people,
        columns: [
          { header: 'Name', rowHeader: true, cell: (p) => p.name || '—' },
          { header: 'Email', cell: (p) => p.email },
          { header: 'Role', cell: (p) => p.role },
          {
            header: 'Status',
            cell: (p) => badge({ label: p.status, tone: p.status === 'active' ? 'success' : 'neutral' }),
          },
        ],
      }),
    })}`;
    return render(request, reply, { title: 'People', user, body });
  });

  app.post('/referrals/admin/people', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const role = formValue(request.body, 'role');
    const organization = await findOrganization(ctx.db, user.organization_id);
    try {
      await ctx.db.transaction().execute((trx) =>
        inviteUser(ctx, trx, {
          organization: organization!,
          email: formValue(request.body, 'email'),
          name: formValue(request.body, 'name') || undefined,
          role: role === 'admin' || role === 'external' ? role : 'employee',
          invitedBy: user,
        }),
      );
      flashNext(request, 'success', 'Invitation sent.');
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      flashNext(request, 'error', error.message);
    }
    return reply.redirect('/referrals/admin/people', 303);
  });

  app.get('/referrals/admin/sms', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const texts = await listSms(ctx.db, user.organization_id);
    const body = html`${pageHeader({ title: 'SMS outbox', subtitle: ctx.sms.mode === 'captured' ? 'Texts are captured here, not sent: no SMS provider is configured.' : 'Texts handed to the SMS provider.' })}
    ${card({
      flush: true,
      body: table({
        caption: 'Texts',
        captionHidden: true,
        rows: texts,
        empty: emptyState({
          title: 'No texts yet',
          message: 'Referrals with a phone number send the candidate a text.',
        }),
        columns: [
          { header: 'When', rowHeader: true, cell: (t) => when(t.created_at) },
          { header: 'To', cell: (t) => t.to_phone },
          { header: 'Text', cell: (t) => html`<span class="sms-body">${t.body}</span>` },
          { header: 'Status', cell: (t) => badge({ label: t.status, tone: 'info' }) },
        ],
      }),
    })}`;
    return render(request, reply, { title: 'SMS outbox', user, body });
  });
}
