// All SQL for OAuth grants (an app's account-wide authorization) and the Authorized Apps list. Revoking a
// grant revokes every token under it; the bearer check joins the grant, so that is effective at once.
import type { AtsKysely } from '../db.ts';
import type { OAuthGrantRow } from './oauth.repository.ts';

export function findLiveGrant(
  db: AtsKysely,
  accountId: string,
  clientRowId: string,
): Promise<OAuthGrantRow | undefined> {
  return db
    .selectFrom('ats.oauth_grant')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('client_id', '=', clientRowId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The live grant of the app in the account, created or re-consented with `scopes` (call in a transaction). */
export async function upsertGrant(
  db: AtsKysely,
  grant: { accountId: string; clientRowId: string; scopes: string[]; grantedBy: string },
): Promise<OAuthGrantRow> {
  const existing = await findLiveGrant(db, grant.accountId, grant.clientRowId);
  if (existing) {
    return db
      .updateTable('ats.oauth_grant')
      .set({ scopes: grant.scopes, granted_by: grant.grantedBy, updated_at: new Date() })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return db
    .insertInto('ats.oauth_grant')
    .values({
      account_id: grant.accountId,
      client_id: grant.clientRowId,
      scopes: grant.scopes,
      granted_by: grant.grantedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Revokes a grant and every token under it. Returns false when it was not live. */
export async function revokeGrant(db: AtsKysely, grantId: string, reason: string): Promise<boolean> {
  const now = new Date();
  const result = await db
    .updateTable('ats.oauth_grant')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('id', '=', grantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  await db
    .updateTable('ats.oauth_token')
    .set({ revoked_at: now })
    .where('grant_id', '=', grantId)
    .where('revoked_at', 'is', null)
    .execute();
  return result.numUpdatedRows > 0n;
}

export async function touchGrant(db: AtsKysely, grantId: string, at: Date): Promise<void> {
  await db.updateTable('ats.oauth_grant').set({ last_used_at: at }).where('id', '=', grantId).execute();
}

export interface AuthorizedAppRow {
  id: string;
  scopes: string[];
  created_at: Date;
  updated_at: Date;
  last_used_at: Date | null;
  client_id: string;
  app_name: string;
  granted_by_id: string;
  granted_by_name: string;
  granted_by_email: string;
}

/** Authorized Apps of an account: live grants with the app and who granted them, newest first. */
export function listAuthorizedApps(db: AtsKysely, accountId: string): Promise<AuthorizedAppRow[]> {
  return db
    .selectFrom('ats.oauth_grant as g')
    .innerJoin('ats.oauth_client as cl', 'cl.id', 'g.client_id')
    .innerJoin('ats.user as u', 'u.id', 'g.granted_by')
    .select([
      'g.id',
      'g.scopes',
      'g.created_at',
      'g.updated_at',
      'g.last_used_at',
      'cl.client_id',
      'cl.name as app_name',
      'u.id as granted_by_id',
      'u.name as granted_by_name',
      'u.email as granted_by_email',
    ])
    .where('g.account_id', '=', accountId)
    .where('g.revoked_at', 'is', null)
    .where('cl.revoked_at', 'is', null)
    .orderBy('g.updated_at', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
}

export function findGrantInAccount(
  db: AtsKysely,
  accountId: string,
  grantId: string,
): Promise<OAuthGrantRow | undefined> {
  return db
    .selectFrom('ats.oauth_grant')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', grantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
