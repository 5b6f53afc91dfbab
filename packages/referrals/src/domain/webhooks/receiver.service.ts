// Webhook deliveries in: verify (Lever signature over token + triggeredAt with any of the organization's
// signature tokens, timestamp window, Standard Webhooks headers when sent), then store the event and enqueue
// its processing in ONE transaction keyed by (organization, token.triggeredAt) — the DB-backed DeliveryStore.
// A duplicate or replay hits the unique key: nothing is stored or processed twice. The HTTP answer is
// immediate; the work happens in the job (process-webhook.job.ts).
import {
  verifyLeverDelivery,
  type DeliveryStore,
  type HeaderSource,
  type ReceiveResult,
} from '@hireloop/lever';
import type { ReferralsContext } from '../../context.ts';
import { untyped } from '../../db.ts';
import { signatureSecrets } from './subscription.service.ts';

export const PROCESS_WEBHOOK_JOB = 'referrals.process-webhook';

export function createDbDeliveryStore(ctx: ReferralsContext, organizationId: string): DeliveryStore {
  return {
    async recordIfNew(key, event) {
      return ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('referrals.webhook_event')
          .values({
            organization_id: organizationId,
            delivery_key: key,
            event: event.event,
            triggered_at_ms: event.triggeredAt,
            // The signature is not kept: it is of no use once verified.
            payload: JSON.stringify({ event: event.event, triggeredAt: event.triggeredAt, data: event.data }),
            last_error: null,
            processed_at: null,
          })
          .onConflict((oc) => oc.columns(['organization_id', 'delivery_key']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return false;
        await ctx.runtime.queue.enqueue(untyped(trx), PROCESS_WEBHOOK_JOB, {
          eventId: row.id,
          organizationId,
        });
        return true;
      });
    },
  };
}

export async function receiveDelivery(
  ctx: ReferralsContext,
  organizationId: string,
  rawBody: string,
  headers: HeaderSource,
): Promise<ReceiveResult> {
  const secrets = await signatureSecrets(ctx, organizationId);
  if (secrets.length === 0)
    return { ok: false, code: 'bad_signature', message: 'No webhook is set up for this organization' };
  return verifyLeverDelivery({
    rawBody,
    headers,
    secrets,
    store: createDbDeliveryStore(ctx, organizationId),
  });
}
