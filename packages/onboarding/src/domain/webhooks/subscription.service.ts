// The webhooks the app listens to: the shared subscription logic (@hireloop/app-kit/webhooks/subscriptions)
// over `onboarding.webhook_subscription`. OAuth mode: the app creates its own through /v1/webhooks (one per
// event). Manual mode: a person creates a webhook in the ATS Webhooks tab (URL shown on the Connect page) and
// pastes its signature token. Either way the receiver verifies with the stored tokens only — so replacing a
// token ("Regenerate token", below: the app's own) makes the old one fail at once.
import type { Webhook, WebhookEvent } from '@hireloop/lever';
import * as subscriptions from '@hireloop/app-kit/webhooks/subscriptions';
import { signatureTokenContext, type WebhookManager } from '@hireloop/app-kit/webhooks/subscriptions';
import type { OnboardingContext } from '../../context.ts';
import type { OnboardingKysely } from '../../db.ts';
import { withLever } from '../connection/connection.service.ts';
import { findConnectionRow } from '../connection/connection.repository.ts';

/** candidateHired starts a journey; the others are corrections (unhire, re-archive, stage moves, deletion). */
export const HIRE_EVENTS = Object.freeze([
  'candidateHired',
  'candidateArchiveChange',
  'candidateStageChange',
  'candidateDeleted',
] as const satisfies readonly WebhookEvent[]);

export const webhookUrl = (ctx: OnboardingContext, organizationId: string) =>
  `${ctx.publicUrl}/onboarding/hooks/lever/${organizationId}`;

const manager = (ctx: OnboardingContext): WebhookManager => ({
  db: ctx.db,
  schema: 'onboarding',
  cipher: () => ctx.cipher(),
  webhookUrl: (organizationId) => webhookUrl(ctx, organizationId),
  withLever: (organizationId, fn) => withLever(ctx, organizationId, fn),
});

/** The rows with `rotated_at` (onboarding's own column: when a token was last replaced). */
export const listSubscriptions = (db: OnboardingKysely, organizationId: string) =>
  db
    .selectFrom('onboarding.webhook_subscription')
    .select(['id', 'origin', 'event', 'ats_webhook_id', 'url', 'created_at', 'rotated_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .execute();

/** Every token that may sign a delivery for this organization (decrypted, for verification only). */
export const signatureSecrets = (ctx: OnboardingContext, organizationId: string): Promise<string[]> =>
  subscriptions.signatureSecrets(manager(ctx), organizationId);

/** Creates the webhooks the app does not have yet (safe to call again, e.g. after a reconnect). */
export async function ensureWebhooks(
  ctx: OnboardingContext,
  organizationId: string,
): Promise<subscriptions.EnsureResult> {
  const row = await findConnectionRow(ctx.db, organizationId);
  return subscriptions.ensureWebhooks(manager(ctx), organizationId, {
    grant:
      row?.status === 'connected' && row.mode === 'oauth'
        ? { scopes: row.scopes }
        : { unusable: 'not connected by OAuth' },
    events: HIRE_EVENTS,
  });
}

/**
 * "Regenerate token" pasted by a person (manual mode, or a webhook regenerated in the ATS Webhooks tab):
 * every manual token is replaced by this one, so deliveries signed with an old one fail from now on.
 */
export async function replaceManualToken(
  ctx: OnboardingContext,
  organizationId: string,
  token: string,
): Promise<void> {
  const cipher = await ctx.cipher();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('onboarding.webhook_subscription')
      .where('organization_id', '=', organizationId)
      .where('origin', '=', 'manual')
      .execute();
    await trx
      .insertInto('onboarding.webhook_subscription')
      .values({
        organization_id: organizationId,
        origin: 'manual',
        event: 'any',
        ats_webhook_id: null,
        url: webhookUrl(ctx, organizationId),
        signature_token_enc: cipher.encrypt(token.trim(), signatureTokenContext(organizationId)),
        rotated_at: new Date(),
      })
      .execute();
  });
}

/** OAuth mode: rotates every app webhook's token through the ATS (`POST /v1/webhooks/:id/rotate_token`). */
export async function rotateApiTokens(ctx: OnboardingContext, organizationId: string): Promise<number> {
  const subs = (await listSubscriptions(ctx.db, organizationId)).filter(
    (s) => s.origin === 'api' && s.ats_webhook_id,
  );
  const cipher = await ctx.cipher();
  await withLever(ctx, organizationId, async (client) => {
    for (const s of subs) {
      const rotated = await client.request<{ data: Webhook & { configuration: { signatureToken: string } } }>(
        {
          method: 'POST',
          path: `/webhooks/${encodeURIComponent(s.ats_webhook_id!)}/rotate_token`,
          // A breach: the ATS must stop signing with the old token at once too (its default keeps it a day).
          body: { overlapSeconds: 0 },
        },
      );
      await ctx.db
        .updateTable('onboarding.webhook_subscription')
        .set({
          signature_token_enc: cipher.encrypt(
            rotated.data.configuration.signatureToken,
            signatureTokenContext(organizationId),
          ),
          rotated_at: new Date(),
        })
        .where('id', '=', s.id)
        .execute();
    }
  });
  return subs.length;
}

/** Deletes the app's own webhooks in the ATS (404 = already gone) and forgets every subscription. */
export const deleteAppWebhooks = (ctx: OnboardingContext, organizationId: string): Promise<string[]> =>
  subscriptions.deleteAppWebhooks(manager(ctx), organizationId);
