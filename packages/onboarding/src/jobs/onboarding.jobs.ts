// Background jobs of the onboarding app (queue names prefixed `onboarding.`). Handlers open their own
// transactions; failures are thrown so pg-boss retries them with back-off.
import type { JobDefinition } from '@hireloop/platform';
import type { OnboardingContext } from '../context.ts';
import { SETUP_CONNECTION_JOB } from '../domain/connection/connection.service.ts';
import { processEvent, refreshOpportunity } from '../domain/webhooks/process-event.service.ts';
import { PROCESS_EVENT_JOB } from '../domain/webhooks/receiver.service.ts';
import { ensureWebhooks } from '../domain/webhooks/subscription.service.ts';
import { refreshAtsValues } from '../domain/matching/refresh-values.service.ts';

export const REFRESH_HIRES_JOB = 'onboarding.refresh-hires';

/** After "Sign in with Lever": the app's webhooks, then the ATS locations/teams for the matching page. */
export async function setupConnection(ctx: OnboardingContext, organizationId: string): Promise<void> {
  await ensureWebhooks(ctx, organizationId);
  await refreshAtsValues(ctx, organizationId);
}

/**
 * Lever has no offer webhook, so a changed start date is found by re-reading the hires that have not
 * started yet (every 15 minutes; "Refresh from ATS" on a hire does it at once).
 */
export async function refreshUpcomingHires(ctx: OnboardingContext): Promise<void> {
  const rows = await ctx.db
    .selectFrom('onboarding.new_hire as h')
    .innerJoin('onboarding.ats_connection as c', 'c.organization_id', 'h.organization_id')
    .select(['h.organization_id', 'h.opportunity_id'])
    .where('c.status', '=', 'connected')
    .where('h.status', 'in', ['active', 'needs_mapping'])
    .where('h.start_date', '>=', ctx.today())
    .limit(1000)
    .execute();
  for (const r of rows) {
    try {
      await refreshOpportunity(ctx, r.organization_id, r.opportunity_id, 'scheduled refresh');
    } catch (error) {
      ctx.runtime.logger.warn({ err: error, organizationId: r.organization_id }, 'onboarding refresh failed');
    }
  }
}

export function onboardingJobs(ctx: OnboardingContext): JobDefinition[] {
  return [
    {
      name: SETUP_CONNECTION_JOB,
      handler: async (job) => setupConnection(ctx, (job.data as { organizationId: string }).organizationId),
    },
    {
      name: PROCESS_EVENT_JOB,
      concurrency: 4,
      pollingIntervalSeconds: 0.5,
      queue: { retryLimit: 8, retryDelay: 2, retryBackoff: true, notify: true },
      handler: async (job) => {
        const { organizationId, eventId } = job.data as { organizationId: string; eventId: string };
        await processEvent(ctx, organizationId, eventId);
      },
    },
    {
      name: REFRESH_HIRES_JOB,
      cron: '*/15 * * * *',
      queue: { retryLimit: 0 },
      handler: () => refreshUpcomingHires(ctx),
    },
  ];
}
