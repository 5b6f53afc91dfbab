// The job behind each stored delivery: re-fetch the opportunity (the payload is a hint) and apply what the
// ATS says now. Re-applying the same state changes nothing, so retries and duplicates are harmless. The
// outcome is kept on the event row (shown under Connect › Recent deliveries).
import type { OnboardingContext } from '../../context.ts';
import { fetchSnapshot } from '../hires/ats-snapshot.ts';
import { applySnapshot, type Outcome } from '../hires/hire.service.ts';
import { withLever } from '../connection/connection.service.ts';

export async function refreshOpportunity(
  ctx: OnboardingContext,
  organizationId: string,
  opportunityId: string,
  source: string,
): Promise<Outcome> {
  const snap = await withLever(ctx, organizationId, (client) => fetchSnapshot(client, opportunityId));
  return applySnapshot(ctx, organizationId, opportunityId, snap, source);
}

export async function processEvent(
  ctx: OnboardingContext,
  organizationId: string,
  eventId: string,
): Promise<void> {
  const event = await ctx.db
    .selectFrom('onboarding.webhook_event')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event || event.processed_at) return;
  const mark = (patch: { outcome?: string; last_error?: string | null; processed_at?: Date }) =>
    ctx.db.updateTable('onboarding.webhook_event').set(patch).where('id', '=', eventId).execute();
  if (!event.opportunity_id) return void (await mark({ outcome: 'ignored', processed_at: new Date() }));
  try {
    const outcome = await refreshOpportunity(
      ctx,
      organizationId,
      event.opportunity_id,
      `${event.event} webhook`,
    );
    await mark({ outcome, last_error: null, processed_at: new Date() });
  } catch (error) {
    await mark({ last_error: (error as Error).message.slice(0, 500) });
    throw error;
  }
}
