// The webhooks the app listens to. With `webhooks:write:admin` granted the app creates its own through
// /v1/webhooks (one per event) and stores each signature token encrypted; otherwise — or in addition — an
// admin creates them in the ATS by hand and pastes the token (the page shows the URL and where it goes).
// Posting events are a Hireloop extension: offered by the embedded ATS, refused by real Lever; the app
// asks, and falls back to delta polling when refused.
import { LeverApiError, scopeSatisfies, type WebhookEvent } from '@hireloop/lever';
import type { ReferralsContext } from '../../context.ts';
import type { ReferralsKysely } from '../../db.ts';
import { withLever } from '../connection/connection.service.ts';
import { findConnection } from '../connection/connection.repository.ts';
import { WEBHOOKS_SCOPE } from '../connection/scopes.ts';

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

export const webhookUrl = (ctx: ReferralsContext, organizationId: string) =>
  `${ctx.publicUrl}/referrals/hooks/lever/${organizationId}`;

export interface Subscription {
  id: string;
  origin: 'api' | 'manual';
  event: string;
  atsWebhookId: string | null;
  url: string;
  createdAt: Date;
}

export async function listSubscriptions(
  db: ReferralsKysely,
  organizationId: string,
): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('referrals.webhook_subscription')
    .select(['id', 'origin', 'event', 'ats_webhook_id', 'url', 'created_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    origin: r.origin,
    event: r.event,
    atsWebhookId: r.ats_webhook_id,
    url: r.url,
    createdAt: r.created_at,
  }));
}

/** Every signature token that may sign a delivery for this organization (decrypted, for verification). */
export async function signatureSecrets(ctx: ReferralsContext, organizationId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('referrals.webhook_subscription')
    .select('signature_token_enc')
    .where('organization_id', '=', organizationId)
    .execute();
  const cipher = await ctx.cipher();
  return rows.map((r) => cipher.decrypt(r.signature_token_enc, `${organizationId}:signature_token`));
}

export interface EnsureResult {
  created: string[];
  existing: string[];
  /** Events the ATS refused (e.g. posting extensions on real Lever). */
  unsupported: string[];
  /** Why nothing was created through the API, when that is the case. */
  manualOnly?: string;
}

/** Creates the webhooks the app needs that it does not have yet. Safe to call again (after a reconnect). */
export async function ensureWebhooks(ctx: ReferralsContext, organizationId: string): Promise<EnsureResult> {
  const connection = await findConnection(ctx.db, organizationId);
  const result: EnsureResult = { created: [], existing: [], unsupported: [] };
  if (!connection || connection.status !== 'connected') return { ...result, manualOnly: 'not connected' };
  if (!scopeSatisfies(connection.scopes, WEBHOOKS_SCOPE))
    return { ...result, manualOnly: `the grant lacks ${WEBHOOKS_SCOPE}` };
  const have = new Set(
    (await listSubscriptions(ctx.db, organizationId)).filter((s) => s.origin === 'api').map((s) => s.event),
  );
  const url = webhookUrl(ctx, organizationId);
  const cipher = await ctx.cipher();
  await withLever(ctx, organizationId, async (client) => {
    for (const event of [...STATUS_EVENTS, ...POSTING_EVENTS]) {
      if (have.has(event)) {
        result.existing.push(event);
        continue;
      }
      try {
        const created = await client.webhooks.create({ url, event });
        await ctx.db
          .insertInto('referrals.webhook_subscription')
          .values({
            organization_id: organizationId,
            origin: 'api',
            event,
            ats_webhook_id: created.id,
            url,
            signature_token_enc: cipher.encrypt(
              created.configuration.signatureToken,
              `${organizationId}:signature_token`,
            ),
          })
          .execute();
        result.created.push(event);
      } catch (error) {
        const refused =
          error instanceof LeverApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 401 &&
          error.status !== 429;
        if (refused && (POSTING_EVENTS as readonly string[]).includes(event)) result.unsupported.push(event);
        else throw error;
      }
    }
  });
  return result;
}

/** A webhook made by hand in the ATS: its signature token, pasted by an admin. */
export async function addManualSubscription(
  ctx: ReferralsContext,
  organizationId: string,
  input: { event: string; signatureToken: string },
): Promise<void> {
  const cipher = await ctx.cipher();
  await ctx.db
    .insertInto('referrals.webhook_subscription')
    .values({
      organization_id: organizationId,
      origin: 'manual',
      event: input.event,
      ats_webhook_id: null,
      url: webhookUrl(ctx, organizationId),
      signature_token_enc: cipher.encrypt(input.signatureToken.trim(), `${organizationId}:signature_token`),
    })
    .execute();
}

export async function removeSubscription(
  db: ReferralsKysely,
  organizationId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('referrals.webhook_subscription')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/** Deletes the app's own webhooks in the ATS (404 = already gone) and forgets every subscription. */
export async function deleteAppWebhooks(ctx: ReferralsContext, organizationId: string): Promise<string[]> {
  const subs = (await listSubscriptions(ctx.db, organizationId)).filter(
    (s) => s.origin === 'api' && s.atsWebhookId,
  );
  const problems: string[] = [];
  if (subs.length) {
    try {
      await withLever(ctx, organizationId, async (client) => {
        for (const s of subs) {
          try {
            await client.webhooks.delete(s.atsWebhookId!);
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
    .deleteFrom('referrals.webhook_subscription')
    .where('organization_id', '=', organizationId)
    .execute();
  return problems;
}
