// The webhooks the app listens to. OAuth mode: the app creates its own through /v1/webhooks (one per event)
// and stores each signature token encrypted. Manual mode: a person creates a webhook in the ATS Webhooks tab
// (URL shown on the Connect page) and pastes its signature token. Either way the receiver verifies with the
// stored tokens only — so replacing a token ("Regenerate token") makes the old one fail at once.
import { LeverApiError, scopeSatisfies, type Webhook, type WebhookEvent } from '@hireloop/lever';
import type { OnboardingContext } from '../../context.ts';
import type { OnboardingKysely } from '../../db.ts';
import { withLever } from '../connection/connection.service.ts';
import { findConnectionRow } from '../connection/connection.repository.ts';
import { WEBHOOKS_SCOPE } from '../connection/endpoints.ts';

/** candidateHired starts a journey; the others are corrections (unhire, re-archive, stage moves, deletion). */
export const HIRE_EVENTS = Object.freeze([
  'candidateHired',
  'candidateArchiveChange',
  'candidateStageChange',
  'candidateDeleted',
] as const satisfies readonly WebhookEvent[]);

export const webhookUrl = (ctx: OnboardingContext, organizationId: string) =>
  `${ctx.publicUrl}/onboarding/hooks/lever/${organizationId}`;

const tokenContext = (organizationId: string) => `${organizationId}:signature_token`;

export const listSubscriptions = (db: OnboardingKysely, organizationId: string) =>
  db
    .selectFrom('onboarding.webhook_subscription')
    .select(['id', 'origin', 'event', 'ats_webhook_id', 'url', 'created_at', 'rotated_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .execute();

/** Every token that may sign a delivery for this organization (decrypted, for verification only). */
export async function signatureSecrets(ctx: OnboardingContext, organizationId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('onboarding.webhook_subscription')
    .select('signature_token_enc')
    .where('organization_id', '=', organizationId)
    .execute();
  const cipher = await ctx.cipher();
  return rows.map((r) => cipher.decrypt(r.signature_token_enc, tokenContext(organizationId)));
}

async function storeApiWebhook(
  ctx: OnboardingContext,
  organizationId: string,
  w: { id: string; event: string; url: string; token: string },
) {
  const cipher = await ctx.cipher();
  await ctx.db
    .insertInto('onboarding.webhook_subscription')
    .values({
      organization_id: organizationId,
      origin: 'api',
      event: w.event,
      ats_webhook_id: w.id,
      url: w.url,
      signature_token_enc: cipher.encrypt(w.token, tokenContext(organizationId)),
      rotated_at: null,
    })
    .execute();
}

/** Creates the webhooks the app does not have yet (safe to call again, e.g. after a reconnect). */
export async function ensureWebhooks(
  ctx: OnboardingContext,
  organizationId: string,
): Promise<{ created: string[]; manualOnly?: string }> {
  const row = await findConnectionRow(ctx.db, organizationId);
  if (!row || row.status !== 'connected' || row.mode !== 'oauth')
    return { created: [], manualOnly: 'not connected by OAuth' };
  if (!scopeSatisfies(row.scopes, WEBHOOKS_SCOPE))
    return { created: [], manualOnly: `the grant lacks ${WEBHOOKS_SCOPE}` };
  const have = new Set(
    (await listSubscriptions(ctx.db, organizationId)).filter((s) => s.origin === 'api').map((s) => s.event),
  );
  const url = webhookUrl(ctx, organizationId);
  const created: string[] = [];
  await withLever(ctx, organizationId, async (client) => {
    for (const event of HIRE_EVENTS) {
      if (have.has(event)) continue;
      const w = await client.webhooks.create({ url, event });
      await storeApiWebhook(ctx, organizationId, {
        id: w.id,
        event,
        url,
        token: w.configuration.signatureToken,
      });
      created.push(event);
    }
  });
  return { created };
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
        signature_token_enc: cipher.encrypt(token.trim(), tokenContext(organizationId)),
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
            tokenContext(organizationId),
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
export async function deleteAppWebhooks(ctx: OnboardingContext, organizationId: string): Promise<string[]> {
  const subs = (await listSubscriptions(ctx.db, organizationId)).filter(
    (s) => s.origin === 'api' && s.ats_webhook_id,
  );
  const problems: string[] = [];
  if (subs.length) {
    try {
      await withLever(ctx, organizationId, async (client) => {
        for (const s of subs) {
          try {
            await client.webhooks.delete(s.ats_webhook_id!);
          } catch (error) {
            if (!(error instanceof LeverApiError && error.status === 404))
              problems.push(`${s.event}: ${(error as Error).message}`);
          }
        }
      });
    } catch (error) {
      problems.push(`could not reach the ATS: ${(error as Error).message}`);
    }
  }
  await ctx.db
    .deleteFrom('onboarding.webhook_subscription')
    .where('organization_id', '=', organizationId)
    .execute();
  return problems;
}
