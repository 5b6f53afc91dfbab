// The delivery loop, batch-shaped: claim due deliveries (lease), POST them side by side, then record every
// attempt and its consequences in one transaction — next attempt per the schedule (or Retry-After) with a
// retry job at that time, success clears the webhook's failure streak, 410 disables the webhook, a
// delivery that exhausts its attempts after the webhook has been failing for days disables it too.
// Jobs (packages/ats/src/jobs) call fanOutAndDeliver / deliverDue; tests call them with a fake clock.
import type { Kysely } from 'kysely';
import type { Queue } from '@hireloop/platform';
import type { AtsDb, AtsKysely } from '../../db.ts';
import {
  cancelPendingDeliveries,
  claimDueDeliveries,
  disableWebhooks,
  insertDeliveriesForEvents,
  leasedElsewhere,
  markWebhooksFailing,
  markWebhooksSucceeded,
  recordAttempts,
  type AttemptRecord,
  type ClaimFilter,
  type DeliveryRow,
} from './delivery.repository.ts';
import { DISABLE_AFTER_FAILING_MS, MAX_ATTEMPTS, retryDelayMs } from './retry-schedule.ts';
import { sendDelivery, type AttemptResult } from './send-delivery.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { enqueueRetries } from './webhook-queue.ts';
import { findWebhooksByIds } from './webhook.repository.ts';
import { auditAts, systemActor } from '../audit/ats-audit.ts';

export interface DeliveryEnv {
  readonly db: Kysely<AtsDb>;
  readonly queue: Queue;
  readonly deps: WebhookDeps;
}

/** Fan-out of committed events to their webhooks, then the first attempt of each delivery. */
export async function fanOutAndDeliver(env: DeliveryEnv, eventIds: readonly string[]): Promise<number> {
  return drain(env, { eventIds }, (trx, now) => insertDeliveriesForEvents(trx, eventIds, now));
}

/** Attempts the given deliveries if due (retry jobs), or every due delivery (sweep). */
export function deliverDue(env: DeliveryEnv, filter: ClaimFilter): Promise<number> {
  return drain(env, filter);
}

async function drain(
  env: DeliveryEnv,
  filter: ClaimFilter,
  before?: (trx: AtsKysely, now: Date) => Promise<unknown>,
): Promise<number> {
  const { deps } = env;
  let total = 0;
  for (let first = true; ; first = false) {
    const now = new Date(deps.clock.now());
    const claimed = await env.db.transaction().execute(async (trx) => {
      if (first && before) await before(trx, now);
      const rows = await claimDueDeliveries(trx, filter, now, deps.leaseMs, deps.batchSize);
      if (first && !('allDue' in filter)) {
        // A worker killed mid-attempt leaves its lease: wake up again when it lapses, or it would wait
        // for the sweep.
        const mine = new Set(rows.map((r) => r.id));
        const held = (await leasedElsewhere(trx, filter, now)).filter((h) => !mine.has(h.id));
        await enqueueRetries(
          trx,
          env.queue,
          held.map((h) => ({ deliveryId: h.id, at: new Date(h.lease_until.getTime() + 1000) })),
        );
      }
      return rows;
    });
    if (claimed.length > 0) await attemptAndRecord(env, claimed);
    total += claimed.length;
    if (claimed.length < deps.batchSize) return total;
  }
}

async function attemptAndRecord(env: DeliveryEnv, claimed: readonly DeliveryRow[]): Promise<void> {
  const { deps } = env;
  const webhooks = new Map(
    (await findWebhooksByIds(env.db, [...new Set(claimed.map((d) => d.webhook_id))])).map((w) => [w.id, w]),
  );
  const now = deps.clock.now();
  const live = claimed.filter((d) => {
    const w = webhooks.get(d.webhook_id);
    return w && !w.deleted_at && !w.disabled_at;
  });
  const results = await Promise.all(live.map((d) => sendDelivery(deps, d, webhooks.get(d.webhook_id)!, now)));
  const at = new Date(now);
  const records = live.map((d, i) => nextState(d, results[i]!, at, deps.random));
  const byOutcome = (pick: (r: AttemptRecord, res: AttemptResult) => boolean) => [
    ...new Set(live.filter((_, i) => pick(records[i]!, results[i]!)).map((d) => d.webhook_id)),
  ];
  const gone = byOutcome((_, res) => res.outcome === 'gone');
  const failed = byOutcome((_, res) => res.outcome !== 'success');
  const succeeded = byOutcome((_, res) => res.outcome === 'success');
  const exhausted = byOutcome((r) => r.status === 'exhausted');
  const inactive = [...new Set(claimed.filter((d) => !live.includes(d)).map((d) => d.webhook_id))];
  await env.db.transaction().execute(async (trx) => {
    await recordAttempts(trx, records);
    await markWebhooksFailing(trx, failed, at);
    await markWebhooksSucceeded(trx, succeeded);
    const goneReason = 'the receiver answered 410 Gone';
    const failingReason = `deliveries have failed for more than ${DISABLE_AFTER_FAILING_MS / 86_400_000} days`;
    const disabled = [
      ...(await disableWebhooks(trx, gone, goneReason, at)).map((id) => ({ id, reason: goneReason })),
      ...(
        await disableWebhooks(trx, exhausted, failingReason, at, new Date(now - DISABLE_AFTER_FAILING_MS))
      ).map((id) => ({ id, reason: failingReason })),
    ];
    for (const { id, reason } of disabled) {
      const w = webhooks.get(id)!;
      await auditAts(trx, systemActor(w.account_id), 'webhook.disabled', ['webhook', id], {
        event: w.event,
        reason,
      });
    }
    await cancelPendingDeliveries(trx, inactive, 'webhook disabled or deleted', at);
    await enqueueRetries(
      trx,
      env.queue,
      records.flatMap((r) =>
        r.status === 'pending' && r.nextAttemptAt ? [{ deliveryId: r.deliveryId, at: r.nextAttemptAt }] : [],
      ),
    );
  });
}

/** The delivery after one attempt: succeeded, cancelled (410), next step of the schedule, or exhausted. */
export function nextState(d: DeliveryRow, r: AttemptResult, at: Date, random: () => number): AttemptRecord {
  const base = {
    deliveryId: d.id,
    attempt: d.attempts + 1,
    attemptedAt: at,
    latencyMs: r.latencyMs,
    statusCode: r.statusCode,
    outcome: r.outcome,
    responseExcerpt: r.responseExcerpt,
    error: r.error,
  };
  if (r.outcome === 'success') {
    return {
      ...base,
      status: 'succeeded',
      statusReason: null,
      scheduleStep: d.schedule_step,
      nextAttemptAt: null,
    };
  }
  if (r.outcome === 'gone') {
    return {
      ...base,
      status: 'cancelled',
      statusReason: 'the receiver answered 410 Gone; webhook disabled',
      scheduleStep: d.schedule_step,
      nextAttemptAt: null,
    };
  }
  const step = d.schedule_step + 1;
  const scheduled = retryDelayMs(step, random);
  if (scheduled === undefined) {
    return {
      ...base,
      status: 'exhausted',
      statusReason: `all ${MAX_ATTEMPTS} scheduled attempts failed`,
      scheduleStep: d.schedule_step,
      nextAttemptAt: null,
    };
  }
  const delay = r.retryAfterMs ?? scheduled;
  return {
    ...base,
    status: 'pending',
    statusReason: null,
    scheduleStep: step,
    nextAttemptAt: new Date(at.getTime() + delay),
  };
}
