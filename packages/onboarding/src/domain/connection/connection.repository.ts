// The ATS connection row of an organization. Secrets go in and out through the cipher (AES-256-GCM bound
// to `<organization id>:<column>`), so nothing here stores a credential in clear.
import type { TokenCipher } from '@hireloop/platform/crypto/token-cipher';
import type { ConnectionRow, OnboardingKysely } from '../../db.ts';
import type { AtsEndpoints, AtsEnvironment } from './endpoints.ts';

export const findConnectionRow = (db: OnboardingKysely, organizationId: string, forUpdate = false) => {
  let q = db
    .selectFrom('onboarding.ats_connection')
    .selectAll()
    .where('organization_id', '=', organizationId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
};

const emptySecrets = {
  client_secret_enc: null,
  api_key_enc: null,
  access_token_enc: null,
  refresh_token_enc: null,
  token_expires_at: null,
  last_error: null,
  connected_at: null,
};

/** Starts (or restarts) an OAuth connection: endpoints and client; old tokens are dropped. */
export async function saveOAuthClient(
  db: OnboardingKysely,
  cipher: TokenCipher,
  input: {
    organizationId: string;
    environment: AtsEnvironment;
    endpoints: AtsEndpoints;
    clientId: string;
    clientSecret: string | null;
  },
): Promise<void> {
  const values = {
    ...emptySecrets,
    mode: 'oauth' as const,
    environment: input.environment,
    api_base_url: input.endpoints.apiBaseUrl,
    authorize_url: input.endpoints.authorizeUrl,
    token_url: input.endpoints.tokenUrl,
    revoke_url: input.endpoints.revokeUrl,
    audience: input.endpoints.audience,
    client_id: input.clientId,
    client_secret_enc: input.clientSecret
      ? cipher.encrypt(input.clientSecret, `${input.organizationId}:client_secret`)
      : null,
    scopes: [],
    status: 'pending' as const,
    updated_at: new Date(),
  };
  await db
    .insertInto('onboarding.ats_connection')
    .values({ organization_id: input.organizationId, ...values })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
    .execute();
}

/** Manual mode: an API key for reading (Basic auth); webhooks are made by a person in the ATS. */
export async function saveManualConnection(
  db: OnboardingKysely,
  cipher: TokenCipher,
  input: { organizationId: string; environment: AtsEnvironment; apiBaseUrl: string; apiKey: string },
): Promise<void> {
  const values = {
    ...emptySecrets,
    mode: 'manual' as const,
    environment: input.environment,
    api_base_url: input.apiBaseUrl,
    authorize_url: null,
    token_url: null,
    revoke_url: null,
    audience: null,
    client_id: null,
    api_key_enc: cipher.encrypt(input.apiKey, `${input.organizationId}:api_key`),
    scopes: [],
    status: 'connected' as const,
    connected_at: new Date(),
    updated_at: new Date(),
  };
  await db
    .insertInto('onboarding.ats_connection')
    .values({ organization_id: input.organizationId, ...values })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
    .execute();
}

export async function saveTokens(
  db: OnboardingKysely,
  cipher: TokenCipher,
  organizationId: string,
  tokens: { accessToken: string; refreshToken?: string; expiresAt?: number; scopes: string[] },
  connected = false,
): Promise<void> {
  await db
    .updateTable('onboarding.ats_connection')
    .set({
      access_token_enc: cipher.encrypt(tokens.accessToken, `${organizationId}:access_token`),
      ...(tokens.refreshToken
        ? { refresh_token_enc: cipher.encrypt(tokens.refreshToken, `${organizationId}:refresh_token`) }
        : {}),
      token_expires_at: tokens.expiresAt === undefined ? null : new Date(tokens.expiresAt),
      ...(tokens.scopes.length ? { scopes: tokens.scopes } : {}),
      status: 'connected',
      last_error: null,
      ...(connected ? { connected_at: new Date() } : {}),
      updated_at: new Date(),
    })
    .where('organization_id', '=', organizationId)
    .execute();
}

export function readSecrets(row: ConnectionRow, cipher: TokenCipher) {
  const org = row.organization_id;
  const open = (value: string | null, column: string) =>
    value ? cipher.decrypt(value, `${org}:${column}`) : undefined;
  return {
    clientSecret: open(row.client_secret_enc, 'client_secret'),
    apiKey: open(row.api_key_enc, 'api_key'),
    accessToken: open(row.access_token_enc, 'access_token'),
    refreshToken: open(row.refresh_token_enc, 'refresh_token'),
  };
}

export async function markBroken(
  db: OnboardingKysely,
  organizationId: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('onboarding.ats_connection')
    .set({ status: 'broken', last_error: reason, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .execute();
}
