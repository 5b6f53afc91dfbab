// Saving the ATS integration (the form, and the demo seeder through `configureIntegration`): validate every
// field, compile the regexes, check the key and the company code against the ATS, store the key encrypted,
// and queue the first sync. Nothing is saved unless every check passes.
import type { CareersContext } from '../../context.ts';
import { compileWorkModeRules, RegexError } from '../classify/work-mode.ts';
import { endpointsFor } from './endpoints.ts';
import { findIntegration, saveIntegration } from './integration.repository.ts';
import { checkApiKey, checkCompanyCode, IntegrationCheckError, type KeyCheck } from './key-check.service.ts';
import { neededPermissions, type IntegrationSettings } from './settings.ts';
import { SYNC_JOB, type SyncRequest } from '../sync/sync.service.ts';

export interface ConfigureInput {
  readonly settings: IntegrationSettings;
  /** Blank keeps the stored key (the form never shows it again). */
  readonly apiKey: string;
}

export interface ConfigureOptions {
  /**
   * Skip the HTTP checks and trust these permissions — only for the demo seeder, which creates the key itself
   * through the ATS's own domain code while no server may be listening yet.
   */
  readonly trusted?: { permissions: readonly string[]; confidentialAccess: boolean };
  /** Queue a first sync (default true). */
  readonly enqueueSync?: boolean;
}

export interface ConfigureResult {
  readonly check: KeyCheck | undefined;
  readonly syncJobId: string | null;
}

export { IntegrationCheckError };

export async function configureIntegration(
  ctx: CareersContext,
  organizationId: string,
  input: ConfigureInput,
  options: ConfigureOptions = {},
): Promise<ConfigureResult> {
  const s = input.settings;
  try {
    compileWorkModeRules(s.remoteRegex, s.hybridRegex);
  } catch (error) {
    if (error instanceof RegexError) throw new IntegrationCheckError(error.field, error.message);
    throw error;
  }
  const existing = await findIntegration(ctx.db, organizationId);
  const cipher = await ctx.cipher();
  const apiKey =
    input.apiKey.trim() ||
    (existing ? cipher.decrypt(existing.api_key_enc, `${organizationId}:api_key`) : '');
  if (!apiKey) throw new IntegrationCheckError('apiKey', 'Paste the API key you created in the ATS');
  const endpoints = endpointsFor(s.environment, ctx.embeddedAtsUrl);
  let check: KeyCheck | undefined;
  let granted: readonly string[];
  let confidentialAccess: boolean;
  if (options.trusted) {
    granted = options.trusted.permissions;
    confidentialAccess = options.trusted.confidentialAccess;
  } else {
    check = await checkApiKey(endpoints.apiBaseUrl, apiKey, neededPermissions(s), ctx.leverTransport);
    await checkCompanyCode(endpoints.postingsBaseUrl, s.companyCode, ctx.leverTransport);
    granted = check.granted;
    confidentialAccess = check.confidentialAccess;
  }
  const resetWatermarks =
    !existing ||
    existing.api_base_url !== endpoints.apiBaseUrl ||
    existing.company_code !== s.companyCode ||
    existing.jobs_start_at?.getTime() !== s.jobsStartAt?.getTime() ||
    existing.candidates_start_at?.getTime() !== s.candidatesStartAt?.getTime() ||
    existing.confidential_access !== confidentialAccess;
  await saveIntegration(ctx.db, organizationId, {
    settings: s,
    apiBaseUrl: endpoints.apiBaseUrl,
    postingsBaseUrl: endpoints.postingsBaseUrl,
    apiKeyEnc: cipher.encrypt(apiKey, `${organizationId}:api_key`),
    grantedPermissions: granted,
    confidentialAccess,
    resetWatermarks,
  });
  ctx.pages.clear(organizationId);
  // Settings that change publication (states, channel, hidden rules, regexes) apply to stored jobs at the
  // next listing; a full sync re-reads every posting.
  const syncJobId =
    options.enqueueSync === false
      ? null
      : await enqueueSync(ctx, {
          organizationId,
          kind: 'full',
          scope: 'all',
          trigger: existing ? 'settings' : 'setup',
        });
  return { check, syncJobId };
}

/**
 * One sync per organization at a time (the queue is `stately` by organization: one queued, one active), so
 * one key's rate budget is spent by one client even with several worker processes. A request while one is
 * already queued joins it (returns null).
 */
export const enqueueSync = (ctx: CareersContext, req: SyncRequest) =>
  ctx.runtime.queue.send<SyncRequest>(SYNC_JOB, req, { singletonKey: req.organizationId });
