// Reading and re-sending the delivery log (extension API). Lists are keyset on (created_at, id), newest
// first. A re-send puts a finished delivery back to pending with a fresh schedule, keeping its id (the
// `webhook-id`), token and triggeredAt, so a receiver that already has it recognises the duplicate.
import { sql } from 'kysely';
import type { AtsKysely, WebhookDeliveryStatus } from '../../db.ts';
import type { AttemptRow, DeliveryRow } from './delivery.repository.ts';

export interface DeliveryFilter {
  accountId: string;
  webhookId?: string;
  events?: readonly string[];
  statuses?: readonly WebhookDeliveryStatus[];
  after?: { createdAtMs: number; id: string };
}

export function listDeliveries(db: AtsKysely, f: DeliveryFilter, limit: number): Promise<DeliveryRow[]> {
  let q = db.selectFrom('ats.webhook_delivery').selectAll().where('account_id', '=', f.accountId);
  if (f.webhookId) q = q.where('webhook_id', '=', f.webhookId);
  if (f.events?.length) q = q.where('event', 'in', f.events);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  // Keyset on milliseconds (what the token holds): PostgreSQL keeps microseconds, which a token would cut.
  const createdMs = sql<number>`(floor(extract(epoch from created_at) * 1000))::bigint`;
  if (f.after) {
    const at = f.after.createdAtMs;
    const id = f.after.id;
    q = q.where((eb) => eb.or([eb(createdMs, '<', at), eb.and([eb(createdMs, '=', at), eb('id', '<', id)])]));
  }
  return q
    .orderBy(createdMs, 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function findDelivery(db: AtsKysely, accountId: string, id: string): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('ats.webhook_delivery')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listAttempts(db: AtsKysely, deliveryId: string): Promise<AttemptRow[]> {
  return db
    .selectFrom('ats.webhook_attempt')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('attempt')
    .orderBy('attempted_at')
    .execute();
}

export interface ResendFilter {
  accountId: string;
  ids?: readonly string[];
  from?: Date;
  to?: Date;
  webhookId?: string;
  statuses?: readonly WebhookDeliveryStatus[];
}

/** Finished deliveries matching `f` (of live, enabled webhooks) back to pending, due `now`. */
export async function resetForResend(
  db: AtsKysely,
  f: ResendFilter,
  now: Date,
  max: number,
): Promise<string[]> {
  let candidates = db
    .selectFrom('ats.webhook_delivery as d')
    .innerJoin('ats.webhook as w', 'w.id', 'd.webhook_id')
    .select('d.id')
    .where('d.account_id', '=', f.accountId)
    .where('d.status', '!=', 'pending')
    .where('w.deleted_at', 'is', null)
    .where('w.disabled_at', 'is', null);
  if (f.ids) candidates = candidates.where('d.id', 'in', f.ids);
  if (f.from) candidates = candidates.where('d.created_at', '>=', f.from);
  if (f.to) candidates = candidates.where('d.created_at', '<', f.to);
  if (f.webhookId) candidates = candidates.where('d.webhook_id', '=', f.webhookId);
  if (f.statuses?.length) candidates = candidates.where('d.status', 'in', f.statuses);
  const rows = await db
    .updateTable('ats.webhook_delivery')
    .set({
      status: 'pending',
      status_reason: null,
      schedule_step: 0,
      next_attempt_at: now,
      lease_until: null,
      completed_at: null,
    })
    .where('id', 'in', candidates.orderBy('d.created_at').limit(max))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
