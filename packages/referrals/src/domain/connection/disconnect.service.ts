// Disconnect (after the confirmation page): delete the app's webhooks in the ATS, revoke the tokens, then
// purge everything synced from the ATS. Referrals, their history and payouts stay — they are the app's own
// records and keep snapshots of job title and reward. Remote failures are reported, never block the purge:
// an admin who disconnects must end up disconnected.
import type { ReferralsContext } from '../../context.ts';
import { deleteAppWebhooks } from '../webhooks/subscription.service.ts';
import { revokeTokens } from './connection.service.ts';

export async function disconnectOrganization(
  ctx: ReferralsContext,
  organizationId: string,
): Promise<{ problems: string[] }> {
  const problems = await deleteAppWebhooks(ctx, organizationId);
  const revokeProblem = await revokeTokens(ctx, organizationId);
  if (revokeProblem) problems.push(revokeProblem);
  await ctx.db.transaction().execute(async (trx) => {
    for (const table of [
      'referrals.webhook_event',
      'referrals.webhook_subscription',
      'referrals.sync_run',
      'referrals.stage_mapping',
      'referrals.stage',
      'referrals.archive_reason',
      'referrals.job',
      'referrals.ats_connection',
    ] as const) {
      await trx.deleteFrom(table).where('organization_id', '=', organizationId).execute();
    }
  });
  return { problems };
}
