// The ATS connection row of an organization. Secrets go in and out through the cipher (AES-256-GCM bound
// to `<organization id>:<column>`), so nothing here stores a credential in clear.
import type { TokenCipher } from '@hireloop/platform/crypto/token-cipher';
import type { ConnectionRow, OnboardingKysely } from '../../db.ts';
import type { AtsEndpoints, AtsEnvironment } from '@hireloop/app-kit/connection/endpoints';
import {
  endpointColumns,
  openSecrets,
  sealSecret,
  sealTokenColumns,
  type ConnectionStore,
  type StoredTokens,
} from '@hireloop/app-kit/connection/stored-connection';

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
    ...endpointColumns(input.endpoints),
    client_id: input.clientId,
    client_secret_enc: input.clientSecret
      ? sealSecret(cipher, input.organizationId, 'client_secret', input.clientSecret)
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
    api_key_enc: sealSecret(cipher, input.organizationId, 'api_key', input.apiKey),
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
  tokens: StoredTokens,
  connected = false,
): Promise<void> {
  await db
    .updateTable('onboarding.ats_connection')
    .set({
      ...sealTokenColumns(cipher, organizationId, tokens),
      status: 'connected',
      last_error: null,
      ...(connected ? { connected_at: new Date() } : {}),
      updated_at: new Date(),
    })
    .where('organization_id', '=', organizationId)
    .execute();
}

export const readSecrets = (row: ConnectionRow, cipher: TokenCipher) => openSecrets(row, cipher);

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

/** The repository as the shared connection service (@hireloop/app-kit) sees it. */
export const connectionStore = (cipher: () => Promise<TokenCipher>): ConnectionStore<OnboardingKysely> => ({
  async find(db, organizationId, options) {
    const row = await findConnectionRow(db, organizationId, options?.forUpdate);
    if (!row) return undefined;
    return {
      organizationId,
      mode: row.mode,
      // A pending OAuth connection has no tokens yet; the service refuses it like no connection.
      status: row.status,
      apiBaseUrl: row.api_base_url,
      authorizeUrl: row.authorize_url,
      tokenUrl: row.token_url,
      revokeUrl: row.revoke_url,
      audience: row.audience,
      clientId: row.client_id,
      hasAccessToken: row.access_token_enc !== null,
      tokenExpiresAt: row.token_expires_at,
      secrets: openSecrets(row, await cipher()),
    };
  },
  saveTokens: async (db, organizationId, tokens, connected) =>
    saveTokens(db, await cipher(), organizationId, tokens, connected !== undefined),
  markBroken,
});
