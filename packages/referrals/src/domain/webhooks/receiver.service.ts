// Webhook deliveries in: the shared receiver (@hireloop/app-kit/webhooks/receiver — verify with any of the
// organization's signature tokens, then store the event and enqueue its job in one transaction keyed by
// (organization, token.triggeredAt)) over `referrals.webhook_event`. The work happens in the job
// (process-webhook.service.ts).
import type { HeaderSource, ReceiveResult } from '@hireloop/lever';
import { createDbDeliveryStore, receiveLeverDelivery } from '@hireloop/app-kit/webhooks/receiver';
import type { ReferralsContext } from '../../context.ts';
import { signatureSecrets } from './subscription.service.ts';

export const PROCESS_WEBHOOK_JOB = 'referrals.process-webhook';

export async function receiveDelivery(
  ctx: ReferralsContext,
  organizationId: string,
  rawBody: string,
  headers: HeaderSource,
): Promise<ReceiveResult> {
  return receiveLeverDelivery({
    rawBody,
    headers,
    secrets: await signatureSecrets(ctx, organizationId),
    store: createDbDeliveryStore(
      { db: ctx.db, schema: 'referrals', queue: ctx.runtime.queue, job: PROCESS_WEBHOOK_JOB },
      organizationId,
    ),
  });
}
