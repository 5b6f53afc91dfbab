// All SQL of careers.integration.
import type { CareersKysely, IntegrationRow } from '../../db.ts';
import type { IntegrationSettings } from './settings.ts';

export const findIntegration = (
  db: CareersKysely,
  organizationId: string,
): Promise<IntegrationRow | undefined> =>
  db
    .selectFrom('careers.integration')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();

export interface SavedIntegration {
  readonly settings: IntegrationSettings;
  readonly apiBaseUrl: string;
  readonly postingsBaseUrl: string;
  readonly apiKeyEnc: string;
  readonly grantedPermissions: readonly string[];
  readonly confidentialAccess: boolean;
  /** Moving the ATS, the company code or the start dates restarts the watermarks (a fresh full sync). */
  readonly resetWatermarks: boolean;
}

export async function saveIntegration(
  db: CareersKysely,
  organizationId: string,
  s: SavedIntegration,
): Promise<void> {
  const st = s.settings;
  const values = {
    name: st.name,
    environment: st.environment,
    api_base_url: s.apiBaseUrl,
    postings_base_url: s.postingsBaseUrl,
    api_key_enc: s.apiKeyEnc,
    company_code: st.companyCode,
    sync_states: [...st.syncStates],
    channel: st.channel,
    remote_regex: st.remoteRegex,
    hybrid_regex: st.hybridRegex,
    hidden_rules: JSON.stringify(st.hiddenRules),
    sync_resumes: st.syncResumes,
    job_poll_minutes: st.jobPollMinutes,
    candidate_poll_minutes: st.candidatePollMinutes,
    jobs_start_at: st.jobsStartAt,
    candidates_start_at: st.candidatesStartAt,
    import_unknown_candidates: st.importUnknownCandidates,
    confidential_access: s.confidentialAccess,
    granted_permissions: [...s.grantedPermissions],
    status: 'connected' as const,
    last_error: null,
    updated_at: new Date(),
  };
  const reset = s.resetWatermarks
    ? { jobs_watermark_ms: null, candidates_watermark_ms: null, last_full_sync_at: null }
    : {};
  await db
    .insertInto('careers.integration')
    .values({ organization_id: organizationId, ...values })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ ...values, ...reset }))
    .execute();
}

export async function markIntegration(
  db: CareersKysely,
  organizationId: string,
  patch: {
    status?: 'connected' | 'broken';
    lastError?: string | null;
    jobsWatermarkMs?: number;
    candidatesWatermarkMs?: number;
    lastJobPollAt?: Date;
    lastCandidatePollAt?: Date;
    lastFullSyncAt?: Date;
  },
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.status) set.status = patch.status;
  if (patch.lastError !== undefined) set.last_error = patch.lastError;
  if (patch.jobsWatermarkMs !== undefined) set.jobs_watermark_ms = patch.jobsWatermarkMs;
  if (patch.candidatesWatermarkMs !== undefined) set.candidates_watermark_ms = patch.candidatesWatermarkMs;
  if (patch.lastJobPollAt) set.last_job_poll_at = patch.lastJobPollAt;
  if (patch.lastCandidatePollAt) set.last_candidate_poll_at = patch.lastCandidatePollAt;
  if (patch.lastFullSyncAt) set.last_full_sync_at = patch.lastFullSyncAt;
  if (Object.keys(set).length === 0) return;
  await db
    .updateTable('careers.integration')
    .set(set)
    .where('organization_id', '=', organizationId)
    .execute();
}

export const listIntegrations = (db: CareersKysely): Promise<IntegrationRow[]> =>
  db.selectFrom('careers.integration').selectAll().where('status', '=', 'connected').execute();
