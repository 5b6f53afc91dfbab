// Disconnect: the shared skeleton (@hireloop/app-kit — delete the app's webhooks in the ATS, revoke the
// tokens, then forget; remote failures are reported, never block: a person who disconnects must end up
// disconnected). Forgotten: the connection, its webhook subscriptions and received events. Hires, journeys
// and offices stay (they are the app's own records).
import { disconnectOrganization as disconnect } from '@hireloop/app-kit/connection/lever-connection';
import type { OnboardingContext } from '../../context.ts';
import { deleteAppWebhooks } from '../webhooks/subscription.service.ts';
import { revokeTokens } from './connection.service.ts';

export const disconnectOrganization = (
  ctx: OnboardingContext,
  organizationId: string,
): Promise<{ problems: string[] }> =>
  disconnect(
    {
      db: ctx.db,
      schema: 'onboarding',
      tables: ['webhook_event', 'webhook_subscription', 'ats_connection'],
      deleteAppWebhooks: () => deleteAppWebhooks(ctx, organizationId),
      revokeTokens: () => revokeTokens(ctx, organizationId),
    },
    organizationId,
  );
