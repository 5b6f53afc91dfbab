// The pg-boss side of webhooks: job names and the enqueues. Fan-out is enqueued in the transaction of
// the change (outbox); retries in the transaction that records the failed attempt, to start at the
// delivery's next attempt time. Jobs carry ids only; the delivery rows hold the state.
import type { CompiledQuery, Kysely } from 'kysely';
import type { Queue } from '@hireloop/platform';
import type { AtsKysely } from '../../db.ts';

export const WEBHOOK_FANOUT_JOB = 'ats.webhook-fanout';
export const WEBHOOK_RETRY_JOB = 'ats.webhook-retry';
export const WEBHOOK_SWEEP_JOB = 'ats.webhook-sweep';

export interface FanoutJobData {
  eventId: string;
}
export interface RetryJobData {
  deliveryId: string;
}

/** The event's fan-out job, in ONE statement with the event row itself (`insertEvent`, events port). */
export async function enqueueFanout(
  db: AtsKysely,
  queue: Queue,
  eventId: string,
  insertEvent: CompiledQuery,
): Promise<void> {
  await queue.enqueueAlongside(
    db as unknown as Kysely<unknown>,
    WEBHOOK_FANOUT_JOB,
    { eventId } satisfies FanoutJobData,
    insertEvent,
  );
}

/** One retry job per delivery, each starting at its time (a past time = at once). Failures only. */
export async function enqueueRetries(
  db: AtsKysely,
  queue: Queue,
  retries: readonly { deliveryId: string; at: Date }[],
): Promise<void> {
  for (const r of retries) {
    await queue.enqueue(
      db as unknown as Kysely<unknown>,
      WEBHOOK_RETRY_JOB,
      { deliveryId: r.deliveryId } satisfies RetryJobData,
      {
        startAfter: r.at,
      },
    );
  }
}
