// The demo account's structure, each part idempotent on its own: the account (by site), users (by email,
// with argon2id password hashes), locations, departments and teams (by name; ON CONFLICT DO NOTHING).
import { hashPassword } from '@hireloop/platform/passwords';
import type { AtsKysely } from '../db.ts';
import { createAccount, findAccountBySite, type AccountRow } from '../domain/accounts/account.service.ts';
import { findUserByEmail, insertUser, type UserRow } from '../domain/users/user.repository.ts';
import {
  DEMO_ACCOUNT_NAME,
  DEMO_DEPARTMENTS,
  DEMO_LOCATIONS,
  DEMO_PASSWORD,
  DEMO_SITE,
  DEMO_USERS,
} from './demo-company.ts';

export async function ensureDemoAccount(db: AtsKysely): Promise<{ account: AccountRow; created: boolean }> {
  const existing = await findAccountBySite(db, DEMO_SITE);
  if (existing) return { account: existing, created: false };
  return { account: await createAccount(db, { site: DEMO_SITE, name: DEMO_ACCOUNT_NAME }), created: true };
}

/** The demo users by key (owner, admin, recruiter, hm, …); creates the missing ones. */
export async function ensureDemoUsers(db: AtsKysely, accountId: string): Promise<Map<string, UserRow>> {
  const byKey = new Map<string, UserRow>();
  for (const u of DEMO_USERS) {
    const user =
      (await findUserByEmail(db, accountId, u.email)) ??
      (await insertUser(db, {
        accountId,
        name: u.name,
        email: u.email,
        accessRole: u.accessRole,
        jobTitle: u.jobTitle,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      }));
    byKey.set(u.key, user);
  }
  for (const u of DEMO_USERS) {
    const user = byKey.get(u.key);
    const manager = u.manager ? byKey.get(u.manager) : undefined;
    if (user && manager && user.manager_id === null) {
      await db.updateTable('ats.user').set({ manager_id: manager.id }).where('id', '=', user.id).execute();
    }
  }
  return byKey;
}

export async function ensureDemoStructure(db: AtsKysely, accountId: string): Promise<void> {
  await db
    .insertInto('ats.location')
    .values(DEMO_LOCATIONS.map((l) => ({ account_id: accountId, name: l.name, country: l.country })))
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
    .execute();
  await db
    .insertInto('ats.department')
    .values(Object.keys(DEMO_DEPARTMENTS).map((name) => ({ account_id: accountId, name })))
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
    .execute();
  const departments = await db
    .selectFrom('ats.department')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .execute();
  const teams = departments.flatMap((d) =>
    (DEMO_DEPARTMENTS[d.name] ?? []).map((name) => ({ account_id: accountId, department_id: d.id, name })),
  );
  if (teams.length) {
    await db
      .insertInto('ats.team')
      .values(teams)
      .onConflict((oc) => oc.columns(['account_id', 'department_id', 'name']).doNothing())
      .execute();
  }
}
