// The shape of an app's stored ATS connection as the shared connection service sees it. Each app keeps its
// own `<schema>.ats_connection` table and repository (the columns differ: onboarding has a manual API-key
// mode, referrals keeps sync watermarks and who connected); the repository implements `ConnectionStore` and
// uses the sealing helpers below, so secrets are encrypted the same way everywhere: AES-256-GCM bound to
// `<organization id>:<column>`, never stored in clear.
import type { TokenSet } from '@hireloop/lever';
import type { TokenCipher } from '@hireloop/platform/crypto/token-cipher';
import type { AtsEndpoints } from './endpoints.ts';

export type ConnectionStatus = 'pending' | 'connected' | 'broken';

export interface ConnectionSecrets {
  clientSecret: string | undefined;
  apiKey: string | undefined;
  accessToken: string | undefined;
  refreshToken: string | undefined;
}

export interface StoredConnection {
  readonly organizationId: string;
  /** `manual`: an API key (Basic auth), no OAuth. */
  readonly mode: 'oauth' | 'manual';
  readonly status: ConnectionStatus;
  readonly apiBaseUrl: string;
  readonly authorizeUrl: string | null;
  readonly tokenUrl: string | null;
  readonly revokeUrl: string | null;
  readonly audience: string | null;
  readonly clientId: string | null;
  readonly hasAccessToken: boolean;
  readonly tokenExpiresAt: Date | null;
  readonly secrets: ConnectionSecrets;
}

export type StoredTokens = Pick<TokenSet, 'accessToken' | 'refreshToken' | 'expiresAt' | 'scopes'>;

/** The app's repository, as the connection service needs it. `Db` is the app's Kysely or transaction. */
export interface ConnectionStore<Db> {
  find(
    db: Db,
    organizationId: string,
    options?: { forUpdate?: boolean },
  ): Promise<StoredConnection | undefined>;
  /** Stores fresh tokens (status connected, error cleared); `connected` on the first grant (callback). */
  saveTokens(
    db: Db,
    organizationId: string,
    tokens: StoredTokens,
    connected?: { by?: string },
  ): Promise<void>;
  markBroken(db: Db, organizationId: string, reason: string): Promise<void>;
}

/** The encrypted columns every app's `ats_connection` has (`api_key_enc` only where manual mode exists). */
export interface SealedSecretColumns {
  organization_id: string;
  client_secret_enc: string | null;
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  api_key_enc?: string | null;
}

export const sealSecret = (cipher: TokenCipher, organizationId: string, column: string, value: string) =>
  cipher.encrypt(value, `${organizationId}:${column}`);

export function openSecrets(row: SealedSecretColumns, cipher: TokenCipher): ConnectionSecrets {
  const open = (value: string | null | undefined, column: string) =>
    value ? cipher.decrypt(value, `${row.organization_id}:${column}`) : undefined;
  return {
    clientSecret: open(row.client_secret_enc, 'client_secret'),
    apiKey: open(row.api_key_enc, 'api_key'),
    accessToken: open(row.access_token_enc, 'access_token'),
    refreshToken: open(row.refresh_token_enc, 'refresh_token'),
  };
}

/** The token columns of a `saveTokens` update: a missing refresh token or empty scope list keeps the stored one. */
export function sealTokenColumns(cipher: TokenCipher, organizationId: string, tokens: StoredTokens) {
  return {
    access_token_enc: sealSecret(cipher, organizationId, 'access_token', tokens.accessToken),
    ...(tokens.refreshToken
      ? { refresh_token_enc: sealSecret(cipher, organizationId, 'refresh_token', tokens.refreshToken) }
      : {}),
    token_expires_at: tokens.expiresAt === undefined ? null : new Date(tokens.expiresAt),
    ...(tokens.scopes.length ? { scopes: tokens.scopes } : {}),
  };
}

/** The endpoint columns of an `ats_connection` row (the same names in every app). */
export const endpointColumns = (endpoints: AtsEndpoints) => ({
  api_base_url: endpoints.apiBaseUrl,
  authorize_url: endpoints.authorizeUrl,
  token_url: endpoints.tokenUrl,
  revoke_url: endpoints.revokeUrl,
  audience: endpoints.audience,
});
