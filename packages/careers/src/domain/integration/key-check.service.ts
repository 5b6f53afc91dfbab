// Checks on save: the API key answers, it has every read permission the chosen settings need (a missing
// one is named, with why it is needed), and the company code is a job site on that ATS.
//  - Against the embedded ATS: `GET /v1/credential` (Hireloop extension) lists the key's permissions and
//    its confidential access in one request.
//  - Against real Lever (404 there): each needed endpoint is probed with `limit=1`; a 403 names the missing
//    permission. Permissions no endpoint can prove without data (downloading a resume when there is none)
//    are reported as unverified rather than assumed missing.
import { LeverApiError, findPermission, type PermissionKey } from '@hireloop/lever';
import { createReadOnlyClient, createReadOnlyPostingsClient } from './ats-client.ts';
import type { TransportOptions } from '@hireloop/lever';
import type { NeededPermission } from './settings.ts';

export class IntegrationCheckError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'IntegrationCheckError';
    this.field = field;
  }
}

export interface KeyCheck {
  /** Permissions the key is known to have (from /credential, or the probes that passed). */
  readonly granted: PermissionKey[];
  readonly confidentialAccess: boolean;
  /** Permissions that could not be checked (real Lever, no data to probe with). */
  readonly unverified: PermissionKey[];
  /** Write permissions the key carries (never used; shown as advice). */
  readonly writePermissions: string[];
  readonly via: 'credential' | 'probe';
}

const READ = /:(read|list|download)$/;

interface CredentialBody {
  data?: { permissions?: string[]; scopes?: string[]; confidentialAccess?: boolean };
}

const describe = (p: NeededPermission): string => {
  const def = findPermission(p.key);
  return `"${p.key}"${def ? ` (${def.label})` : ''}, needed because ${p.because}`;
};

export function missingMessage(missing: readonly NeededPermission[]): string {
  if (missing.length === 1)
    return `The API key is missing the permission ${describe(missing[0]!)}. Create a key with it (the recruitment-marketing preset has every one) and paste it here.`;
  return `The API key is missing ${missing.length} permissions: ${missing.map(describe).join('; ')}. Create a key with them (the recruitment-marketing preset has every one) and paste it here.`;
}

const authFailure = (e: unknown) => e instanceof LeverApiError && e.status === 401;

export async function checkApiKey(
  apiBaseUrl: string,
  apiKey: string,
  needed: readonly NeededPermission[],
  transport: Partial<TransportOptions> = {},
): Promise<KeyCheck> {
  const { lever } = createReadOnlyClient(apiBaseUrl, apiKey, { retries: 1, timeoutMs: 15_000, ...transport });
  let check: KeyCheck;
  try {
    const body = await lever.request<CredentialBody>({ method: 'GET', path: '/credential' });
    const perms = body.data?.permissions?.length ? body.data.permissions : (body.data?.scopes ?? []);
    check = {
      granted: perms.filter((p) => READ.test(p)) as PermissionKey[],
      confidentialAccess: body.data?.confidentialAccess === true,
      unverified: [],
      writePermissions: perms.filter((p) => !READ.test(p) && !p.startsWith('offline')),
      via: 'credential',
    };
  } catch (error) {
    if (authFailure(error))
      throw new IntegrationCheckError(
        'apiKey',
        'The ATS rejected this API key (401). Check that it is complete and not revoked.',
      );
    if (!(error instanceof LeverApiError) || ![403, 404, 405].includes(error.status))
      throw unreachable(error);
    check = await probe(lever, needed);
  }
  const missing = needed.filter((n) => !check.granted.includes(n.key) && !check.unverified.includes(n.key));
  if (missing.length) throw new IntegrationCheckError('apiKey', missingMessage(missing));
  return check;
}

function unreachable(error: unknown): IntegrationCheckError {
  const reason =
    error instanceof LeverApiError ? `${error.status} ${error.message}` : (error as Error).message;
  return new IntegrationCheckError('environment', `Could not reach the ATS API: ${reason}`);
}

type Lever = ReturnType<typeof createReadOnlyClient>['lever'];

/** Real Lever: one `limit=1` GET per needed permission; 403 = not granted. */
async function probe(lever: Lever, needed: readonly NeededPermission[]): Promise<KeyCheck> {
  const granted: PermissionKey[] = [];
  const unverified: PermissionKey[] = [];
  let opportunityId: string | undefined;
  const get = async (path: string, query: Record<string, string | number> = {}) =>
    lever.request<{ data?: { id?: string }[] }>({ method: 'GET', path, query: { limit: 1, ...query } });
  const tryGet = async (key: PermissionKey, path: string, query?: Record<string, string | number>) => {
    try {
      const body = await get(path, query);
      granted.push(key);
      return body;
    } catch (error) {
      if (authFailure(error))
        throw new IntegrationCheckError(
          'apiKey',
          'The ATS rejected this API key (401). Check that it is complete and not revoked.',
        );
      if (error instanceof LeverApiError && error.status === 403) return undefined;
      throw unreachable(error);
    }
  };
  for (const { key } of needed) {
    if (key === 'postings:list') await tryGet(key, '/postings');
    else if (key === 'stages:list') await tryGet(key, '/stages');
    else if (key === 'opportunities:list')
      opportunityId = (await tryGet(key, '/opportunities'))?.data?.[0]?.id;
    else if (key === 'resumes:list' && opportunityId)
      await tryGet(key, `/opportunities/${encodeURIComponent(opportunityId)}/resumes`);
    else unverified.push(key);
  }
  let confidentialAccess = false;
  try {
    await get('/postings', { confidentiality: 'all' });
    confidentialAccess = true;
  } catch {
    confidentialAccess = false;
  }
  return { granted, confidentialAccess, unverified, writePermissions: [], via: 'probe' };
}

/** The company code is the site in the jobs URL: it must be a Postings API site on that ATS. */
export async function checkCompanyCode(
  postingsBaseUrl: string,
  companyCode: string,
  transport: Partial<TransportOptions> = {},
): Promise<void> {
  const client = createReadOnlyPostingsClient(postingsBaseUrl, { timeoutMs: 15_000, ...transport });
  try {
    await client.list(companyCode, { limit: 1 });
  } catch (error) {
    if (error instanceof LeverApiError && error.status === 404)
      throw new IntegrationCheckError(
        'companyCode',
        `The ATS has no job site with the company code "${companyCode}". It is the part after /jobs/ (or jobs.lever.co/) in your job site's address.`,
      );
    throw new IntegrationCheckError(
      'companyCode',
      `Could not check the company code: ${(error as Error).message}`,
    );
  }
}
