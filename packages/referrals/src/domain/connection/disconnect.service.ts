// Disconnect (after the confirmation page): the shared skeleton (@hireloop/app-kit — delete the app's
// webhooks in the ATS, revoke the tokens, then purge; remote failures are reported, never block the purge:
// an admin who disconnects must end up disconnected). Purged: everything synced from the ATS. Referrals,
// their history and payouts stay — they are the app's own records and keep snapshots of job title and reward.
import { disconnectOrganization as disconnect } from '@hireloop/app-kit/connection/lever-connection';
import type { ReferralsContext } from '../../context.ts';
import { deleteAppWebhooks } from '../webhooks/subscription.service.ts';
import { revokeTokens } from './connection.service.ts';

export const disconnectOrganization = (
  ctx: ReferralsContext,
  organizationId: string,
): Promise<{ problems: string[] }> =>
  disconnect(
    {
      db: ctx.db,
      schema: 'referrals',
      tables: [
        'webhook_event',
        'webhook_subscription',
        'sync_run',
        'stage_mapping',
        'stage',
        'archive_reason',
        'job',
        'ats_connection',
      ],
      deleteAppWebhooks: () => deleteAppWebhooks(ctx, organizationId),
      revokeTokens: () => revokeTokens(ctx, organizationId),
    },
    organizationId,
  );
