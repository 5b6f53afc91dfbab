// Read models shared by the pages and the JSON API: a referral as its referrer (or an admin) sees it, with
// the current payout state from the ledger and, for one referral, the timeline.
import type { ReferralRow, ReferralsKysely } from '../../db.ts';
import { listHistory, listPayouts, type PayoutState } from '../referrals/referral.repository.ts';

export interface ReferralView {
  id: string;
  type: 'internal' | 'external';
  channel: string;
  jobId: string | null;
  jobTitle: string;
  candidateName: string;
  candidateEmail: string | null;
  status: string;
  reward: { kind: string; amount: number | null; currency: string | null; text: string | null };
  payoutState: PayoutState | null;
  atsOpportunityId: string | null;
  anonymized: boolean;
  createdAt: number;
  updatedAt: number;
}

export const toReferralView = (r: ReferralRow, payoutState: PayoutState | undefined): ReferralView => ({
  id: r.id,
  type: r.type,
  channel: r.channel,
  jobId: r.job_id,
  jobTitle: r.job_title,
  candidateName: r.candidate_name,
  candidateEmail: r.candidate_email,
  status: r.status,
  reward: {
    kind: r.reward_kind,
    amount: r.reward_amount === null ? null : Number(r.reward_amount),
    currency: r.reward_currency,
    text: r.reward_text,
  },
  payoutState: payoutState ?? null,
  atsOpportunityId: r.ats_opportunity_id,
  anonymized: r.anonymized_at !== null,
  createdAt: r.created_at.getTime(),
  updatedAt: r.updated_at.getTime(),
});

/** Latest ledger state per referral (one query). */
export async function payoutStates(
  db: ReferralsKysely,
  organizationId: string,
  referralIds: readonly string[],
): Promise<Map<string, PayoutState>> {
  if (referralIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('referrals.payout')
    .select(['referral_id', 'state'])
    .where('organization_id', '=', organizationId)
    .where('referral_id', 'in', [...referralIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((p) => [p.referral_id, p.state])); // later rows win
}

export async function referralTimeline(db: ReferralsKysely, organizationId: string, referralId: string) {
  const [history, payouts] = await Promise.all([
    listHistory(db, organizationId, referralId),
    listPayouts(db, organizationId, referralId),
  ]);
  return {
    history: history.map((h) => ({
      from: h.from_status,
      to: h.to_status,
      source: h.source,
      at: h.created_at.getTime(),
    })),
    payouts: payouts.map((p) => ({
      state: p.state,
      amount: p.amount === null ? null : Number(p.amount),
      currency: p.currency,
      text: p.reward_text,
      note: p.note,
      at: p.created_at.getTime(),
    })),
  };
}

export const PAYOUT_LABELS: Readonly<Record<PayoutState, string>> = Object.freeze({
  pending: 'Pending',
  due: 'Due',
  paid: 'Paid',
  cancelled: 'Cancelled',
});
export const PAYOUT_TONES = Object.freeze({
  pending: 'neutral',
  due: 'warning',
  paid: 'success',
  cancelled: 'danger',
} as const);
