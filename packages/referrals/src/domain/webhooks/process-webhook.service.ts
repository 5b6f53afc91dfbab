// Processing of a stored webhook event (the job behind the receiver). The payload only says WHICH record
// changed; the state is re-read from the ATS. Extension posting events re-sync that one posting.
import type { ReferralsContext } from '../../context.ts';
import { runJobSync } from '../jobs/sync.service.ts';
import { markJobsRemoved } from '../jobs/job.repository.ts';
import { anonymizeReferralsForOpportunity, refreshReferralStatus } from '../referrals/status.service.ts';
import { matchApplication } from '../applications/match.service.ts';

const isLinked = async (ctx: ReferralsContext, organizationId: string, opportunityId: string) =>
  (await ctx.db
    .selectFrom('referrals.referral')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('ats_opportunity_id', '=', opportunityId)
    .executeTakeFirst()) !== undefined;

export async function processWebhookEvent(
  ctx: ReferralsContext,
  organizationId: string,
  eventId: string,
): Promise<void> {
  const event = await ctx.db
    .selectFrom('referrals.webhook_event')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event || event.status === 'processed' || event.status === 'ignored') return;
  const data = ((event.payload as { data?: Record<string, unknown> }).data ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : undefined);
  let status: 'processed' | 'ignored' = 'processed';
  try {
    switch (event.event) {
      case 'applicationCreated': {
        // Linked already (our own in-app create, or a replay): refresh; otherwise try to match it.
        const opportunityId = str('opportunityId') ?? str('candidateId');
        if (!opportunityId) status = 'ignored';
        else if (await isLinked(ctx, organizationId, opportunityId))
          await refreshReferralStatus(ctx, {
            organizationId,
            opportunityId,
            source: 'webhook',
            webhookEventId: event.id,
          });
        else if ((await matchApplication(ctx, organizationId, opportunityId, event.id)) === 'none')
          status = 'ignored';
        break;
      }
      case 'candidateStageChange':
      case 'candidateArchiveChange':
      case 'candidateHired': {
        const opportunityId = str('opportunityId') ?? str('candidateId');
        if (!opportunityId) status = 'ignored';
        else
          await refreshReferralStatus(ctx, {
            organizationId,
            opportunityId,
            source: 'webhook',
            webhookEventId: event.id,
          });
        break;
      }
      case 'candidateDeleted': {
        const opportunityId = str('opportunityId');
        if (opportunityId)
          await ctx.db
            .transaction()
            .execute((trx) => anonymizeReferralsForOpportunity(trx, organizationId, opportunityId));
        break;
      }
      case 'postingCreated':
      case 'postingUpdated': {
        const postingId = str('postingId');
        if (postingId)
          await runJobSync(ctx, {
            organizationId,
            kind: 'posting',
            trigger: `webhook:${event.event}`,
            postingId,
          });
        break;
      }
      case 'postingDeleted': {
        const postingId = str('postingId');
        if (postingId) await markJobsRemoved(ctx.db, organizationId, { postingIds: [postingId] });
        break;
      }
      default:
        status = 'ignored';
    }
  } catch (error) {
    await ctx.db
      .updateTable('referrals.webhook_event')
      .set((eb) => ({
        status: 'failed',
        attempts: eb('attempts', '+', 1),
        last_error: String((error as Error).message ?? error).slice(0, 500),
      }))
      .where('id', '=', event.id)
      .execute();
    throw error; // the queue retries with back-off
  }
  await ctx.db
    .updateTable('referrals.webhook_event')
    .set((eb) => ({ status, attempts: eb('attempts', '+', 1), last_error: null, processed_at: new Date() }))
    .where('id', '=', event.id)
    .execute();
}
