// The webhooks the app listens to: the shared subscription logic (@hireloop/app-kit/webhooks/subscriptions —
// API-created with `webhooks:write:admin`, or made by hand in the ATS with the token pasted) over
// `referrals.webhook_subscription`. What is the app's own: its events and URL. Posting events are a Hireloop
// extension: offered by the embedded ATS, refused by real Lever; the app asks, and falls back to delta
// polling when refused.
import type { WebhookEvent } from '@hireloop/lever';
import * as subscriptions from '@hireloop/app-kit/webhooks/subscriptions';
import type { EnsureResult, Subscription, WebhookManager } from '@hireloop/app-kit/webhooks/subscriptions';
import type { ReferralsContext } from '../../context.ts';
import type { ReferralsKysely } from '../../db.ts';
import { withLever } from '../connection/connection.service.ts';
import { findConnection } from '../connection/connection.repository.ts';

export type { EnsureResult, Subscription };

export const STATUS_EVENTS = Object.freeze([
  'candidateStageChange',
  'candidateArchiveChange',
  'candidateHired',
  'candidateDeleted',
  'applicationCreated',
] as const satisfies readonly WebhookEvent[]);

export const POSTING_EVENTS = Object.freeze([
  'postingCreated',
  'postingUpdated',
  'postingDeleted',
] as const satisfies readonly WebhookEvent[]);

const SCHEMA = 'referrals';

export const webhookUrl = (ctx: ReferralsContext, organizationId: string) =>
  `${ctx.publicUrl}/referrals/hooks/lever/${organizationId}`;

const manager = (ctx: ReferralsContext): WebhookManager => ({
  db: ctx.db,
  schema: SCHEMA,
  cipher: () => ctx.cipher(),
  webhookUrl: (organizationId) => webhookUrl(ctx, organizationId),
  withLever: (organizationId, fn) => withLever(ctx, organizationId, fn),
});

export const listSubscriptions = (db: ReferralsKysely, organizationId: string): Promise<Subscription[]> =>
  subscriptions.listSubscriptions({ db, schema: SCHEMA }, organizationId);

/** Every signature token that may sign a delivery for this organization (decrypted, for verification). */
export const signatureSecrets = (ctx: ReferralsContext, organizationId: string): Promise<string[]> =>
  subscriptions.signatureSecrets(manager(ctx), organizationId);

/** Creates the webhooks the app needs that it does not have yet. Safe to call again (after a reconnect). */
export async function ensureWebhooks(ctx: ReferralsContext, organizationId: string): Promise<EnsureResult> {
  const connection = await findConnection(ctx.db, organizationId);
  return subscriptions.ensureWebhooks(manager(ctx), organizationId, {
    grant: connection?.status === 'connected' ? { scopes: connection.scopes } : { unusable: 'not connected' },
    events: STATUS_EVENTS,
    optionalEvents: POSTING_EVENTS,
  });
}

/** A webhook made by hand in the ATS: its signature token, pasted by an admin. */
export const addManualSubscription = (
  ctx: ReferralsContext,
  organizationId: string,
  input: { event: string; signatureToken: string },
): Promise<void> =>
  subscriptions.insertSubscription(manager(ctx), organizationId, {
    origin: 'manual',
    event: input.event,
    atsWebhookId: null,
    url: webhookUrl(ctx, organizationId),
    signatureToken: input.signatureToken.trim(),
  });

export const removeSubscription = (db: ReferralsKysely, organizationId: string, id: string): Promise<void> =>
  subscriptions.removeSubscription({ db, schema: SCHEMA }, organizationId, id);

/** Deletes the app's own webhooks in the ATS (404 = already gone) and forgets every subscription. */
export const deleteAppWebhooks = (ctx: ReferralsContext, organizationId: string): Promise<string[]> =>
  subscriptions.deleteAppWebhooks(manager(ctx), organizationId);
