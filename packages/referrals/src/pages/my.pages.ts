// "My referrals": every referral of the signed-in referrer with its status and reward (pending / due / paid),
// and one referral's timeline (status history and payout ledger).
import type { FastifyInstance } from 'fastify';
import { badge, card, emptyState, html, linkButton, pageHeader, path, table } from '@hireloop/platform/html';
import type { ReferralsContext } from '../context.ts';
import { getStatusLabels } from '../domain/orgs/org.repository.ts';
import { findReferral, listReferralsByReferrer } from '../domain/referrals/referral.repository.ts';
import { isReferralStatus, STATUS_TONES, type ReferralStatus } from '../domain/statuses.ts';
import {
  PAYOUT_LABELS,
  PAYOUT_TONES,
  payoutStates,
  referralTimeline,
  toReferralView,
  type ReferralView,
} from '../domain/portal/views.ts';
import { render, requireUser } from './shared.ts';

export const statusBadge = (status: string, labels: Record<ReferralStatus, string>) =>
  isReferralStatus(status) ? badge({ label: labels[status], tone: STATUS_TONES[status], dot: true }) : status;

export const rewardCell = (r: ReferralView) => {
  const what =
    r.reward.kind === 'money'
      ? `${r.reward.amount?.toLocaleString('en-US')} ${r.reward.currency ?? ''}`
      : r.reward.kind === 'text'
        ? (r.reward.text ?? '')
        : '—';
  return r.payoutState
    ? html`${what} ${badge({ label: PAYOUT_LABELS[r.payoutState], tone: PAYOUT_TONES[r.payoutState] })}`
    : what;
};

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function registerMyPages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals/my', async (request, reply) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const [rows, labels] = await Promise.all([
      listReferralsByReferrer(ctx.db, org, user.id),
      getStatusLabels(ctx.db, org),
    ]);
    const states = await payoutStates(
      ctx.db,
      org,
      rows.map((r) => r.id),
    );
    const referrals = rows.map((r) => toReferralView(r, states.get(r.id)));
    const body = html`${pageHeader({
      title: 'My referrals',
      actions: linkButton({ label: 'Refer someone', href: '/referrals/jobs', variant: 'primary' }),
    })}
    ${card({
      flush: true,
      body: table({
        caption: 'My referrals',
        captionHidden: true,
        columns: [
          {
            header: 'Candidate',
            rowHeader: true,
            cell: (r) => html`<a href="${path`/referrals/my/${r.id}`}">${r.candidateName}</a>`,
          },
          { header: 'Job', cell: (r) => r.jobTitle },
          { header: 'Status', cell: (r) => statusBadge(r.status, labels) },
          { header: 'Reward', cell: rewardCell },
          { header: 'Referred', cell: (r) => day(r.createdAt) },
        ],
        rows: referrals,
        empty: emptyState({
          title: 'You have not referred anyone yet',
          action: linkButton({ label: 'See open jobs', href: '/referrals/jobs' }),
        }),
      }),
    })}`;
    return render(request, reply, { title: 'My referrals', user, body });
  });

  app.get('/referrals/my/:id', async (request, reply) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const row = await findReferral(ctx.db, org, (request.params as { id: string }).id);
    if (!row || (row.referrer_id !== user.id && user.role !== 'admin'))
      return render(request, reply, {
        title: 'Not found',
        user,
        status: 404,
        body: emptyState({
          title: 'No such referral',
          action: linkButton({ label: 'My referrals', href: '/referrals/my' }),
        }),
      });
    const [labels, states, timeline] = await Promise.all([
      getStatusLabels(ctx.db, org),
      payoutStates(ctx.db, org, [row.id]),
      referralTimeline(ctx.db, org, row.id),
    ]);
    const r = toReferralView(row, states.get(row.id));
    const label = (s: string | null) => (s && isReferralStatus(s) ? labels[s] : (s ?? ''));
    const events = [
      ...timeline.history.map((h) => ({
        at: h.at,
        text: h.from ? `${label(h.from)} → ${label(h.to)}` : `Referred (${label(h.to)})`,
      })),
      ...timeline.payouts.map((p) => ({ at: p.at, text: `Reward ${PAYOUT_LABELS[p.state].toLowerCase()}` })),
    ].sort((a, b) => a.at - b.at);
    const body = html`${pageHeader({
        title: r.candidateName,
        subtitle: r.jobTitle,
        breadcrumbs: [{ label: 'My referrals', href: '/referrals/my' }],
      })}
      <div class="grid">
        ${card({ title: 'Status', body: html`<p>${statusBadge(r.status, labels)}</p>` })}
        ${card({ title: 'Reward', body: html`<p>${rewardCell(r)}</p>` })}
      </div>
      ${card({
        title: 'Timeline',
        body: html`<ol class="timeline">
          ${events.map((e) => html`<li><time datetime="${new Date(e.at).toISOString()}">${when(e.at)}</time> ${e.text}</li>`)}
        </ol>`,
      })}`;
    return render(request, reply, { title: r.candidateName, user, body });
  });
}
