// Re-sending deliveries (extension): one by id, or a time range. Each keeps its id — the `webhook-id`
// header — plus token and triggeredAt, and starts the retry schedule again from "now".
import { AppError, Errors, type Queue } from '@hireloop/platform';
import type { AtsKysely, WebhookDeliveryStatus } from '../../db.ts';
import { findDelivery, resetForResend } from './delivery-log.repository.ts';
import type { DeliveryRow } from './delivery.repository.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { WebhookErrors } from './webhook.errors.ts';
import { enqueueRetries } from './webhook-queue.ts';
import { findWebhook } from './webhook.repository.ts';

/** At most this many deliveries per range re-send; narrow the range for more. */
export const MAX_RESEND = 10_000;

export async function resendDelivery(
  db: AtsKysely,
  queue: Queue,
  deps: WebhookDeps,
  accountId: string,
  id: string,
): Promise<DeliveryRow> {
  const delivery = await findDelivery(db, accountId, id);
  if (!delivery) throw new AppError(Errors.NotFound, 'Webhook delivery not found');
  const webhook = await findWebhook(db, accountId, delivery.webhook_id);
  if (!webhook) throw new AppError(Errors.NotFound, 'The webhook of this delivery was deleted');
  if (webhook.disabled_at)
    throw new AppError(WebhookErrors.Disabled, undefined, { details: { reason: webhook.disabled_reason } });
  const now = new Date(deps.clock.now());
  const ids = await resetForResend(db, { accountId, ids: [id] }, now, 1);
  await enqueueRetries(
    db,
    queue,
    ids.map((deliveryId) => ({ deliveryId, at: now })),
  );
  return (await findDelivery(db, accountId, id)) ?? delivery;
}

export async function resendRange(
  db: AtsKysely,
  queue: Queue,
  deps: WebhookDeps,
  filter: { accountId: string; from: Date; to: Date; webhookId?: string; statuses?: WebhookDeliveryStatus[] },
): Promise<number> {
  const now = new Date(deps.clock.now());
  const ids = await resetForResend(db, filter, now, MAX_RESEND);
  await enqueueRetries(
    db,
    queue,
    ids.map((deliveryId) => ({ deliveryId, at: now })),
  );
  return ids.length;
}
