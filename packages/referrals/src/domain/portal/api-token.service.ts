// Personal API tokens for the JSON API (a chat bot or a phone client acting as the person): `rlp_` + 32
// random bytes, shown once; only the SHA-256 is stored. A token acts with its owner's role and dies with
// the owner's account (disabled user → rejected).
import { randomBytes } from 'node:crypto';
import type { ReferralsKysely } from '../../db.ts';
import { hashToken, type AppUser } from '../orgs/user.repository.ts';

export const TOKEN_PREFIX = 'rlp_';

export async function createApiToken(db: ReferralsKysely, user: AppUser, name: string) {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('referrals.api_token')
    .values({
      organization_id: user.organization_id,
      user_id: user.id,
      name: name.trim().slice(0, 100) || 'API token',
      token_hash: hashToken(token),
      last_used_at: null,
      revoked_at: null,
    })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

export async function listApiTokens(db: ReferralsKysely, user: AppUser) {
  return db
    .selectFrom('referrals.api_token')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organization_id', '=', user.organization_id)
    .where('user_id', '=', user.id)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(db: ReferralsKysely, user: AppUser, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  await db
    .updateTable('referrals.api_token')
    .set({ revoked_at: new Date() })
    .where('organization_id', '=', user.organization_id)
    .where('user_id', '=', user.id)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The active user behind a bearer token, or undefined. */
export async function userForApiToken(db: ReferralsKysely, token: string): Promise<AppUser | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  const row = await db
    .selectFrom('referrals.api_token as t')
    .innerJoin('referrals.app_user as u', 'u.id', 't.user_id')
    .selectAll('u')
    .select('t.id as token_id')
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  await db
    .updateTable('referrals.api_token')
    .set({ last_used_at: new Date() })
    .where('id', '=', row.token_id)
    .execute();
  const { token_id: _ignored, ...user } = row;
  return user;
}
