// The delivery loop, batch-shaped: claim due deliveries (lease), POST them side by side, then record every
// attempt and its consequences atomically — next attempt per the schedule (or Retry-After) with a retry
// job at that time, success clears the webhook's failure streak, 410 disables the webhook, a delivery that
// exhausts its attempts after the webhook has been failing for days disables it too.
// Round trips are the cost that matters (profiled for P3, BENCHMARKS.md): a fan-out batch whose POSTs all
// answer 2xx takes three statements — fan-out + claim, the webhooks, the record — and no transaction.
// The fan-out loop and the jobs (packages/ats/src/jobs) call fanOutPending / fanOutAndDeliver / deliverDue;
// tests call them with a fake clock.
import type { Kysely } from 'kysely';
import type { Queue } from '@hireloop/platform';
import type { AtsDb, AtsKysely } from '../../db.ts';
import {
  cancelPendingDeliveries,
  claimDueDeliveries,
  disableWebhooks,
  fanOutAndClaim,
  fanOutFromOutbox,
  leasedElsewhere,
  markWebhooksFailing,
  recordAttempts,
  type AttemptRecord,
  type ClaimFilter,
  type DeliveryRow,
} from './delivery.repository.ts';
import { DISABLE_AFTER_FAILING_MS, MAX_ATTEMPTS, retryDelayMs } from './retry-schedule.ts';
import { sendDelivery, type AttemptResult } from './send-delivery.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { enqueueRetries } from './webhook-queue.ts';
import { findWebhooksByIds, type WebhookRow } from './webhook.repository.ts';
import { auditAts, systemActor } from '../audit/ats-audit.ts';

/** A lapsed lease is claimable just after `lease_until`; the wake-up comes a little later to be sure. */
const LEASE_WAKE_UP_GRACE_MS = 1000;

export interface DeliveryEnv {
  readonly db: Kysely<AtsDb>;
  readonly queue: Queue;
  readonly deps: WebhookDeps;
}

/**
 * One pass of the fan-out loop: up to `batchSize` committed events out of the outbox into deliveries, then
 * the first attempt of each. True when the outbox may hold more (a full pass).
 */
export async function fanOutPending(env: DeliveryEnv): Promise<boolean> {
  const { deps } = env;
  const now = new Date(deps.clock.now());
  const { events, claimed, leftDue } = await fanOutFromOutbox(env.db, now, deps.leaseMs, deps.batchSize);
  if (claimed.length > 0) await attemptAndRecord(env, claimed);
  // More deliveries than one batch (many webhooks per event): the rest are due, claim them as usual.
  if (leftDue > 0) await drain(env, { allDue: true }, false);
  return events >= deps.batchSize;
}

/** Fan-out of given committed events to their webhooks, then the first attempt of each delivery. */
export async function fanOutAndDeliver(env: DeliveryEnv, eventIds: readonly string[]): Promise<number> {
  const { deps } = env;
  const now = new Date(deps.clock.now());
  const { claimed, heldElsewhere } = await fanOutAndClaim(
    env.db,
    eventIds,
    now,
    deps.leaseMs,
    deps.batchSize,
  );
  // A worker killed mid-attempt leaves its lease: wake up again when it lapses, or it would wait for the
  // sweep. (Only a re-run of the job after a crash finds any.)
  await enqueueLeaseWakeUps(env, env.db, heldElsewhere);
  if (claimed.length > 0) await attemptAndRecord(env, claimed);
  // More deliveries than one batch (many webhooks per event): the rest are due, claim them as usual.
  return claimed.length < deps.batchSize
    ? claimed.length
    : claimed.length + (await drain(env, { eventIds }, false));
}

/** Attempts the given deliveries if due (retry jobs), or every due delivery (sweep). */
export function deliverDue(env: DeliveryEnv, filter: ClaimFilter): Promise<number> {
  return drain(env, filter, !('allDue' in filter));
}

function enqueueLeaseWakeUps(
  env: DeliveryEnv,
  db: AtsKysely,
  held: readonly { id: string; lease_until: Date }[],
): Promise<void> {
  return enqueueRetries(
    db,
    env.queue,
    held.map((h) => ({ deliveryId: h.id, at: new Date(h.lease_until.getTime() + LEASE_WAKE_UP_GRACE_MS) })),
  );
}

async function drain(env: DeliveryEnv, filter: ClaimFilter, wakeUpHeld: boolean): Promise<number> {
  const { deps } = env;
  let total = 0;
  for (let first = true; ; first = false) {
    const now = new Date(deps.clock.now());
    const claimed = await env.db.transaction().execute(async (trx) => {
      const rows = await claimDueDeliveries(trx, filter, now, deps.leaseMs, deps.batchSize);
      if (first && wakeUpHeld) {
        const mine = new Set(rows.map((r) => r.id));
        const held = (await leasedElsewhere(trx, filter, now)).filter((h) => !mine.has(h.id));
        await enqueueLeaseWakeUps(env, trx, held);
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
  const inactive = [...new Set(claimed.filter((d) => !live.includes(d)).map((d) => d.webhook_id))];
  const sends = live.map((d) => sendDelivery(deps, d, webhooks.get(d.webhook_id)!, now));
  // sendDelivery never rejects (a failure is an outcome), so every entry settles with a result.
  const results: (AttemptResult | undefined)[] = [];
  sends.forEach((p, i) => void p.then((r) => (results[i] = r)));
  await settledOrPatience(sends, deps.batchPatienceMs);
  // Do not hold the batch (and the jobs of its fetch) on its slowest receivers: record what has answered,
  // with a wake-up per late delivery at its lease's end — if this process dies before a late POST is
  // recorded, that job sends it again (same id and token) instead of waiting for the sweep.
  const ready = live.flatMap((d, i) => (results[i] ? [{ d, result: results[i] }] : []));
  const late = live.flatMap((d, i) => (results[i] ? [] : [{ d, send: sends[i]! }]));
  await recordOutcomes(
    env,
    webhooks,
    now,
    ready.map((r) => r.d),
    ready.map((r) => r.result),
    inactive,
    late.map(({ d }) => ({
      deliveryId: d.id,
      at: new Date(d.lease_until!.getTime() + LEASE_WAKE_UP_GRACE_MS),
    })),
    true,
  );
  if (late.length === 0) return;
  void Promise.all(late.map((l) => l.send))
    .then((lateResults) =>
      recordOutcomes(
        env,
        webhooks,
        now,
        late.map((l) => l.d),
        lateResults,
        [],
        [],
        false,
      ),
    )
    // Unrecorded (database gone, process stopping): the wake-up above re-sends it when the lease lapses.
    .catch(() => undefined);
}

/** Resolves when every send has settled or after `patienceMs`, whichever comes first. */
async function settledOrPatience(sends: readonly Promise<unknown>[], patienceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(sends),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, patienceMs))),
  ]);
  clearTimeout(timer);
}

/**
 * Records the attempts of `live` and their consequences; `wakeUps` are extra retry jobs to enqueue with them.
 * `asyncCommit`: an all-2xx record may commit asynchronously (recordAttempts says why); a late delivery's
 * record, made after its pass or job ended, commits synchronously like any record that has consequences.
 */
async function recordOutcomes(
  env: DeliveryEnv,
  webhooks: ReadonlyMap<string, WebhookRow>,
  now: number,
  live: readonly DeliveryRow[],
  results: readonly AttemptResult[],
  inactive: readonly string[],
  wakeUps: readonly { deliveryId: string; at: Date }[],
  asyncCommit: boolean,
): Promise<void> {
  const { deps } = env;
  const at = new Date(now);
  const records = live.map((d, i) => nextState(d, results[i]!, at, deps.random));
  const byOutcome = (pick: (r: AttemptRecord, res: AttemptResult) => boolean) => [
    ...new Set(live.filter((_, i) => pick(records[i]!, results[i]!)).map((d) => d.webhook_id)),
  ];
  const gone = byOutcome((_, res) => res.outcome === 'gone');
  const succeeded = byOutcome((_, res) => res.outcome === 'success');
  // A success in the batch ends the webhook's failure streak even if another delivery to it failed.
  const failed = byOutcome((_, res) => res.outcome !== 'success').filter((id) => !succeeded.includes(id));
  const exhausted = byOutcome((r) => r.status === 'exhausted');
  const retries = [
    ...records.flatMap((r) =>
      r.status === 'pending' && r.nextAttemptAt ? [{ deliveryId: r.deliveryId, at: r.nextAttemptAt }] : [],
    ),
    ...wakeUps,
  ];
  if (failed.length + gone.length + exhausted.length + inactive.length + retries.length === 0) {
    // Every POST answered 2xx: one statement, atomic on its own; its commit need not wait for the WAL
    // flush (recordAttempts says why). The fan-out + claim before the POSTs does wait: a delivery's id
    // and token must be durable before they go on the wire.
    await recordAttempts(env.db, records, succeeded, asyncCommit);
    return;
  }
  await env.db.transaction().execute(async (trx) => {
    await recordAttempts(trx, records, succeeded);
    await markWebhooksFailing(trx, failed, at);
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
    await enqueueRetries(trx, env.queue, retries);
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
