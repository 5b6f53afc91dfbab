// Disconnect: delete the app's webhooks in the ATS, revoke the tokens, forget the connection, its webhook
// subscriptions and received events. Hires, journeys and offices stay (they are the app's own records).
// Remote failures are reported, never block: a person who disconnects must end up disconnected.
import type { OnboardingContext } from '../../context.ts';
import { deleteAppWebhooks } from '../webhooks/subscription.service.ts';
import { revokeTokens } from './connection.service.ts';

export async function disconnectOrganization(
  ctx: OnboardingContext,
  organizationId: string,
): Promise<{ problems: string[] }> {
  const problems = await deleteAppWebhooks(ctx, organizationId);
  const revokeProblem = await revokeTokens(ctx, organizationId);
  if (revokeProblem) problems.push(revokeProblem);
  await ctx.db.transaction().execute(async (trx) => {
    for (const table of [
      'onboarding.webhook_event',
      'onboarding.webhook_subscription',
      'onboarding.ats_connection',
    ] as const)
      await trx.deleteFrom(table).where('organization_id', '=', organizationId).execute();
  });
  return { problems };
}
