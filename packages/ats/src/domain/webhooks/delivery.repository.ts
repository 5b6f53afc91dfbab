// All SQL for webhook deliveries and attempts. A delivery row is the durable state of one (webhook,
// event) pair; workers claim due rows with a lease (`lease_until`) instead of holding a transaction over
// the HTTP call, so a killed worker's claim simply lapses and the row is claimed again.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { WEBHOOK_EVENT_INFO } from '@hireloop/lever/wire';
import type { AtsKysely, Row, WebhookDeliveryStatus } from '../../db.ts';

export type DeliveryRow = Row<'ats.webhook_delivery'>;
export type AttemptRow = Row<'ats.webhook_attempt'>;

const ORIGIN_FILTERED = WEBHOOK_EVENT_INFO.filter((e) => e.originFilterable).map((e) => e.event);

/**
 * One delivery per (event, matching webhook): same account and event, webhook live, and the event's
 * origin among the webhook's origins for the opportunity events (§3.4). Idempotent per (webhook, event).
 */
export async function insertDeliveriesForEvents(
  db: AtsKysely,
  eventIds: readonly string[],
  now: Date,
): Promise<number> {
  if (eventIds.length === 0) return 0;
  const pairs = await db
    .selectFrom('ats.event_log as e')
    .innerJoin('ats.webhook as w', (j) =>
      j
        .onRef('w.account_id', '=', 'e.account_id')
        .onRef('w.event', '=', 'e.event')
        .on('w.deleted_at', 'is', null)
        .on('w.disabled_at', 'is', null),
    )
    .where('e.id', 'in', eventIds)
    .where((eb) =>
      eb.or([
        eb('e.event', 'not in', ORIGIN_FILTERED),
        eb('e.origin', 'is', null),
        eb(sql<boolean>`e.origin = any(w.origins)`, '=', true),
      ]),
    )
    .select(['e.id as event_id', 'e.account_id', 'e.event', 'e.data', 'e.created_at', 'w.id as webhook_id'])
    .execute();
  if (pairs.length === 0) return 0;
  const inserted = await db
    .insertInto('ats.webhook_delivery')
    .values(
      pairs.map((p) => ({
        account_id: p.account_id,
        webhook_id: p.webhook_id,
        event_id: p.event_id,
        event: p.event,
        data: JSON.stringify(p.data),
        token: randomBytes(16).toString('hex'),
        triggered_at: p.created_at,
        next_attempt_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export type ClaimFilter =
  { eventIds: readonly string[] } | { deliveryIds: readonly string[] } | { allDue: true };

/** Claims up to `limit` due, unleased, pending deliveries matching `filter` for `leaseMs`. */
export async function claimDueDeliveries(
  db: AtsKysely,
  filter: ClaimFilter,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<DeliveryRow[]> {
  let candidates = db
    .selectFrom('ats.webhook_delivery')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]));
  if ('eventIds' in filter) candidates = candidates.where('event_id', 'in', filter.eventIds);
  if ('deliveryIds' in filter) candidates = candidates.where('id', 'in', filter.deliveryIds);
  const limited = candidates.orderBy('next_attempt_at').limit(limit).forUpdate().skipLocked();
  return db
    .updateTable('ats.webhook_delivery')
    .set({ lease_until: new Date(now.getTime() + leaseMs) })
    .where('id', 'in', limited)
    .returningAll()
    .execute();
}

/** Pending deliveries of these events/ids still leased by another (maybe dead) worker: when each lapses. */
export async function leasedElsewhere(
  db: AtsKysely,
  filter: ClaimFilter,
  now: Date,
): Promise<{ id: string; lease_until: Date }[]> {
  let q = db
    .selectFrom('ats.webhook_delivery')
    .select(['id', 'lease_until'])
    .where('status', '=', 'pending')
    .where('lease_until', '>=', now);
  if ('eventIds' in filter) q = q.where('event_id', 'in', filter.eventIds);
  if ('deliveryIds' in filter) q = q.where('id', 'in', filter.deliveryIds);
  const rows = await q.execute();
  return rows.flatMap((r) => (r.lease_until ? [{ id: r.id, lease_until: r.lease_until }] : []));
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  outcome: string;
  responseExcerpt: string | null;
  error: string | null;
  /** The delivery after this attempt. */
  status: WebhookDeliveryStatus;
  statusReason: string | null;
  scheduleStep: number;
  nextAttemptAt: Date | null;
}

/** Stores attempts and the resulting delivery states in two statements, whatever the batch size. */
export async function recordAttempts(db: AtsKysely, records: readonly AttemptRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('ats.webhook_attempt')
    .values(
      records.map((r) => ({
        delivery_id: r.deliveryId,
        attempt: r.attempt,
        attempted_at: r.attemptedAt,
        latency_ms: r.latencyMs,
        status_code: r.statusCode,
        outcome: r.outcome,
        response_excerpt: r.responseExcerpt,
        error: r.error,
      })),
    )
    .execute();
  const values = sql.join(
    records.map(
      (r) =>
        sql`(${r.deliveryId}::uuid, ${r.attempt}::int, ${r.status}::text, ${r.statusReason}::text, ${r.scheduleStep}::int, ${r.nextAttemptAt}::timestamptz, ${r.statusCode}::int, ${r.error}::text, ${r.attemptedAt}::timestamptz)`,
    ),
  );
  await sql`
    update ats.webhook_delivery d set
      attempts = v.attempt, status = v.status, status_reason = v.reason, schedule_step = v.step,
      next_attempt_at = v.next_at, lease_until = null, last_status_code = v.code, last_error = v.error,
      completed_at = case when v.status = 'pending' then null else v.at end
    from (values ${values}) as v(id, attempt, status, reason, step, next_at, code, error, at)
    where d.id = v.id and d.status = 'pending'`.execute(db);
}

/** Stops every pending delivery of these webhooks (disabled or deleted). */
export async function cancelPendingDeliveries(
  db: AtsKysely,
  webhookIds: readonly string[],
  reason: string,
  now: Date,
): Promise<void> {
  if (webhookIds.length === 0) return;
  await db
    .updateTable('ats.webhook_delivery')
    .set({
      status: 'cancelled',
      status_reason: reason,
      completed_at: now,
      next_attempt_at: null,
      lease_until: null,
    })
    .where('webhook_id', 'in', webhookIds)
    .where('status', '=', 'pending')
    .execute();
}

export async function markWebhooksSucceeded(db: AtsKysely, webhookIds: readonly string[]): Promise<void> {
  if (webhookIds.length === 0) return;
  await db
    .updateTable('ats.webhook')
    .set({ failing_since: null })
    .where('id', 'in', webhookIds)
    .where('failing_since', 'is not', null)
    .execute();
}

export async function markWebhooksFailing(
  db: AtsKysely,
  webhookIds: readonly string[],
  now: Date,
): Promise<void> {
  if (webhookIds.length === 0) return;
  await db
    .updateTable('ats.webhook')
    .set({ failing_since: now })
    .where('id', 'in', webhookIds)
    .where('failing_since', 'is', null)
    .execute();
}

/** Disables webhooks with a visible reason and cancels their pending deliveries; returns those disabled. */
export async function disableWebhooks(
  db: AtsKysely,
  webhookIds: readonly string[],
  reason: string,
  now: Date,
  onlyFailingSince?: Date,
): Promise<string[]> {
  if (webhookIds.length === 0) return [];
  let q = db
    .updateTable('ats.webhook')
    .set({ disabled_at: now, disabled_reason: reason })
    .where('id', 'in', webhookIds)
    .where('disabled_at', 'is', null);
  if (onlyFailingSince) q = q.where('failing_since', '<=', onlyFailingSince);
  const disabled = (await q.returning('id').execute()).map((r) => r.id);
  await cancelPendingDeliveries(db, disabled, `webhook disabled: ${reason}`, now);
  return disabled;
}
