// All SQL for webhook deliveries and attempts. A delivery row is the durable state of one (webhook,
// event) pair; workers claim due rows with a lease (`lease_until`) instead of holding a transaction over
// the HTTP call, so a killed worker's claim simply lapses and the row is claimed again.
import { sql } from 'kysely';
import { WEBHOOK_EVENT_INFO } from '@hireloop/lever/wire';
import type { AtsKysely, Row, WebhookDeliveryStatus } from '../../db.ts';

export type DeliveryRow = Row<'ats.webhook_delivery'>;
export type AttemptRow = Row<'ats.webhook_attempt'>;

const ORIGIN_FILTERED = WEBHOOK_EVENT_INFO.filter((e) => e.originFilterable).map((e) => e.event);

/** A fan-out's deliveries: those claimed for this worker, and those another (maybe dead) worker still holds. */
export interface FanOutClaim {
  readonly claimed: DeliveryRow[];
  readonly heldElsewhere: { id: string; lease_until: Date }[];
}

// A fresh random token per delivery, made in SQL because the rows are made there: 128 bits (hex) out of
// two gen_random_uuid() values, which PostgreSQL draws from its strong random source.
const NEW_TOKEN = sql<string>`left(encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'), 32)`;

/** Pairs of `events` (a CTE of ats.event_log rows) and their matching live webhooks, numbered. */
function pairsOf(): ReturnType<typeof sql> {
  const originFiltered = sql.join(ORIGIN_FILTERED.map((e) => sql`${e}`));
  return sql`pairs as (
      select e.id as event_id, e.account_id, e.event, e.data, e.created_at, w.id as webhook_id,
             row_number() over (order by e.seq, w.id) as n
      from events e
      join ats.webhook w on w.account_id = e.account_id and w.event = e.event
        and w.deleted_at is null and w.disabled_at is null
      where e.event not in (${originFiltered}) or e.origin is null or e.origin = any(w.origins)
    )`;
}

/** The deliveries of `pairs`, the first `limit` already leased to this worker. */
function insertDeliveries(now: Date, leaseUntil: Date, limit: number): ReturnType<typeof sql> {
  return sql`inserted as (
      insert into ats.webhook_delivery
        (account_id, webhook_id, event_id, event, data, token, triggered_at, next_attempt_at, lease_until)
      select account_id, webhook_id, event_id, event, data, ${NEW_TOKEN}, created_at, ${now}::timestamptz,
             case when n <= ${limit} then ${leaseUntil}::timestamptz end
      from pairs order by n
      on conflict (webhook_id, event_id) do nothing
      returning *
    )`;
}

/** What a pass over the outbox took: events, deliveries leased to this worker, deliveries left due. */
export interface OutboxClaim {
  readonly events: number;
  readonly claimed: DeliveryRow[];
  readonly leftDue: number;
}

/**
 * One pass of the fan-out loop, one statement: takes up to `limit` events out of ats.webhook_outbox
 * (SKIP LOCKED: workers in other processes take others) and inserts their deliveries, the first `limit`
 * leased to this worker. The outbox rows go and the delivery rows come in the same commit, so a worker
 * killed afterwards leaves leased deliveries (claimed again when the lease lapses), never a lost event.
 */
export async function fanOutFromOutbox(
  db: AtsKysely,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<OutboxClaim> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<Partial<DeliveryRow> & { events: number; left_due: number }>`
    with taken as (
      delete from ats.webhook_outbox where seq in (
        select seq from ats.webhook_outbox order by seq limit ${limit} for update skip locked)
      returning event_id
    ), events as materialized (
      select * from ats.event_log where id in (select event_id from taken)
    ), ${pairsOf()}, ${insertDeliveries(now, leaseUntil, limit)}
    select c.events, c.left_due, i.* from (
      select (select count(*) from taken)::int as events,
             (select count(*) from inserted where lease_until is null)::int as left_due
    ) c left join inserted i on i.lease_until is not null`.execute(db);
  const first = rows[0];
  return {
    events: first?.events ?? 0,
    leftDue: first?.left_due ?? 0,
    claimed: rows.flatMap(({ events: _e, left_due: _l, ...row }) => (row.id ? [row as DeliveryRow] : [])),
  };
}

/**
 * Fan-out and claim in one statement (no transaction, no extra round trips) for given events — the
 * ats.webhook-fanout jobs of before the outbox, and tests: one delivery per (event, matching webhook) —
 * same account and event, webhook live, and the event's origin among the webhook's origins for the
 * opportunity events (§3.4) — inserted already leased to this worker (the first `limit`; the rest stay due
 * for the next claim). Idempotent per (webhook, event): a re-run (the job retried after a crash) claims the
 * existing due rows of live webhooks instead, and reports those still leased elsewhere.
 */
export async function fanOutAndClaim(
  db: AtsKysely,
  eventIds: readonly string[],
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<FanOutClaim> {
  if (eventIds.length === 0) return { claimed: [], heldElsewhere: [] };
  const ids = sql.join(eventIds.map((id) => sql`${id}::uuid`));
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<DeliveryRow & { claim: 'claimed' | 'held' }>`
    with events as materialized (
      -- By primary key, first: joined straight to the webhook, the planner ANDed in the account's
      -- (account_id, seq) index — every event the account ever had, per batch.
      select * from ats.event_log where id in (${ids})
    ), ${pairsOf()}, ${insertDeliveries(now, leaseUntil, limit)}, existing as (
      -- Rows of an earlier run (the job re-run after a crash), through the (webhook_id, event_id) unique
      -- index: the partial "due" index keeps entries of finished rows until vacuum, so filtering it by
      -- event id read hundreds of heap pages per batch (EXPLAIN ANALYZE during P3).
      select d.* from pairs p
      join ats.webhook_delivery d on d.webhook_id = p.webhook_id and d.event_id = p.event_id
      where d.status = 'pending'
    ), reclaimed as (
      update ats.webhook_delivery set lease_until = ${leaseUntil}::timestamptz
      where id in (
        select id from ats.webhook_delivery
        where id in (select id from existing) and status = 'pending' and next_attempt_at <= ${now}::timestamptz
          and (lease_until is null or lease_until < ${now}::timestamptz)
        order by next_attempt_at limit ${limit} for update skip locked)
      returning *
    ), held as (
      select * from existing where lease_until >= ${now}::timestamptz
    )
    select 'claimed' as claim, inserted.* from inserted where lease_until is not null
    union all select 'claimed', reclaimed.* from reclaimed
    union all select 'held', held.* from held`.execute(db);
  const claimed: DeliveryRow[] = [];
  const heldElsewhere: { id: string; lease_until: Date }[] = [];
  for (const { claim, ...row } of rows) {
    if (claim === 'claimed') claimed.push(row);
    else if (row.lease_until) heldElsewhere.push({ id: row.id, lease_until: row.lease_until });
  }
  return { claimed, heldElsewhere };
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

/**
 * Stores attempts, the resulting delivery states and the end of the failure streak of `succeededWebhookIds`
 * in ONE statement (atomic on its own), whatever the batch size: the all-2xx batch needs nothing else.
 * `asyncCommit` (only when the statement is its own transaction): its commit does not wait for the WAL
 * flush. Safe because the deliveries were leased by a synchronous commit before their POSTs: a database
 * crash before the flush loses the record only, the deliveries are still pending and leased, and when the
 * lease lapses they are sent again under the same delivery id and token (receivers deduplicate on them) —
 * by the lapsed-lease loop, or the re-run of the fan-out job that claimed them (jobs of before 0009).
 */
export async function recordAttempts(
  db: AtsKysely,
  records: readonly AttemptRecord[],
  succeededWebhookIds: readonly string[] = [],
  asyncCommit = false,
): Promise<void> {
  if (records.length === 0) return;
  const attempts = sql.join(
    records.map(
      (r) =>
        sql`(${r.deliveryId}::uuid, ${r.attempt}::int, ${r.attemptedAt}::timestamptz, ${r.latencyMs}::int, ${r.statusCode}::int, ${r.outcome}::text, ${r.responseExcerpt}::text, ${r.error}::text)`,
    ),
  );
  const states = sql.join(
    records.map(
      (r) =>
        sql`(${r.deliveryId}::uuid, ${r.attempt}::int, ${r.status}::text, ${r.statusReason}::text, ${r.scheduleStep}::int, ${r.nextAttemptAt}::timestamptz, ${r.statusCode}::int, ${r.error}::text, ${r.attemptedAt}::timestamptz)`,
    ),
  );
  const streakEnds =
    succeededWebhookIds.length === 0
      ? sql``
      : sql`, streak_end as (
          update ats.webhook set failing_since = null
          where id in (${sql.join(succeededWebhookIds.map((id) => sql`${id}::uuid`))}) and failing_since is not null)`;
  await sql`
    with attempt as (
      insert into ats.webhook_attempt
        (delivery_id, attempt, attempted_at, latency_ms, status_code, outcome, response_excerpt, error)
      values ${attempts}
    ), state as (
      update ats.webhook_delivery d set
        attempts = v.attempt, status = v.status, status_reason = v.reason, schedule_step = v.step,
        next_attempt_at = v.next_at, lease_until = null, last_status_code = v.code, last_error = v.error,
        completed_at = case when v.status = 'pending' then null else v.at end
      from (values ${states}) as v(id, attempt, status, reason, step, next_at, code, error, at)
      where d.id = v.id and d.status = 'pending'
    )${streakEnds}
    select ${asyncCommit ? sql`set_config('synchronous_commit', 'off', true)` : sql`1`}`.execute(db);
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
