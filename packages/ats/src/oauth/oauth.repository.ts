// All SQL for OAuth: clients, grants, codes and tokens. Secrets arrive here already hashed (oauth-secrets.ts).
import { sql } from 'kysely';
import type { AtsKysely, Row } from '../db.ts';

export type OAuthClientRow = Row<'ats.oauth_client'>;
export type OAuthGrantRow = Row<'ats.oauth_grant'>;
export type OAuthCodeRow = Row<'ats.oauth_code'>;
export type OAuthTokenRow = Row<'ats.oauth_token'>;

export async function insertClient(
  db: AtsKysely,
  client: {
    clientId: string;
    accountId: string | null;
    name: string;
    secretHash: string | null;
    isPublic: boolean;
    redirectUris: string[];
  },
): Promise<OAuthClientRow> {
  return db
    .insertInto('ats.oauth_client')
    .values({
      client_id: client.clientId,
      account_id: client.accountId,
      name: client.name,
      secret_hash: client.secretHash,
      is_public: client.isPublic,
      redirect_uris: client.redirectUris,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findLiveClient(db: AtsKysely, clientId: string): Promise<OAuthClientRow | undefined> {
  return db
    .selectFrom('ats.oauth_client')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeFamily(db: AtsKysely, familyId: string): Promise<void> {
  await db
    .updateTable('ats.oauth_token')
    .set({ revoked_at: new Date() })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertCode(
  db: AtsKysely,
  code: {
    codeHash: string;
    grantId: string;
    userId: string;
    redirectUri: string;
    scopes: string[];
    challenge: string | null;
    method: string | null;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<OAuthCodeRow> {
  return db
    .insertInto('ats.oauth_code')
    .values({
      code_hash: code.codeHash,
      grant_id: code.grantId,
      user_id: code.userId,
      redirect_uri: code.redirectUri,
      scopes: code.scopes,
      code_challenge: code.challenge,
      code_challenge_method: code.method,
      created_at: code.createdAt,
      expires_at: code.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface CodeWithGrant extends OAuthCodeRow {
  account_id: string;
  client_row_id: string;
  client_id_text: string;
  grant_revoked_at: Date | null;
}

export function findCodeByHash(db: AtsKysely, codeHash: string): Promise<CodeWithGrant | undefined> {
  return db
    .selectFrom('ats.oauth_code as c')
    .innerJoin('ats.oauth_grant as g', 'g.id', 'c.grant_id')
    .innerJoin('ats.oauth_client as cl', 'cl.id', 'g.client_id')
    .selectAll('c')
    .select([
      'g.account_id',
      'g.client_id as client_row_id',
      'cl.client_id as client_id_text',
      'g.revoked_at as grant_revoked_at',
    ])
    .where('c.code_hash', '=', codeHash)
    .executeTakeFirst();
}

/** Marks a code used; false when it already was (the caller then treats it as reuse). */
export async function markCodeUsed(db: AtsKysely, codeId: string): Promise<boolean> {
  const result = await db
    .updateTable('ats.oauth_code')
    .set({ used_at: new Date() })
    .where('id', '=', codeId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markCodeReused(db: AtsKysely, codeId: string): Promise<void> {
  await db.updateTable('ats.oauth_code').set({ reused_at: new Date() }).where('id', '=', codeId).execute();
}

export function findCodeById(db: AtsKysely, codeId: string): Promise<OAuthCodeRow | undefined> {
  return db.selectFrom('ats.oauth_code').selectAll().where('id', '=', codeId).executeTakeFirst();
}

export async function insertTokens(
  db: AtsKysely,
  tokens: {
    tokenHash: string;
    kind: 'access' | 'refresh';
    grantId: string;
    familyId: string;
    scopes: string[];
    expiresAt: Date;
  }[],
): Promise<void> {
  await db
    .insertInto('ats.oauth_token')
    .values(
      tokens.map((t) => ({
        token_hash: t.tokenHash,
        kind: t.kind,
        grant_id: t.grantId,
        family_id: t.familyId,
        scopes: t.scopes,
        expires_at: t.expiresAt,
      })),
    )
    .execute();
}

export interface TokenWithGrant extends OAuthTokenRow {
  account_id: string;
  granted_by: string;
  client_row_id: string;
  client_id_text: string;
  grant_revoked_at: Date | null;
  client_revoked_at: Date | null;
}

/** A token joined with its grant and client: what every token check needs, in one query. */
function selectTokenWithGrant(db: AtsKysely, tokenHash: string) {
  return db
    .selectFrom('ats.oauth_token as t')
    .innerJoin('ats.oauth_grant as g', 'g.id', 't.grant_id')
    .innerJoin('ats.oauth_client as cl', 'cl.id', 'g.client_id')
    .selectAll('t')
    .select([
      'g.account_id',
      'g.granted_by',
      'g.client_id as client_row_id',
      'cl.client_id as client_id_text',
      'g.revoked_at as grant_revoked_at',
      'cl.revoked_at as client_revoked_at',
    ])
    .where('t.token_hash', '=', tokenHash);
}

export function findTokenByHash(db: AtsKysely, tokenHash: string): Promise<TokenWithGrant | undefined> {
  return selectTokenWithGrant(db, tokenHash).executeTakeFirst();
}

/** The bearer check, one indexed query per API call (so a revoke is seen at once by every process). */
export function findLiveAccessToken(db: AtsKysely, tokenHash: string): Promise<TokenWithGrant | undefined> {
  return selectTokenWithGrant(db, tokenHash)
    .where('t.kind', '=', 'access')
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', sql<Date>`now()`)
    .where('g.revoked_at', 'is', null)
    .where('cl.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Rotation: marks a refresh token exchanged; false when it already was (reuse). */
export async function markRefreshRotated(db: AtsKysely, tokenId: string): Promise<boolean> {
  const result = await db
    .updateTable('ats.oauth_token')
    .set({ rotated_at: new Date() })
    .where('id', '=', tokenId)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeToken(db: AtsKysely, tokenId: string): Promise<void> {
  await db
    .updateTable('ats.oauth_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .execute();
}
