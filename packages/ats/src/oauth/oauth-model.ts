// The storage model @node-oauth/oauth2-server calls for /oauth/token (its grant types do the protocol:
// client authentication, code expiry, redirect_uri and PKCE verification — plain refused — and rotation).
// Added here: codes and tokens stored hashed; reuse detection (a used code revokes the tokens issued from
// it; a rotated or revoked refresh token presented again revokes the whole grant, RFC 9700 §2.2.2 and
// §4.14.2); refresh tokens only with `offline_access`; a revoked grant or app makes everything invalid.
import OAuth2Server from '@node-oauth/oauth2-server';
import { OFFLINE_ACCESS } from '@hireloop/lever/scopes';
import type { AtsKysely } from '../db.ts';
import {
  findCodeByHash,
  findCodeById,
  findLiveClient,
  findTokenByHash,
  insertTokens,
  markCodeReused,
  markCodeUsed,
  markRefreshRotated,
  revokeFamily,
  type OAuthClientRow,
} from './oauth.repository.ts';
import { revokeGrant } from './oauth-grant.repository.ts';
import { auditAts, systemActor } from '../domain/audit/ats-audit.ts';
import { newAccessToken, newRefreshToken, secretMatches, sha256 } from './oauth-secrets.ts';

/** What the library carries as `user` between our model calls. */
export interface GrantUser {
  readonly accountId: string;
  readonly grantId: string;
  /** The code the token chain descends from. */
  readonly familyId: string;
  /** Set when the chain starts at this code (checked again after saving, see saveToken). */
  readonly codeId?: string;
  /** Set for refresh grants: the refresh token being rotated. */
  readonly refreshTokenId?: string;
}

export interface ClientInfo extends OAuth2Server.Client {
  readonly row: OAuthClientRow;
}

const GRANTS = ['authorization_code', 'refresh_token'];

const toClient = (row: OAuthClientRow): ClientInfo => ({
  id: row.client_id,
  grants: GRANTS,
  redirectUris: row.redirect_uris,
  row,
});

/**
 * A client by id and secret. Confidential clients must present their secret; public clients present
 * none (they prove possession with PKCE instead) — a secret sent by a public client is an error too.
 */
export async function authenticateClient(
  db: AtsKysely,
  clientId: string,
  clientSecret: string | null | undefined,
): Promise<ClientInfo | undefined> {
  if (clientId.length > 200) return undefined;
  const row = await findLiveClient(db, clientId);
  if (!row) return undefined;
  if (row.is_public) return clientSecret ? undefined : toClient(row);
  return clientSecret && row.secret_hash && secretMatches(clientSecret, row.secret_hash)
    ? toClient(row)
    : undefined;
}

const auditReuse = (
  trx: AtsKysely,
  action: 'oauth_grant.code_reused' | 'oauth_grant.refresh_token_reused',
  accountId: string,
  grantId: string,
) => auditAts(trx, systemActor(accountId), action, ['oauth_grant', grantId]);

export function createOAuthModel(
  db: AtsKysely,
): OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel {
  // A rotated refresh token presented again: the whole grant goes, recorded by the ATS itself.
  const revokeForRefreshReuse = (accountId: string, grantId: string) =>
    db.transaction().execute(async (trx) => {
      if (await revokeGrant(trx, grantId, 'refresh token reuse'))
        await auditReuse(trx, 'oauth_grant.refresh_token_reused', accountId, grantId);
    });

  return {
    generateAccessToken: async () => newAccessToken(),
    generateRefreshToken: async () => newRefreshToken(),

    getClient: async (clientId, clientSecret) =>
      (await authenticateClient(db, clientId, clientSecret)) ?? null,

    async getAuthorizationCode(code) {
      const row = await findCodeByHash(db, sha256(code));
      if (!row || row.grant_revoked_at) return null;
      if (row.used_at) {
        // Reuse: the code leaked or is replayed — revoke what was issued from it (RFC 6749 §4.1.2).
        await db.transaction().execute(async (trx) => {
          await markCodeReused(trx, row.id);
          await revokeFamily(trx, row.id);
          await auditReuse(trx, 'oauth_grant.code_reused', row.account_id, row.grant_id);
        });
        return null;
      }
      const user: GrantUser = {
        accountId: row.account_id,
        grantId: row.grant_id,
        familyId: row.id,
        codeId: row.id,
      };
      return {
        authorizationCode: code,
        expiresAt: row.expires_at,
        redirectUri: row.redirect_uri,
        scope: row.scopes,
        client: { id: row.client_id_text, grants: GRANTS },
        user,
        codeChallenge: row.code_challenge ?? undefined,
        codeChallengeMethod: row.code_challenge_method ?? undefined,
      };
    },

    async saveAuthorizationCode() {
      throw new Error('codes are issued by the consent page (authorize.service.ts), not by the library');
    },

    async revokeAuthorizationCode(code) {
      const user = code.user as GrantUser;
      const first = await markCodeUsed(db, user.familyId);
      if (!first) {
        // Lost a race with another exchange of the same code: that is reuse as well.
        await db.transaction().execute(async (trx) => {
          await markCodeReused(trx, user.familyId);
          await revokeFamily(trx, user.familyId);
          await auditReuse(trx, 'oauth_grant.code_reused', user.accountId, user.grantId);
        });
      }
      return first;
    },

    async getRefreshToken(refreshToken) {
      const row = await findTokenByHash(db, sha256(refreshToken));
      if (!row || row.kind !== 'refresh' || row.grant_revoked_at || row.client_revoked_at) return null;
      if (row.rotated_at || row.revoked_at) {
        await revokeForRefreshReuse(row.account_id, row.grant_id);
        return null;
      }
      const user: GrantUser = {
        accountId: row.account_id,
        grantId: row.grant_id,
        familyId: row.family_id,
        refreshTokenId: row.id,
      };
      return {
        refreshToken,
        refreshTokenExpiresAt: row.expires_at,
        scope: row.scopes,
        client: { id: row.client_id_text, grants: GRANTS },
        user,
      };
    },

    async revokeToken(token) {
      const user = token.user as GrantUser;
      if (!user.refreshTokenId) return false;
      const first = await markRefreshRotated(db, user.refreshTokenId);
      if (!first) await revokeForRefreshReuse(user.accountId, user.grantId);
      return first;
    },

    async saveToken(token, client, rawUser) {
      const user = rawUser as GrantUser;
      const scopes = token.scope ?? [];
      const refresh = token.refreshToken && scopes.includes(OFFLINE_ACCESS) ? token.refreshToken : undefined;
      const base = { grantId: user.grantId, familyId: user.familyId, scopes };
      await insertTokens(db, [
        {
          ...base,
          kind: 'access',
          tokenHash: sha256(token.accessToken),
          expiresAt: token.accessTokenExpiresAt ?? new Date(),
        },
        ...(refresh
          ? [
              {
                ...base,
                kind: 'refresh' as const,
                tokenHash: sha256(refresh),
                expiresAt: token.refreshTokenExpiresAt ?? new Date(),
              },
            ]
          : []),
      ]);
      if (user.codeId && (await findCodeById(db, user.codeId))?.reused_at) {
        // A concurrent replay of this code was detected while we issued: what we just issued goes too.
        await revokeFamily(db, user.familyId);
        throw new OAuth2Server.InvalidGrantError('Invalid grant: authorization code was used more than once');
      }
      return {
        accessToken: token.accessToken,
        accessTokenExpiresAt: token.accessTokenExpiresAt,
        refreshToken: refresh,
        refreshTokenExpiresAt: refresh ? token.refreshTokenExpiresAt : undefined,
        scope: scopes,
        client,
        user,
      };
    },

    // Bearer tokens are checked by bearer.ts (every /v1 request), not through the library.
    getAccessToken: async () => null,
  };
}
