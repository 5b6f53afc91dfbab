// Webhook deliveries in: the shared receiver (@hireloop/app-kit/webhooks/receiver — verify with the
// organization's stored signature tokens, then store the event and enqueue its job in one transaction keyed
// by (organization, token.triggeredAt), so nothing is processed twice) over `onboarding.webhook_event`,
// which also keeps the opportunity id of each event.
import type { HeaderSource, ReceiveResult } from '@hireloop/lever';
import { createDbDeliveryStore, receiveLeverDelivery } from '@hireloop/app-kit/webhooks/receiver';
import type { OnboardingContext } from '../../context.ts';
import { signatureSecrets } from './subscription.service.ts';

export const PROCESS_EVENT_JOB = 'onboarding.process-event';

const opportunityIdOf = (data: unknown) => {
  const id = (data as { opportunityId?: unknown } | undefined)?.opportunityId;
  return typeof id === 'string' ? id : null;
};

export async function receiveDelivery(
  ctx: OnboardingContext,
  organizationId: string,
  rawBody: string,
  headers: HeaderSource,
): Promise<ReceiveResult> {
  return receiveLeverDelivery({
    rawBody,
    headers,
    secrets: await signatureSecrets(ctx, organizationId),
    store: createDbDeliveryStore(
      {
        db: ctx.db,
        schema: 'onboarding',
        queue: ctx.runtime.queue,
        job: PROCESS_EVENT_JOB,
        extraColumns: (event) => ({ opportunity_id: opportunityIdOf(event.data) }),
      },
      organizationId,
    ),
  });
}
