// The webhook workers (ATS module). Loops: fan-out of committed events out of ats.webhook_outbox (written
// by the events port in the change's transaction, woken by its NOTIFY at commit), and the pick-up of
// deliveries whose worker died (lease lapsed). Jobs: retries at each delivery's next attempt time, a
// once-a-minute sweep that picks up any due delivery whose wake-up was lost, and the fan-out jobs of before
// the outbox. All call the same delivery engine.
import type { JobDefinition, LoopDefinition, Runtime } from '@hireloop/platform';
import type { AtsDb } from '../db.ts';
import {
  deliverDue,
  fanOutAndDeliver,
  fanOutPending,
  type DeliveryEnv,
} from '../domain/webhooks/delivery-engine.ts';
import { webhookDeps } from '../domain/webhooks/webhook-deps.ts';
import {
  WEBHOOK_OUTBOX_CHANNEL,
  WEBHOOK_FANOUT_JOB,
  WEBHOOK_RETRY_JOB,
  WEBHOOK_SWEEP_JOB,
  type FanoutJobData,
  type RetryJobData,
} from '../domain/webhooks/webhook-queue.ts';
import { createMicroBatch } from './micro-batch.ts';

/** Jobs per fetch (and so per batch): enough to fill a round of POSTs, small enough to stay fair. */
export const WEBHOOK_JOB_CONCURRENCY = 100;

/** Idle poll of the fan-out loop (commits wake it at once by NOTIFY). */
export const WEBHOOK_OUTBOX_POLL_SECONDS = 0.5;
/** How often each worker process looks for deliveries whose lease lapsed (their worker was killed). */
export const WEBHOOK_LAPSED_LEASE_POLL_SECONDS = 5;

export function webhookLoops(runtime: Runtime): LoopDefinition[] {
  const env = (): DeliveryEnv => ({
    db: runtime.database.kysely<AtsDb>(),
    queue: runtime.queue,
    deps: webhookDeps(runtime),
  });
  return [
    {
      name: 'ats.webhook-outbox',
      pass: () => fanOutPending(env()),
      pollingIntervalSeconds: WEBHOOK_OUTBOX_POLL_SECONDS,
      channel: WEBHOOK_OUTBOX_CHANNEL,
    },
    {
      // A killed worker's leased deliveries, due again once the lease lapses (and late deliveries whose
      // wake-up job was lost with their process): seconds after, instead of at the minute's sweep.
      name: 'ats.webhook-lapsed-leases',
      pass: async () => {
        await deliverDue(env(), { allDue: true });
        return false;
      },
      pollingIntervalSeconds: WEBHOOK_LAPSED_LEASE_POLL_SECONDS,
    },
  ];
}

/**
 * Worker settings of the retry queue (the P3 bench gives its pg-boss baseline the same):
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
  // Fan-out jobs enqueued before migration 0009 (one per event); nothing enqueues them any more.
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
      queue: { ...queue, notify: false },
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
