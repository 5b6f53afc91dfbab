// How webhook work is woken. Fan-out: every event gets an ats.webhook_outbox row in the same statement as
// the event itself, in the transaction of the change (outbox), plus a NOTIFY that wakes the fan-out loop
// at commit (webhook.jobs.ts). Retries: pg-boss jobs enqueued in the transaction that records the failed
// attempt, to start at the delivery's next attempt time. Jobs carry ids only; the delivery rows hold the
// state.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Queue } from '@hireloop/platform';
import type { AtsKysely } from '../../db.ts';

/** NOTIFY channel of the fan-out loop. */
export const WEBHOOK_OUTBOX_CHANNEL = 'ats_webhook_outbox';
/** Before migration 0009, one job per event; still worked so jobs enqueued before an upgrade run. */
export const WEBHOOK_FANOUT_JOB = 'ats.webhook-fanout';
export const WEBHOOK_RETRY_JOB = 'ats.webhook-retry';
export const WEBHOOK_SWEEP_JOB = 'ats.webhook-sweep';

export interface FanoutJobData {
  eventId: string;
}
export interface RetryJobData {
  deliveryId: string;
}

/**
 * The event row (`insertEvent`, events port) and its outbox row in ONE statement, with a NOTIFY that
 * PostgreSQL (and PGlite) delivers only if and when the caller's transaction commits.
 */
export async function recordForFanout(
  db: AtsKysely,
  eventId: string,
  insertEvent: CompiledQuery,
): Promise<void> {
  const n = insertEvent.parameters.length;
  await db.executeQuery(
    CompiledQuery.raw(
      `with hireloop_event as (${insertEvent.sql}),
        hireloop_outbox as (insert into ats.webhook_outbox (event_id) values ($${n + 1}::uuid))
      select pg_notify('${WEBHOOK_OUTBOX_CHANNEL}', '')`,
      [...insertEvent.parameters, eventId],
    ),
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
