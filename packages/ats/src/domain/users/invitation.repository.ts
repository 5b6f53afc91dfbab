// All SQL for invitation / set-password links (ats.user_invitation, migration 0005). Rows hold the
// SHA-256 of the token only.
import type { AtsKysely, NewRow, Row } from '../../db.ts';

export type InvitationRow = Row<'ats.user_invitation'>;

export async function insertInvitation(
  db: AtsKysely,
  row: NewRow<'ats.user_invitation'>,
): Promise<InvitationRow> {
  return db.insertInto('ats.user_invitation').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Ends every open link of the user (a newer invitation, a password set, a deactivation). */
export async function endOpenInvitations(db: AtsKysely, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('ats.user_invitation')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export function findInvitationByHash(db: AtsKysely, tokenHash: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('ats.user_invitation')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the link used; false when another request used it first (single use under concurrency). */
export async function useInvitation(db: AtsKysely, id: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('ats.user_invitation')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** The newest invitation per user of the account that is still open (for the Users page's "invited" badge). */
export async function listOpenInvitationUserIds(
  db: AtsKysely,
  accountId: string,
  now: Date,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('ats.user_invitation')
    .select('user_id')
    .distinct()
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
