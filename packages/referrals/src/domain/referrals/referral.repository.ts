// Referrals, their status history and the payout ledger. History and payouts are append-only: a change
// is a new row, never an edit, so "what happened when" can always be read back.
import { randomBytes } from 'node:crypto';
import type { ReferralRow, ReferralsKysely } from '../../db.ts';
import type { JobRow } from '../../db.ts';
import type { ReferralStatus } from '../statuses.ts';

export type Referral = ReferralRow;

export interface NewReferral {
  organizationId: string;
  referrerId: string | null;
  type: 'internal' | 'external';
  channel?: 'direct' | 'link' | 'ats_match';
  job: Pick<JobRow, 'id' | 'ats_posting_id' | 'title' | 'reward_kind' | 'reward_amount' | 'reward_text'>;
  /** The organization's reward currency at the time (the reward is frozen on the referral). */
  rewardCurrency: string;
  candidateName: string;
  candidateEmail?: string | null;
  candidatePhone?: string | null;
  relationship?: string | null;
  endorsement?: string | null;
  /** A retried create with the same key returns the first referral instead of making a second. */
  idempotencyKey?: string | null;
  atsOpportunityId?: string | null;
  /** The personal link the candidate came through (channel 'link'). */
  referralLinkId?: string | null;
  /** An optional resume the referrer attached. */
  resume?: { name: string; type: string; bytes: Buffer } | null;
}

/** 128 random bits, URL-safe: the candidate's link and the ATS-hosted source mark. */
export const newTrackingCode = (): string => randomBytes(16).toString('base64url');

/** Inserts the referral (status Submitted, reward snapshotted from the job) and its first history row. */
export async function insertReferral(
  db: ReferralsKysely,
  input: NewReferral,
): Promise<{ referral: Referral; created: boolean }> {
  const inserted = await db
    .insertInto('referrals.referral')
    .values({
      organization_id: input.organizationId,
      referrer_id: input.referrerId,
      type: input.type,
      channel: input.channel ?? 'direct',
      job_id: input.job.id,
      ats_posting_id: input.job.ats_posting_id,
      job_title: input.job.title,
      candidate_name: input.candidateName,
      candidate_email: input.candidateEmail?.trim().toLowerCase() || null,
      candidate_phone: input.candidatePhone ?? null,
      relationship: input.relationship ?? null,
      endorsement: input.endorsement ?? null,
      status: 'submitted',
      reward_kind: input.job.reward_kind,
      reward_amount: input.job.reward_amount,
      reward_currency: input.job.reward_kind === 'money' ? input.rewardCurrency : null,
      reward_text: input.job.reward_text,
      ats_opportunity_id: input.atsOpportunityId ?? null,
      ats_contact_id: null,
      ats_stage_id: null,
      idempotency_key: input.idempotencyKey ?? null,
      anonymized_at: null,
      tracking_code: newTrackingCode(),
      referral_link_id: input.referralLinkId ?? null,
      resume_name: input.resume?.name ?? null,
      resume_type: input.resume?.type ?? null,
      resume_bytes: input.resume?.bytes ?? null,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    const existing = await db
      .selectFrom('referrals.referral')
      .selectAll()
      .where('organization_id', '=', input.organizationId)
      .where('idempotency_key', '=', input.idempotencyKey ?? '')
      .executeTakeFirstOrThrow();
    return { referral: existing, created: false };
  }
  await appendHistory(db, {
    organizationId: input.organizationId,
    referralId: inserted.id,
    from: null,
    to: 'submitted',
    source: 'created',
  });
  if (inserted.reward_kind !== 'none')
    await appendPayout(db, { organizationId: input.organizationId, referral: inserted, state: 'pending' });
  return { referral: inserted, created: true };
}

export async function findReferral(
  db: ReferralsKysely,
  organizationId: string,
  id: string,
): Promise<Referral | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db
    .selectFrom('referrals.referral')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Links a referral to the opportunity the app created for it (one opportunity per referral). */
export async function setReferralOpportunity(
  db: ReferralsKysely,
  organizationId: string,
  id: string,
  ats: { opportunityId: string; contactId?: string | null; stageId?: string | null },
): Promise<void> {
  await db
    .updateTable('referrals.referral')
    .set({
      ats_opportunity_id: ats.opportunityId,
      ats_contact_id: ats.contactId ?? null,
      ats_stage_id: ats.stageId ?? null,
      updated_at: new Date(),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

export async function listReferralsByReferrer(
  db: ReferralsKysely,
  organizationId: string,
  referrerId: string,
): Promise<Referral[]> {
  return db
    .selectFrom('referrals.referral')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('referrer_id', '=', referrerId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function appendHistory(
  db: ReferralsKysely,
  input: {
    organizationId: string;
    referralId: string;
    from: ReferralStatus | null;
    to: ReferralStatus;
    source: string;
    atsStageId?: string | null;
    atsArchiveReasonId?: string | null;
    webhookEventId?: string | null;
  },
): Promise<void> {
  await db
    .insertInto('referrals.referral_status_history')
    .values({
      organization_id: input.organizationId,
      referral_id: input.referralId,
      from_status: input.from,
      to_status: input.to,
      source: input.source,
      ats_stage_id: input.atsStageId ?? null,
      ats_archive_reason_id: input.atsArchiveReasonId ?? null,
      webhook_event_id: input.webhookEventId ?? null,
    })
    .execute();
}

export async function listHistory(db: ReferralsKysely, organizationId: string, referralId: string) {
  return db
    .selectFrom('referrals.referral_status_history')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('referral_id', '=', referralId)
    .orderBy('created_at')
    .execute();
}

export type PayoutState = 'pending' | 'due' | 'paid' | 'cancelled';

/** Appends a ledger entry; a second "due" for one referral is refused by a unique index (returns false). */
export async function appendPayout(
  db: ReferralsKysely,
  input: {
    organizationId: string;
    referral: Pick<Referral, 'id' | 'reward_amount' | 'reward_currency' | 'reward_text'>;
    state: PayoutState;
    note?: string;
    createdBy?: string | null;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('referrals.payout')
    .values({
      organization_id: input.organizationId,
      referral_id: input.referral.id,
      state: input.state,
      amount: input.referral.reward_amount,
      currency: input.referral.reward_currency,
      reward_text: input.referral.reward_text,
      note: input.note ?? null,
      created_by: input.createdBy ?? null,
    })
    .onConflict((oc) => oc.column('referral_id').where('state', '=', 'due').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function listPayouts(db: ReferralsKysely, organizationId: string, referralId: string) {
  return db
    .selectFrom('referrals.payout')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('referral_id', '=', referralId)
    .orderBy('created_at')
    .execute();
}

/** The current payout state: the latest ledger entry (undefined when the referral has no reward). */
export async function currentPayoutState(
  db: ReferralsKysely,
  organizationId: string,
  referralId: string,
): Promise<PayoutState | undefined> {
  const row = await db
    .selectFrom('referrals.payout')
    .select('state')
    .where('organization_id', '=', organizationId)
    .where('referral_id', '=', referralId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.state;
}
