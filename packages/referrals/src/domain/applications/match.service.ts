// applicationCreated for an opportunity no referral points at yet: an ATS-hosted application (the referral
// mark in its source), or a referred candidate who applied on the careers page without the link (matched
// by email, EmployeeReferrals.com's "source update"). The app adds what is missing in the ATS — the source
// label, the Referral tag and source tag, the note naming the referrer — and then links the referral. The
// ATS writes come first and are safe to repeat (tags/sources are sets), so a retried event finishes the
// job; once linked, a replay only refreshes the status.
import type { ExpandedOpportunity, LeverClient } from '@hireloop/lever';
import type { ReferralsContext } from '../../context.ts';
import type { ReferralRow } from '../../db.ts';
import { withLever } from '../connection/connection.service.ts';
import { getSettings } from '../orgs/org.repository.ts';
import { findUser } from '../orgs/user.repository.ts';
import { insertReferral, setReferralOpportunity } from '../referrals/referral.repository.ts';
import { applyOpportunityState, opportunityState } from '../referrals/status.service.ts';
import { findJobByPostingId } from '../jobs/job.repository.ts';
import { findLinkByCode, findReferralByTrackingCode } from '../portal/refer.service.ts';
import { referralNote } from './push-application.service.ts';
import { isApplicationMarker, readMark } from './tracking.ts';

export type MatchResult = 'own' | 'linked' | 'none';

export async function matchApplication(
  ctx: ReferralsContext,
  organizationId: string,
  opportunityId: string,
  webhookEventId: string | null,
): Promise<MatchResult> {
  return withLever(ctx, organizationId, async (client) => {
    const opportunity = await client.opportunities.getExpanded(opportunityId, ['applications']);
    // Made by our own in-app push (it links the referral itself).
    if (opportunity.links.some(isApplicationMarker)) return 'own';
    const referral = await findReferralFor(ctx, organizationId, opportunity);
    if (!referral) return 'none';
    const settings = await getSettings(ctx.db, organizationId);
    await client.opportunities.addSources(opportunity.id, [settings.source_label]);
    await client.opportunities.addTags(opportunity.id, [settings.referral_tag, settings.source_label]);
    const referrer = referral.referrer_id
      ? await findUser(ctx.db, organizationId, referral.referrer_id)
      : undefined;
    const atsUser = referrer ? await atsUserId(client, referrer.email) : undefined;
    await client.opportunities.notes.create(
      opportunity.id,
      { value: referralNote(referral, referrer, Boolean(atsUser)) },
      atsUser ? { performAs: atsUser } : {},
    );
    await ctx.db.transaction().execute(async (trx) => {
      await setReferralOpportunity(trx, organizationId, referral.id, {
        opportunityId: opportunity.id,
        contactId: opportunity.contact.id,
        stageId: opportunity.stage?.id ?? null,
      });
      await applyOpportunityState(ctx, trx, {
        organizationId,
        opportunityId: opportunity.id,
        state: opportunityState({ stage: opportunity.stage?.id ?? null, archived: opportunity.archived }),
        source: 'webhook',
        webhookEventId,
      });
    });
    return 'linked';
  });
}

async function atsUserId(client: LeverClient, email: string) {
  const user = await client.users.findByEmail(email);
  return user && !user.deactivatedAt ? user.id : undefined;
}

/** Tracking mark first (referral, or a personal link that makes a referral), else the candidate's email. */
async function findReferralFor(
  ctx: ReferralsContext,
  organizationId: string,
  opportunity: ExpandedOpportunity,
): Promise<ReferralRow | undefined> {
  const postingIds = opportunity.applications.map((a) => a.posting).filter((p): p is string => !!p);
  const mark = readMark(opportunity.sources);
  if (mark?.kind === 'ref') {
    const referral = await findReferralByTrackingCode(ctx.db, mark.code);
    if (referral?.organization_id === organizationId && !referral.ats_opportunity_id) return referral;
  }
  if (mark?.kind === 'link') {
    const link = await findLinkByCode(ctx.db, mark.code);
    const postingId = postingIds[0];
    const job = postingId ? await findJobByPostingId(ctx.db, organizationId, postingId) : undefined;
    if (link?.organization_id === organizationId && job) {
      const settings = await getSettings(ctx.db, organizationId);
      const { referral } = await insertReferral(ctx.db, {
        organizationId,
        referrerId: link.referrer_id,
        type: link.referrer_role === 'external' ? 'external' : 'internal',
        channel: 'link',
        job,
        rewardCurrency: settings.reward_currency,
        candidateName: opportunity.name,
        candidateEmail: opportunity.emails[0] ?? null,
        idempotencyKey: `ats:${opportunity.id}`,
        referralLinkId: link.id,
      });
      return referral.ats_opportunity_id ? undefined : referral;
    }
  }
  const emails = opportunity.emails.map((e) => e.trim().toLowerCase()).filter(Boolean);
  if (emails.length === 0) return undefined;
  // A referral still waiting for its candidate, not one whose in-app application is on its way.
  const candidates = await ctx.db
    .selectFrom('referrals.referral as r')
    .leftJoin('referrals.application as a', 'a.referral_id', 'r.id')
    .selectAll('r')
    .where('r.organization_id', '=', organizationId)
    .where('r.ats_opportunity_id', 'is', null)
    .where('r.anonymized_at', 'is', null)
    .where('a.id', 'is', null)
    .where('r.candidate_email', 'in', emails)
    .orderBy('r.created_at', 'desc')
    .execute();
  return candidates.find((r) => r.ats_posting_id && postingIds.includes(r.ats_posting_id)) ?? candidates[0];
}
