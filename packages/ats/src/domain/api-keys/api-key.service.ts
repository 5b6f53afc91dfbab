// Creating and checking API keys. A key is shown once; we store its SHA-256 (256-bit random secrets make a
// slow hash pointless) and an 8-character prefix for the settings page. Permissions and the confidential
// toggle are fixed at creation, as in Lever (reference §5): to change them, create a new key.
import { createHash, randomBytes } from 'node:crypto';
import { AppError, Errors } from '@hireloop/platform';
import {
  PERMISSION_PRESETS,
  PERMISSIONS,
  isPermissionKey,
  type PermissionKey,
} from '@hireloop/lever/permissions';
import type { AtsKysely } from '../../db.ts';
import { findActiveApiKeyByHash, insertApiKey, type ApiKeyRow } from './api-key.repository.ts';

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export interface NewApiKey {
  readonly accountId: string;
  readonly name: string;
  readonly permissions?: readonly string[];
  readonly preset?: string;
  readonly all?: boolean;
  readonly confidentialAccess?: boolean;
  readonly createdBy?: string | null;
}

/** Resolves the requested permissions (explicit list, a preset or all) and rejects unknown ones by name. */
export function resolvePermissions(input: Pick<NewApiKey, 'permissions' | 'preset' | 'all'>): {
  permissions: PermissionKey[];
  confidentialDefault: boolean;
} {
  if (input.all) return { permissions: PERMISSIONS.map((p) => p.key), confidentialDefault: false };
  const chosen = new Set<PermissionKey>();
  let confidentialDefault = false;
  if (input.preset) {
    const preset = PERMISSION_PRESETS[input.preset];
    if (!preset) {
      throw new AppError(
        Errors.Validation,
        `Unknown preset "${input.preset}"; known presets: ${Object.keys(PERMISSION_PRESETS).join(', ')}`,
      );
    }
    preset.permissions.forEach((p) => chosen.add(p));
    confidentialDefault = preset.confidentialAccess;
  }
  const unknown = (input.permissions ?? []).filter((p) => !isPermissionKey(p));
  if (unknown.length)
    throw new AppError(Errors.Validation, `Unknown permission(s): ${unknown.join(', ')}`, {
      details: { unknown },
    });
  (input.permissions ?? []).forEach((p) => chosen.add(p as PermissionKey));
  if (chosen.size === 0)
    throw new AppError(Errors.Validation, 'Choose at least one permission, a preset, or all permissions');
  return { permissions: [...chosen].sort(), confidentialDefault };
}

export async function createApiKey(
  db: AtsKysely,
  input: NewApiKey,
): Promise<{ key: ApiKeyRow; secret: string }> {
  const name = input.name.trim();
  if (!name || name.length > 120)
    throw new AppError(Errors.Validation, 'A key needs a name of 1 to 120 characters');
  const { permissions, confidentialDefault } = resolvePermissions(input);
  const secret = randomBytes(32).toString('base64url');
  const key = await insertApiKey(db, {
    accountId: input.accountId,
    name,
    prefix: secret.slice(0, 8),
    secretHash: hashSecret(secret),
    permissions,
    confidentialAccess: input.confidentialAccess ?? confidentialDefault,
    createdBy: input.createdBy ?? null,
  });
  return { key, secret };
}

/** What the audit log keeps of a key (api_key.created): never its secret or hash. */
export const apiKeyAuditDetails = (key: ApiKeyRow) => ({
  name: key.name,
  prefix: key.prefix,
  permissions: key.permissions,
  confidentialAccess: key.confidential_access,
});

export function findApiKeyBySecret(db: AtsKysely, secret: string): Promise<ApiKeyRow | undefined> {
  return findActiveApiKeyByHash(db, hashSecret(secret));
}
