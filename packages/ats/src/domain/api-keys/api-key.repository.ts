// All SQL for API keys.
import type { AtsKysely, Row } from '../../db.ts';

export type ApiKeyRow = Row<'ats.api_key'>;

export async function insertApiKey(
  db: AtsKysely,
  key: {
    accountId: string;
    name: string;
    prefix: string;
    secretHash: string;
    permissions: string[];
    confidentialAccess: boolean;
    createdBy: string | null;
  },
): Promise<ApiKeyRow> {
  return db
    .insertInto('ats.api_key')
    .values({
      account_id: key.accountId,
      name: key.name,
      prefix: key.prefix,
      secret_hash: key.secretHash,
      permissions: key.permissions,
      confidential_access: key.confidentialAccess,
      created_by: key.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findActiveApiKeyByHash(db: AtsKysely, secretHash: string): Promise<ApiKeyRow | undefined> {
  return db
    .selectFrom('ats.api_key')
    .selectAll()
    .where('secret_hash', '=', secretHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listApiKeys(db: AtsKysely, accountId: string): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('ats.api_key')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiKey(db: AtsKysely, accountId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('ats.api_key')
    .set({ revoked_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function touchApiKey(db: AtsKysely, id: string, at: Date): Promise<void> {
  await db.updateTable('ats.api_key').set({ last_used_at: at }).where('id', '=', id).execute();
}
