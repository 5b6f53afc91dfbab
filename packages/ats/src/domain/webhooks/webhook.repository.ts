// All SQL for webhook subscriptions (ats.webhook). Every query is scoped by account; deleted webhooks
// (soft delete, so their delivery log stays readable) are never returned.
import type { AtsKysely, Row, RowUpdate } from '../../db.ts';

export type WebhookRow = Row<'ats.webhook'>;

export interface NewWebhook {
  accountId: string;
  event: string;
  url: string;
  origins: string[];
  createdVia: 'api' | 'settings';
  createdBy: string | null;
  signatureToken: string;
}

export function insertWebhook(db: AtsKysely, w: NewWebhook): Promise<WebhookRow> {
  return db
    .insertInto('ats.webhook')
    .values({
      account_id: w.accountId,
      event: w.event,
      url: w.url,
      origins: w.origins,
      created_via: w.createdVia,
      created_by: w.createdBy,
      signature_token: w.signatureToken,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findWebhook(db: AtsKysely, accountId: string, id: string): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('ats.webhook')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function listWebhooks(db: AtsKysely, accountId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom('ats.webhook')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function updateWebhook(
  db: AtsKysely,
  accountId: string,
  id: string,
  patch: RowUpdate<'ats.webhook'>,
): Promise<WebhookRow | undefined> {
  return db
    .updateTable('ats.webhook')
    .set(patch)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Webhooks by id regardless of account (the delivery worker, which got the ids from tenant rows). */
export function findWebhooksByIds(db: AtsKysely, ids: readonly string[]): Promise<WebhookRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('ats.webhook').selectAll().where('id', 'in', ids).execute();
}
