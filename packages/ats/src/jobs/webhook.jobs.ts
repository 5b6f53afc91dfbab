// The webhook jobs (ATS module): fan-out of committed events (enqueued by the events port in the change's
// transaction), retries at each delivery's next attempt time, and a once-a-minute sweep that picks up any
// due delivery whose wake-up was lost. All three call the same delivery engine.
import type { JobDefinition, Runtime } from '@hireloop/platform';
import type { AtsDb } from '../db.ts';
import { deliverDue, fanOutAndDeliver, type DeliveryEnv } from '../domain/webhooks/delivery-engine.ts';
import { webhookDeps } from '../domain/webhooks/webhook-deps.ts';
import {
  WEBHOOK_FANOUT_JOB,
  WEBHOOK_RETRY_JOB,
  WEBHOOK_SWEEP_JOB,
  type FanoutJobData,
  type RetryJobData,
} from '../domain/webhooks/webhook-queue.ts';
import { createMicroBatch } from './micro-batch.ts';

/** Jobs per fetch (and so per batch): enough to fill a round of POSTs, small enough to stay fair. */
export const WEBHOOK_JOB_CONCURRENCY = 100;

/**
 * Worker settings of the fan-out and retry queues (the P3 bench gives its pg-boss baseline the same):
 * batches of WEBHOOK_JOB_CONCURRENCY; notify + a short poll for commit → receiver latency (PostgreSQL
 * wakes workers by LISTEN/NOTIFY). A slow receiver holds a batch for batchPatienceMs at most
 * (delivery-engine.ts), not for the 15 s timeout.
 */
export const WEBHOOK_WORKER_SETTINGS = Object.freeze({
  concurrency: WEBHOOK_JOB_CONCURRENCY,
  pollingIntervalSeconds: 0.5,
  notify: true,
});

export function webhookJobs(runtime: Runtime): JobDefinition[] {
  const env = (): DeliveryEnv => ({
    db: runtime.database.kysely<AtsDb>(),
    queue: runtime.queue,
    deps: webhookDeps(runtime),
  });
  const fanOut = createMicroBatch<string>(async (eventIds) => {
    await fanOutAndDeliver(env(), eventIds);
  });
  const retry = createMicroBatch<string>(async (deliveryIds) => {
    await deliverDue(env(), { deliveryIds });
  });
  // The delivery rows carry the schedule; pg-boss's own retries only cover a crashed handler.
  const { concurrency, pollingIntervalSeconds, notify } = WEBHOOK_WORKER_SETTINGS;
  const queue = { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 5 * 60, notify };
  return [
    {
      name: WEBHOOK_FANOUT_JOB,
      concurrency,
      queue,
      pollingIntervalSeconds,
      handler: (job) => fanOut((job.data as FanoutJobData).eventId),
    },
    {
      name: WEBHOOK_RETRY_JOB,
      concurrency,
      queue,
      pollingIntervalSeconds,
      handler: (job) => retry((job.data as RetryJobData).deliveryId),
    },
    {
      name: WEBHOOK_SWEEP_JOB,
      cron: '* * * * *',
      queue: { ...queue, retryLimit: 0 },
      handler: async () => {
        await deliverDue(env(), { allDue: true });
      },
    },
  ];
}
