// Background jobs of the referrals app (queue names prefixed `referrals.`). Handlers open their own
// transactions; failures are thrown so pg-boss retries them with back-off.
import type { JobDefinition } from '@hireloop/platform';
import type { ReferralsContext } from '../context.ts';
import { SETUP_CONNECTION_JOB } from '../domain/connection/connection.service.ts';
import { listConnectedOrganizationIds } from '../domain/connection/connection.repository.ts';
import { runJobSync, SYNC_JOBS_JOB, type SyncRequest } from '../domain/jobs/sync.service.ts';
import { syncStages } from '../domain/stages/stages.service.ts';
import { processWebhookEvent } from '../domain/webhooks/process-webhook.service.ts';
import { PROCESS_WEBHOOK_JOB } from '../domain/webhooks/receiver.service.ts';
import { ensureWebhooks } from '../domain/webhooks/subscription.service.ts';

import { PUSH_APPLICATION_JOB } from '../domain/applications/apply.service.ts';
import { listPendingApplications } from '../domain/applications/application.repository.ts';
import { pushApplication } from '../domain/applications/push-application.service.ts';

export const POLL_JOBS_JOB = 'referrals.poll-jobs';
export const SWEEP_APPLICATIONS_JOB = 'referrals.sweep-applications';
export const RECONCILE_JOBS_JOB = 'referrals.reconcile-jobs';

/** After "Sign in with Lever": stages and archive reasons, the app's webhooks, then a full job sync. */
export async function setupConnection(ctx: ReferralsContext, organizationId: string): Promise<void> {
  await syncStages(ctx, organizationId);
  await ensureWebhooks(ctx, organizationId);
  await runJobSync(ctx, { organizationId, kind: 'full', trigger: 'connect' });
}

/**
 * Enqueues one sync per connected organization; the singleton window keeps a slow ATS from piling up runs.
 * Cron is per minute, so a shorter delta interval (REFERRALS_JOB_POLL_SECONDS) is `slots` jobs per minute,
 * each delayed by its offset and with its own singleton key.
 */
async function fanOut(
  ctx: ReferralsContext,
  kind: 'delta' | 'full',
  trigger: string,
  windowSeconds: number,
  everySeconds = 60,
): Promise<void> {
  const slots = Math.max(1, Math.floor(60 / everySeconds));
  for (const organizationId of await listConnectedOrganizationIds(ctx.db)) {
    for (let slot = 0; slot < slots; slot++)
      await ctx.runtime.queue.send<SyncRequest>(
        SYNC_JOBS_JOB,
        { organizationId, kind, trigger },
        {
          singletonKey: `${kind}:${organizationId}${slot ? `:${slot}` : ''}`,
          singletonSeconds: windowSeconds,
          ...(slot ? { startAfter: slot * everySeconds } : {}),
        },
      );
  }
}

export function referralsJobs(ctx: ReferralsContext): JobDefinition[] {
  return [
    {
      name: SETUP_CONNECTION_JOB,
      handler: async (job) => setupConnection(ctx, (job.data as { organizationId: string }).organizationId),
    },
    {
      name: SYNC_JOBS_JOB,
      concurrency: 2,
      handler: async (job) => void (await runJobSync(ctx, job.data as SyncRequest)),
    },
    // Latency-sensitive (status back, posting events → portal within seconds, P4): a 0.5 s idle poll instead
    // of pg-boss's 2 s, and LISTEN/NOTIFY wake-ups on PostgreSQL, like the ATS's webhook queues.
    {
      name: PROCESS_WEBHOOK_JOB,
      concurrency: 4,
      pollingIntervalSeconds: 0.5,
      queue: { retryLimit: 8, retryDelay: 2, retryBackoff: true, notify: true },
      handler: async (job) => {
        const { organizationId, eventId } = job.data as { organizationId: string; eventId: string };
        await processWebhookEvent(ctx, organizationId, eventId);
      },
    },
    // Finishes an application the inline push could not (ATS down, rate-limited); the lease keeps it single.
    {
      name: PUSH_APPLICATION_JOB,
      concurrency: 4,
      handler: async (job) => {
        const { organizationId, applicationId } = job.data as {
          organizationId: string;
          applicationId: string;
        };
        const outcome = await pushApplication(ctx, organizationId, applicationId);
        // Someone holds the lease (the inline push): check again later unless it finished.
        if (outcome === 'busy') {
          const row = await ctx.db
            .selectFrom('referrals.application')
            .select(['status', 'claimed_until'])
            .where('id', '=', applicationId)
            .executeTakeFirst();
          if (row?.status === 'pending') throw new Error('application is being pushed by another worker');
        }
      },
    },
    // Safety net: an application still pending after its job gave up gets a new job.
    {
      name: SWEEP_APPLICATIONS_JOB,
      cron: '*/5 * * * *',
      queue: { retryLimit: 0 },
      handler: async () => {
        for (const a of await listPendingApplications(ctx.db, 10 * 60_000))
          await ctx.runtime.queue.send(
            PUSH_APPLICATION_JOB,
            { organizationId: a.organization_id, applicationId: a.id },
            {
              singletonKey: `push:${a.id}`,
              singletonSeconds: 240,
              retryLimit: 20,
              retryDelay: 5,
              retryBackoff: true,
            },
          );
      },
    },
    // Delta poll every REFERRALS_JOB_POLL_SECONDS (default a minute; works against real Lever, which has
    // no posting webhooks).
    {
      name: POLL_JOBS_JOB,
      cron: '* * * * *',
      queue: { retryLimit: 0 },
      handler: () => fanOut(ctx, 'delta', 'schedule', 50, ctx.config.jobPollSeconds ?? 60),
    },
    // Hourly full reconcile: catches deletions, closings and anything a missed event skipped.
    {
      name: RECONCILE_JOBS_JOB,
      cron: '17 * * * *',
      queue: { retryLimit: 0 },
      handler: () => fanOut(ctx, 'full', 'schedule', 3000),
    },
  ];
}
