// Webhook deliveries in: verify with the organization's stored signature tokens (lever's verifyLeverDelivery:
// signature over token + triggeredAt, timestamp window, Standard Webhooks headers when sent), then store the
// event and enqueue its processing in ONE transaction keyed by (organization, token.triggeredAt) — a
// duplicate or replay hits the unique key, so nothing is processed twice. The answer is immediate.
import {
  verifyLeverDelivery,
  type DeliveryStore,
  type HeaderSource,
  type ReceiveResult,
} from '@hireloop/lever';
import type { OnboardingContext } from '../../context.ts';
import { untyped } from '../../db.ts';
import { signatureSecrets } from './subscription.service.ts';

export const PROCESS_EVENT_JOB = 'onboarding.process-event';

function dbDeliveryStore(ctx: OnboardingContext, organizationId: string): DeliveryStore {
  return {
    recordIfNew: (key, event) =>
      ctx.db.transaction().execute(async (trx) => {
        const opportunityId = (event.data as { opportunityId?: unknown }).opportunityId;
        const row = await trx
          .insertInto('onboarding.webhook_event')
          .values({
            organization_id: organizationId,
            delivery_key: key,
            event: event.event,
            triggered_at_ms: event.triggeredAt,
            opportunity_id: typeof opportunityId === 'string' ? opportunityId : null,
            // The signature is not kept: it is of no use once verified.
            payload: JSON.stringify({ event: event.event, triggeredAt: event.triggeredAt, data: event.data }),
            processed_at: null,
            outcome: null,
            last_error: null,
          })
          .onConflict((oc) => oc.columns(['organization_id', 'delivery_key']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return false;
        await ctx.runtime.queue.enqueue(untyped(trx), PROCESS_EVENT_JOB, { organizationId, eventId: row.id });
        return true;
      }),
  };
}

export async function receiveDelivery(
  ctx: OnboardingContext,
  organizationId: string,
  rawBody: string,
  headers: HeaderSource,
): Promise<ReceiveResult> {
  const secrets = await signatureSecrets(ctx, organizationId);
  if (secrets.length === 0)
    return { ok: false, code: 'bad_signature', message: 'No webhook is set up for this organization' };
  return verifyLeverDelivery({ rawBody, headers, secrets, store: dbDeliveryStore(ctx, organizationId) });
}
