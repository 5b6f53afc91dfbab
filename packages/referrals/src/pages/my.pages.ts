// "My referrals": the referrer's list with status and payout state. The employee portal (refer, share
// links, job search) builds on this page and on domain/referrals.
import type { FastifyInstance } from 'fastify';
import { badge, card, html, pageHeader, table } from '@hireloop/platform/html';
import type { ReferralsContext } from '../context.ts';
import { getStatusLabels } from '../domain/orgs/org.repository.ts';
import { listReferralsByReferrer } from '../domain/referrals/referral.repository.ts';
import { isReferralStatus, STATUS_TONES } from '../domain/statuses.ts';
import { render, requireUser } from './shared.ts';

export function registerMyPages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals/my', async (request, reply) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    const [referrals, labels] = await Promise.all([
      listReferralsByReferrer(ctx.db, user.organization_id, user.id),
      getStatusLabels(ctx.db, user.organization_id),
    ]);
    const payouts = referrals.length
      ? await ctx.db
          .selectFrom('referrals.payout')
          .select(['referral_id', 'state'])
          .where('organization_id', '=', user.organization_id)
          .where(
            'referral_id',
            'in',
            referrals.map((r) => r.id),
          )
          .orderBy('created_at')
          .execute()
      : [];
    const payoutOf = new Map(payouts.map((p) => [p.referral_id, p.state])); // later rows win: latest state
    const body = html`${pageHeader({ title: 'My referrals' })}
    ${card({
      flush: true,
      body: table({
        caption: 'My referrals',
        captionHidden: true,
        columns: [
          { header: 'Candidate', rowHeader: true, cell: (r) => r.candidate_name },
          { header: 'Job', cell: (r) => r.job_title },
          {
            header: 'Status',
            cell: (r) =>
              isReferralStatus(r.status)
                ? badge({ label: labels[r.status], tone: STATUS_TONES[r.status], dot: true })
                : r.status,
          },
          { header: 'Reward', cell: (r) => payoutOf.get(r.id) ?? '—' },
          { header: 'Referred', cell: (r) => r.created_at.toISOString().slice(0, 10) },
        ],
        rows: referrals,
        empty: 'You have not referred anyone yet.',
      }),
    })}`;
    return render(request, reply, { title: 'My referrals', user, body });
  });
}
