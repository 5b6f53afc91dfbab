// SQL for the "manage API credentials and integrations" flag (migration 0006): the Admins of an account
// and setting the flag on one of them. Only Admins can hold it; Super Admins always have it.
import type { AtsKysely } from '../../db.ts';
import type { UserRow } from '../../domain/users/user.repository.ts';

export function listActiveAdmins(db: AtsKysely, accountId: string): Promise<UserRow[]> {
  return db
    .selectFrom('ats.user')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('access_role', '=', 'admin')
    .where('deactivated_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Sets the flags of the account's Admins: on for `allowedIds`, off for the others. Returns how many changed. */
export async function setIntegrationManagers(
  db: AtsKysely,
  accountId: string,
  allowedIds: readonly string[],
): Promise<number> {
  const admins = db
    .updateTable('ats.user')
    .where('account_id', '=', accountId)
    .where('access_role', '=', 'admin');
  const on = allowedIds.length
    ? await admins
        .set({ can_manage_integrations: true })
        .where('id', 'in', allowedIds)
        .where('can_manage_integrations', '=', false)
        .executeTakeFirst()
    : { numUpdatedRows: 0n };
  let off = admins.set({ can_manage_integrations: false }).where('can_manage_integrations', '=', true);
  if (allowedIds.length) off = off.where('id', 'not in', allowedIds);
  const offResult = await off.executeTakeFirst();
  return Number(on.numUpdatedRows + offResult.numUpdatedRows);
}
