// What an accepted consent does: the app's account-wide grant (created, or re-consented with the scopes now
// requested) and a single-use code bound to the redirect URI, the PKCE challenge and the scopes, in one
// transaction. Who may accept is decided here too, so the page and the POST agree.
import type { AtsKysely } from '../db.ts';
import type { AccountRow } from '../domain/accounts/account.service.ts';
import type { UserRow } from '../domain/users/user.repository.ts';
import type { AuthorizeRequest } from './authorize-request.ts';
import { insertCode } from './oauth.repository.ts';
import { upsertGrant } from './oauth-grant.repository.ts';
import { AUTHORIZATION_CODE_TTL_S, newCode, sha256 } from './oauth-secrets.ts';

export const SUPER_ADMIN = 'super admin';

/** Why `user` may not authorize this app, or undefined when they may. */
export function consentBlockedReason(
  request: AuthorizeRequest,
  user: UserRow,
  account: AccountRow,
): string | undefined {
  if (request.client.account_id && request.client.account_id !== account.id) {
    return `${request.client.name} is a private app of another company; it cannot be authorized for ${account.name}.`;
  }
  if (user.access_role !== SUPER_ADMIN) {
    return `Only Super Admins of ${account.name} can authorize apps, and your role is "${user.access_role}". Ask a Super Admin to sign in and accept, or go back to the app.`;
  }
  return undefined;
}

/** Records the grant and returns a fresh authorization code and the grant (call inside a transaction). */
export async function issueAuthorizationCode(
  trx: AtsKysely,
  request: AuthorizeRequest,
  user: UserRow,
): Promise<{ code: string; grantId: string }> {
  const grant = await upsertGrant(trx, {
    accountId: user.account_id,
    clientRowId: request.client.id,
    scopes: [...request.scopes],
    grantedBy: user.id,
  });
  const code = newCode();
  const now = Date.now();
  await insertCode(trx, {
    codeHash: sha256(code),
    grantId: grant.id,
    userId: user.id,
    redirectUri: request.redirectUri,
    scopes: [...request.scopes],
    challenge: request.codeChallenge,
    method: request.codeChallengeMethod,
    createdAt: new Date(now),
    expiresAt: new Date(now + AUTHORIZATION_CODE_TTL_S * 1000),
  });
  return { code, grantId: grant.id };
}
