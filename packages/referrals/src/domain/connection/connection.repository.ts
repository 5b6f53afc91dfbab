// The ATS connection row of an organization. Secrets go in and out through the cipher (AES-256-GCM,
// bound to `<organization id>:<column>`), so nothing here ever stores a token in clear.
import type { AtsConnectionRow, ReferralsKysely } from '../../db.ts';
import type { TokenCipher } from '@hireloop/platform/crypto/token-cipher';
import { revokeUrlFor, type AtsEndpoints, type AtsEnvironment } from '@hireloop/app-kit/connection/endpoints';
import {
  endpointColumns,
  openSecrets,
  sealSecret,
  sealTokenColumns,
  type ConnectionStore,
  type StoredTokens,
} from '@hireloop/app-kit/connection/stored-connection';

export type ConnectionStatus = AtsConnectionRow['status'];

export interface Connection {
  organizationId: string;
  environment: AtsEnvironment;
  endpoints: AtsEndpoints;
  clientId: string;
  status: ConnectionStatus;
  scopes: string[];
  lastError: string | null;
  lastErrorAt: Date | null;
  connectedAt: Date | null;
  tokenExpiresAt: Date | null;
  hasTokens: boolean;
  jobsWatermarkMs: number | null;
  lastFullSyncAt: Date | null;
}

export const toConnection = (row: AtsConnectionRow): Connection => ({
  organizationId: row.organization_id,
  environment: row.environment,
  endpoints: {
    apiBaseUrl: row.api_base_url,
    authorizeUrl: row.authorize_url,
    tokenUrl: row.token_url,
    revokeUrl: row.revoke_url ?? revokeUrlFor(row.token_url),
    audience: row.audience ?? '',
  },
  clientId: row.client_id,
  status: row.status,
  scopes: row.scopes,
  lastError: row.last_error,
  lastErrorAt: row.last_error_at,
  connectedAt: row.connected_at,
  tokenExpiresAt: row.token_expires_at,
  hasTokens: row.access_token_enc !== null,
  jobsWatermarkMs: row.jobs_watermark_ms === null ? null : Number(row.jobs_watermark_ms),
  lastFullSyncAt: row.last_full_sync_at,
});

export async function findConnectionRow(
  db: ReferralsKysely,
  organizationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<AtsConnectionRow | undefined> {
  let q = db.selectFrom('referrals.ats_connection').selectAll().where('organization_id', '=', organizationId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findConnection(
  db: ReferralsKysely,
  organizationId: string,
): Promise<Connection | undefined> {
  const row = await findConnectionRow(db, organizationId);
  return row && toConnection(row);
}

/** Organizations whose connection can be used (for the schedules). */
export async function listConnectedOrganizationIds(db: ReferralsKysely): Promise<string[]> {
  const rows = await db
    .selectFrom('referrals.ats_connection')
    .select('organization_id')
    .where('status', '=', 'connected')
    .execute();
  return rows.map((r) => r.organization_id);
}

/** Saves the chosen ATS and OAuth client; a new client means new tokens, so old ones are dropped. */
export async function upsertConnectionClient(
  db: ReferralsKysely,
  cipher: TokenCipher,
  input: {
    organizationId: string;
    environment: AtsEnvironment;
    endpoints: AtsEndpoints;
    clientId: string;
    /** undefined keeps the stored secret, null clears it (public client). */
    clientSecret?: string | null;
  },
): Promise<void> {
  const values = {
    environment: input.environment,
    ...endpointColumns(input.endpoints),
    client_id: input.clientId,
    ...(input.clientSecret === undefined
      ? {}
      : {
          client_secret_enc: input.clientSecret
            ? sealSecret(cipher, input.organizationId, 'client_secret', input.clientSecret)
            : null,
        }),
    updated_at: new Date(),
  };
  await db
    .insertInto('referrals.ats_connection')
    .values({
      organization_id: input.organizationId,
      client_secret_enc: null,
      ...values,
      access_token_enc: null,
      refresh_token_enc: null,
      token_expires_at: null,
      last_error: null,
      last_error_at: null,
      connected_at: null,
      connected_by: null,
      jobs_watermark_ms: null,
      last_full_sync_at: null,
    })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
    .execute();
}

export async function saveTokens(
  db: ReferralsKysely,
  cipher: TokenCipher,
  organizationId: string,
  tokens: StoredTokens,
  extra: { connectedBy?: string } = {},
): Promise<void> {
  await db
    .updateTable('referrals.ats_connection')
    .set({
      ...sealTokenColumns(cipher, organizationId, tokens),
      status: 'connected',
      last_error: null,
      last_error_at: null,
      ...(extra.connectedBy ? { connected_by: extra.connectedBy, connected_at: new Date() } : {}),
      updated_at: new Date(),
    })
    .where('organization_id', '=', organizationId)
    .execute();
}

/** The repository as the shared connection service (@hireloop/app-kit) sees it. */
export const connectionStore = (cipher: () => Promise<TokenCipher>): ConnectionStore<ReferralsKysely> => ({
  async find(db, organizationId, options) {
    const row = await findConnectionRow(db, organizationId, options);
    if (!row) return undefined;
    const c = toConnection(row);
    return {
      organizationId,
      mode: 'oauth',
      status: row.status,
      apiBaseUrl: row.api_base_url,
      authorizeUrl: row.authorize_url,
      tokenUrl: row.token_url,
      revokeUrl: c.endpoints.revokeUrl,
      audience: row.audience,
      clientId: row.client_id,
      hasAccessToken: c.hasTokens,
      tokenExpiresAt: row.token_expires_at,
      secrets: openSecrets(row, await cipher()),
    };
  },
  saveTokens: async (db, organizationId, tokens, connected) =>
    saveTokens(db, await cipher(), organizationId, tokens, { connectedBy: connected?.by }),
  markBroken: (db, organizationId, reason) =>
    markConnection(db, organizationId, { status: 'broken', lastError: reason }),
});

export async function markConnection(
  db: ReferralsKysely,
  organizationId: string,
  patch: {
    status?: ConnectionStatus;
    lastError?: string | null;
    jobsWatermarkMs?: number;
    lastFullSyncAt?: Date;
  },
): Promise<void> {
  await db
    .updateTable('referrals.ats_connection')
    .set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.lastError !== undefined
        ? { last_error: patch.lastError, last_error_at: patch.lastError ? new Date() : null }
        : {}),
      ...(patch.jobsWatermarkMs !== undefined ? { jobs_watermark_ms: patch.jobsWatermarkMs } : {}),
      ...(patch.lastFullSyncAt ? { last_full_sync_at: patch.lastFullSyncAt } : {}),
      updated_at: new Date(),
    })
    .where('organization_id', '=', organizationId)
    .execute();
}

export async function deleteConnection(db: ReferralsKysely, organizationId: string): Promise<void> {
  await db.deleteFrom('referrals.ats_connection').where('organization_id', '=', organizationId).execute();
}
