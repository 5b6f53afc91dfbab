// The webhooks an app listens to, over the app's own `<schema>.webhook_subscription` table. With
// `webhooks:write:admin` granted the app creates its own through /v1/webhooks (one per event) and stores each
// signature token encrypted (bound to `<organization id>:signature_token`); otherwise — or in addition — a
// person creates them in the ATS by hand and pastes the token. The receiver verifies with the stored tokens
// only, so forgetting or replacing a token makes deliveries signed with it fail at once.
import type { ColumnType, Generated, Kysely } from 'kysely';
import { LeverApiError, scopeSatisfies, type LeverClient, type WebhookEvent } from '@hireloop/lever';
import type { TokenCipher } from '@hireloop/platform/crypto/token-cipher';

export const WEBHOOKS_SCOPE = 'webhooks:write:admin';

/** The columns every app's `<schema>.webhook_subscription` has (others must have defaults or be nullable). */
export interface WebhookSubscriptionTable {
  id: Generated<string>;
  organization_id: string;
  origin: 'api' | 'manual';
  event: string;
  ats_webhook_id: string | null;
  url: string;
  signature_token_enc: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

interface SubscriptionTables {
  webhook_subscription: WebhookSubscriptionTable;
}

/** Where an app keeps its subscriptions: its database (instance or transaction) and schema. */
export interface SubscriptionTable {
  readonly db: object;
  /** The app's Postgres schema, e.g. `referrals`. */
  readonly schema: string;
}

/** The table plus the cipher that seals the signature tokens. */
export interface SubscriptionStore extends SubscriptionTable {
  cipher(): Promise<TokenCipher>;
}

/** What managing the app's webhooks in the ATS needs on top of the store. */
export interface WebhookManager extends SubscriptionStore {
  /** The receiver URL for an organization (the app's hooks route). */
  webhookUrl(organizationId: string): string;
  /** The app's `withLever` for the organization (refresh, broken-connection marking). */
  withLever<T>(organizationId: string, fn: (client: LeverClient) => Promise<T>): Promise<T>;
}

export const signatureTokenContext = (organizationId: string): string => `${organizationId}:signature_token`;

const table = (store: SubscriptionTable) => (store.db as Kysely<SubscriptionTables>).withSchema(store.schema);

export interface Subscription {
  id: string;
  origin: 'api' | 'manual';
  event: string;
  atsWebhookId: string | null;
  url: string;
  createdAt: Date;
}

export async function listSubscriptions(
  store: SubscriptionTable,
  organizationId: string,
): Promise<Subscription[]> {
  const rows = await table(store)
    .selectFrom('webhook_subscription')
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
export async function signatureSecrets(store: SubscriptionStore, organizationId: string): Promise<string[]> {
  const rows = await table(store)
    .selectFrom('webhook_subscription')
    .select('signature_token_enc')
    .where('organization_id', '=', organizationId)
    .execute();
  const cipher = await store.cipher();
  return rows.map((r) => cipher.decrypt(r.signature_token_enc, signatureTokenContext(organizationId)));
}

export async function insertSubscription(
  store: SubscriptionStore,
  organizationId: string,
  input: {
    origin: 'api' | 'manual';
    event: string;
    atsWebhookId: string | null;
    url: string;
    signatureToken: string;
  },
): Promise<void> {
  const cipher = await store.cipher();
  await table(store)
    .insertInto('webhook_subscription')
    .values({
      organization_id: organizationId,
      origin: input.origin,
      event: input.event,
      ats_webhook_id: input.atsWebhookId,
      url: input.url,
      signature_token_enc: cipher.encrypt(input.signatureToken, signatureTokenContext(organizationId)),
    })
    .execute();
}

export async function removeSubscription(
  store: SubscriptionTable,
  organizationId: string,
  id: string,
): Promise<void> {
  await table(store)
    .deleteFrom('webhook_subscription')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

export interface EnsureWebhooksInput {
  /** The connection's granted scopes, or why the app cannot create webhooks through the API. */
  readonly grant: { readonly scopes: readonly string[] } | { readonly unusable: string };
  readonly events: readonly WebhookEvent[];
  /** Events the ATS may refuse (Hireloop extensions real Lever does not offer): refused → `unsupported`. */
  readonly optionalEvents?: readonly WebhookEvent[];
}

export interface EnsureResult {
  created: string[];
  existing: string[];
  /** Optional events the ATS refused (e.g. posting extensions on real Lever). */
  unsupported: string[];
  /** Why nothing was created through the API, when that is the case. */
  manualOnly?: string;
}

/** Creates the webhooks the app needs that it does not have yet. Safe to call again (after a reconnect). */
export async function ensureWebhooks(
  manager: WebhookManager,
  organizationId: string,
  input: EnsureWebhooksInput,
): Promise<EnsureResult> {
  const result: EnsureResult = { created: [], existing: [], unsupported: [] };
  if ('unusable' in input.grant) return { ...result, manualOnly: input.grant.unusable };
  if (!scopeSatisfies([...input.grant.scopes], WEBHOOKS_SCOPE))
    return { ...result, manualOnly: `the grant lacks ${WEBHOOKS_SCOPE}` };
  const have = new Set(
    (await listSubscriptions(manager, organizationId)).filter((s) => s.origin === 'api').map((s) => s.event),
  );
  const optional = new Set<string>(input.optionalEvents ?? []);
  const url = manager.webhookUrl(organizationId);
  await manager.withLever(organizationId, async (client) => {
    for (const event of [...input.events, ...optional] as WebhookEvent[]) {
      if (have.has(event)) {
        result.existing.push(event);
        continue;
      }
      try {
        const created = await client.webhooks.create({ url, event });
        await insertSubscription(manager, organizationId, {
          origin: 'api',
          event,
          atsWebhookId: created.id,
          url,
          signatureToken: created.configuration.signatureToken,
        });
        result.created.push(event);
      } catch (error) {
        const refused =
          error instanceof LeverApiError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 401 &&
          error.status !== 429;
        if (refused && optional.has(event)) result.unsupported.push(event);
        else throw error;
      }
    }
  });
  return result;
}

/** Deletes the app's own webhooks in the ATS (404 = already gone) and forgets every subscription. */
export async function deleteAppWebhooks(manager: WebhookManager, organizationId: string): Promise<string[]> {
  const subs = (await listSubscriptions(manager, organizationId)).filter(
    (s) => s.origin === 'api' && s.atsWebhookId,
  );
  const problems: string[] = [];
  if (subs.length) {
    try {
      await manager.withLever(organizationId, async (client) => {
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
  await table(manager)
    .deleteFrom('webhook_subscription')
    .where('organization_id', '=', organizationId)
    .execute();
  return problems;
}
