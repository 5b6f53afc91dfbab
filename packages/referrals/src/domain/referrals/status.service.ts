// THE status-back logic (DESIGN data flow 2), shared by the webhook job, the sync and the portal:
// ATS opportunity state → referral status via the organization's stage mapping → history row → mail to
// the referrer → payout due when the status reaches the payout status. Idempotent: applying the same state
// twice changes nothing the second time (no history, no mail, no payout), so replays and duplicate
// deliveries are harmless even when they get past the receiver's replay check.
import { LeverApiError, type Opportunity } from '@hireloop/lever';
import type { ReferralsContext } from '../../context.ts';
import { untyped, type ReferralsKysely } from '../../db.ts';
import { withLever } from '../connection/connection.service.ts';
import { findOrganization, getSettings, getStatusLabels } from '../orgs/org.repository.ts';
import { loadMappingRules } from '../stages/stage.repository.ts';
import { statusForOpportunity, type OpportunityState } from '../stages/stage-mapping.ts';
import { isReferralStatus, type ReferralStatus } from '../statuses.ts';
import { appendHistory, appendPayout } from './referral.repository.ts';

export interface StatusChange {
  referralId: string;
  from: ReferralStatus;
  to: ReferralStatus;
  payoutDue: boolean;
}

export interface ApplyStateInput {
  organizationId: string;
  opportunityId: string;
  state: OpportunityState;
  /** What caused it: 'webhook', 'sync', 'created', 'admin' … (stored in the history). */
  source: string;
  webhookEventId?: string | null;
}

/** Applies an opportunity's current ATS state to every referral linked to it, inside the caller's transaction. */
export async function applyOpportunityState(
  ctx: ReferralsContext,
  trx: ReferralsKysely,
  input: ApplyStateInput,
): Promise<StatusChange[]> {
  const referrals = await trx
    .selectFrom('referrals.referral')
    .selectAll()
    .where('organization_id', '=', input.organizationId)
    .where('ats_opportunity_id', '=', input.opportunityId)
    .where('anonymized_at', 'is', null)
    .forUpdate()
    .execute();
  if (referrals.length === 0) return [];
  const rules = await loadMappingRules(trx, input.organizationId);
  const settings = await getSettings(trx, input.organizationId);
  const to = statusForOpportunity(input.state, rules);
  const changes: StatusChange[] = [];
  for (const referral of referrals) {
    const from = isReferralStatus(referral.status) ? referral.status : 'submitted';
    await trx
      .updateTable('referrals.referral')
      .set({
        ats_stage_id: input.state.stageId,
        ...(from !== to ? { status: to, updated_at: new Date() } : {}),
      })
      .where('id', '=', referral.id)
      .execute();
    if (from === to) continue;
    await appendHistory(trx, {
      organizationId: input.organizationId,
      referralId: referral.id,
      from,
      to,
      source: input.source,
      atsStageId: input.state.stageId,
      atsArchiveReasonId: input.state.archived?.reason ?? null,
      webhookEventId: input.webhookEventId,
    });
    const payoutDue =
      to === settings.payout_status && referral.reward_kind !== 'none'
        ? await appendPayout(trx, {
            organizationId: input.organizationId,
            referral,
            state: 'due',
            note: `Status reached ${to}`,
          })
        : false;
    await notifyReferrer(ctx, trx, { organizationId: input.organizationId, referral, to, payoutDue });
    changes.push({ referralId: referral.id, from, to, payoutDue });
  }
  return changes;
}

async function notifyReferrer(
  ctx: ReferralsContext,
  trx: ReferralsKysely,
  input: {
    organizationId: string;
    referral: {
      referrer_id: string | null;
      candidate_name: string;
      job_title: string;
      reward_text: string | null;
      reward_amount: string | null;
      reward_currency: string | null;
    };
    to: ReferralStatus;
    payoutDue: boolean;
  },
): Promise<void> {
  if (!input.referral.referrer_id) return;
  const referrer = await trx
    .selectFrom('referrals.app_user')
    .select(['email', 'name', 'status'])
    .where('organization_id', '=', input.organizationId)
    .where('id', '=', input.referral.referrer_id)
    .executeTakeFirst();
  if (!referrer || referrer.status === 'disabled') return;
  const [labels, org] = await Promise.all([
    getStatusLabels(trx, input.organizationId),
    findOrganization(trx, input.organizationId),
  ]);
  const r = input.referral;
  const reward = r.reward_amount ? `${r.reward_amount} ${r.reward_currency ?? ''}`.trim() : r.reward_text;
  const lines = [
    `Hi ${referrer.name || 'there'},`,
    '',
    `Your referral of ${r.candidate_name} for ${r.job_title} is now: ${labels[input.to]}.`,
    ...(input.payoutDue && reward
      ? ['', `Your reward (${reward}) is now due. An admin will mark it paid.`]
      : []),
    '',
    `See all your referrals: ${ctx.publicUrl}/referrals/my`,
  ];
  await ctx.runtime.mailer.send(untyped(trx), {
    to: referrer.email,
    subject: `${org?.name ?? 'Referrals'}: ${r.candidate_name} — ${labels[input.to]}`,
    text: lines.join('\n'),
    tag: 'referrals.status-changed',
  });
}

export const opportunityState = (o: Pick<Opportunity, 'stage' | 'archived'>): OpportunityState => ({
  stageId: typeof o.stage === 'string' ? o.stage : ((o.stage as { id?: string } | null)?.id ?? null),
  archived: o.archived
    ? { reason: o.archived.reason ?? null, archivedAt: o.archived.archivedAt ?? null }
    : null,
});

/**
 * Re-fetches the opportunity (a webhook payload is only a hint: its signature does not cover the body)
 * and applies its state. A 404 means the opportunity is gone or not visible: the referrals are anonymised
 * only on an explicit candidateDeleted, so here nothing changes.
 */
export async function refreshReferralStatus(
  ctx: ReferralsContext,
  input: { organizationId: string; opportunityId: string; source: string; webhookEventId?: string | null },
): Promise<StatusChange[]> {
  const linked = await ctx.db
    .selectFrom('referrals.referral')
    .select('id')
    .where('organization_id', '=', input.organizationId)
    .where('ats_opportunity_id', '=', input.opportunityId)
    .executeTakeFirst();
  if (!linked) return [];
  let opportunity: Opportunity;
  try {
    opportunity = await withLever(ctx, input.organizationId, (c) => c.opportunities.get(input.opportunityId));
  } catch (error) {
    if (error instanceof LeverApiError && error.status === 404) return [];
    throw error;
  }
  return ctx.db
    .transaction()
    .execute((trx) => applyOpportunityState(ctx, trx, { ...input, state: opportunityState(opportunity) }));
}

/**
 * candidateDeleted: the referral stays (for counts and payouts) but the candidate's personal data goes —
 * from the referral, its application (documents included), the texts sent to them and the history's
 * free text. Call inside a transaction.
 */
export async function anonymizeReferralsForOpportunity(
  trx: ReferralsKysely,
  organizationId: string,
  opportunityId: string,
): Promise<number> {
  const ids = (
    await trx
      .selectFrom('referrals.referral')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('ats_opportunity_id', '=', opportunityId)
      .execute()
  ).map((r) => r.id);
  if (ids.length) {
    await trx
      .deleteFrom('referrals.application')
      .where('organization_id', '=', organizationId)
      .where('referral_id', 'in', ids)
      .execute();
    await trx
      .deleteFrom('referrals.sms_message')
      .where('organization_id', '=', organizationId)
      .where('referral_id', 'in', ids)
      .execute();
  }
  const result = await trx
    .updateTable('referrals.referral')
    .set({
      candidate_name: 'Deleted candidate',
      candidate_email: null,
      candidate_phone: null,
      relationship: null,
      endorsement: null,
      resume_name: null,
      resume_type: null,
      resume_bytes: null,
      ats_contact_id: null,
      anonymized_at: new Date(),
      updated_at: new Date(),
    })
    .where('organization_id', '=', organizationId)
    .where('ats_opportunity_id', '=', opportunityId)
    .where('anonymized_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
