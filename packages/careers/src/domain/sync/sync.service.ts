// One sync of an organization: jobs (postings), then candidates (opportunities), through one read-only,
// rate-limited Lever client (DESIGN data flow 3, without the extension events):
//  - first run: everything changed since the start date (blank = recent changes only);
//  - delta: `updated_at_start` = watermark − overlap (closings, unpublishings and edits are updates);
//  - full: every posting/opportunity the key can see; rows not seen again are removed (deletions).
// Every run is recorded in careers.sync_run (requests, counts, skipped postings with the reason, errors).
import { sql } from 'kysely';
import {
  LeverApiError,
  type ExpandedOpportunity,
  type LeverClient,
  type Posting,
  type Resume,
} from '@hireloop/lever';
import type { CareersContext } from '../../context.ts';
import type { IntegrationRow, SyncItem } from '../../db.ts';
import { compileWorkModeRules } from '../classify/work-mode.ts';
import {
  knownPostingIds,
  recordSkipped,
  removeJobsNotSyncedSince,
  upsertJobs,
} from '../jobs/job.repository.ts';
import { postingToJob, type JobValues } from '../jobs/posting-to-job.ts';
import {
  hasResume,
  removeCandidatesNotSyncedSince,
  replaceStages,
  saveResume,
  upsertCandidates,
  type CandidateValues,
} from '../candidates/candidate.repository.ts';
import { createReadOnlyClient } from '../integration/ats-client.ts';
import { findIntegration, markIntegration } from '../integration/integration.repository.ts';
import { RECENT_CHANGES_MS, toSettings } from '../integration/settings.ts';
import { finishSyncRun, startSyncRun, type SyncCounts } from './sync-run.repository.ts';
import { prefetchedPages } from './pages.ts';

export const SYNC_JOB = 'careers.sync';
/** Records updated within this overlap before the watermark are read again (clock skew, same-ms writes). */
export const DELTA_OVERLAP_MS = 2 * 60 * 1000;
/** Resumes larger than this are listed but not copied. */
export const MAX_RESUME_BYTES = 10 * 1024 * 1024;

export type SyncScope = 'all' | 'jobs' | 'candidates';
export interface SyncRequest {
  organizationId: string;
  kind: 'full' | 'delta';
  scope: SyncScope;
  trigger: string;
}

export interface SyncResult extends SyncCounts {
  runId: string;
  status: 'succeeded' | 'failed';
}

/** Called once per stored page; `total` is unknown to Lever lists, so the CLI shows a running count. */
export type SyncProgress = (phase: 'jobs' | 'candidates', records: number) => void;

const num = (v: string | number | null) => (v === null ? null : Number(v));

export async function runSync(
  ctx: CareersContext,
  req: SyncRequest,
  progress: SyncProgress = () => {},
): Promise<SyncResult | undefined> {
  const row = await findIntegration(ctx.db, req.organizationId);
  if (!row) return undefined;
  const runId = await startSyncRun(ctx.db, req.organizationId, req.kind, req.scope, req.trigger);
  const counts: SyncCounts = {
    requests: 0,
    jobsUpserted: 0,
    jobsRemoved: 0,
    candidatesUpserted: 0,
    candidatesRemoved: 0,
    skipped: 0,
    skippedItems: [],
    errors: [],
  };
  const apiKey = (await ctx.cipher()).decrypt(row.api_key_enc, `${row.organization_id}:api_key`);
  const client = createReadOnlyClient(row.api_base_url, apiKey, ctx.leverTransport);
  let status: 'succeeded' | 'failed' = 'succeeded';
  try {
    if (req.scope !== 'candidates') await syncJobs(ctx, row, req, client.lever, counts, progress);
    if (req.scope !== 'jobs') await syncCandidates(ctx, row, req, client.lever, counts, progress);
    if (req.kind === 'full' && req.scope === 'all')
      await markIntegration(ctx.db, row.organization_id, { lastFullSyncAt: new Date() });
    await markIntegration(ctx.db, row.organization_id, { status: 'connected', lastError: null });
  } catch (error) {
    status = 'failed';
    const message = describeError(error);
    counts.errors.push(message);
    if (error instanceof LeverApiError && (error.status === 401 || error.status === 403))
      await markIntegration(ctx.db, row.organization_id, { status: 'broken', lastError: message });
  } finally {
    counts.requests = client.requests();
    await finishSyncRun(ctx.db, runId, status, counts);
  }
  ctx.pages.clear(row.organization_id);
  return { runId, status, ...counts };
}

function describeError(error: unknown): string {
  if (error instanceof LeverApiError) return `ATS answered ${error.status}: ${error.message}`.slice(0, 500);
  return ((error as Error).message ?? String(error)).slice(0, 500);
}

async function dbNow(ctx: CareersContext): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(ctx.db);
  return new Date(rows[0]!.now);
}

/** Where a listing starts: the start date (or recent changes) the first time, the watermark after. */
function windowStart(
  watermark: number | null,
  startAt: Date | null,
  savedAt: Date,
  kind: 'full' | 'delta',
): { since: number | undefined; removeUnseen: boolean } {
  if (watermark === null)
    return { since: startAt?.getTime() ?? savedAt.getTime() - RECENT_CHANGES_MS, removeUnseen: false };
  if (kind === 'full') return { since: undefined, removeUnseen: true };
  return { since: Math.max(0, watermark - DELTA_OVERLAP_MS), removeUnseen: false };
}

async function syncJobs(
  ctx: CareersContext,
  row: IntegrationRow,
  req: SyncRequest,
  lever: LeverClient,
  counts: SyncCounts,
  progress: SyncProgress,
): Promise<void> {
  const org = row.organization_id;
  const settings = toSettings(row);
  const rules = {
    settings,
    workModes: compileWorkModeRules(row.remote_regex, row.hybrid_regex),
    hidden: row.hidden_rules,
  };
  const startBound = settings.jobsStartAt?.getTime() ?? row.updated_at.getTime() - RECENT_CHANGES_MS;
  const watermarkBefore = num(row.jobs_watermark_ms);
  const { since, removeUnseen } = windowStart(
    watermarkBefore,
    settings.jobsStartAt,
    row.updated_at,
    req.kind,
  );
  const startedAt = await dbNow(ctx);
  let watermark = watermarkBefore ?? 0;
  const query = {
    updated_at_start: since,
    confidentiality: row.confidential_access ? 'all' : undefined,
  };
  for await (const postings of prefetchedPages<Posting>(lever, '/postings', query)) {
    // Older than the start date and never imported: outside the window the admin chose.
    const known = await knownPostingIds(
      ctx.db,
      org,
      postings.filter((p) => p.updatedAt < startBound).map((p) => p.id),
    );
    const jobs: JobValues[] = [];
    const skipped: SyncItem[] = [];
    for (const p of postings) {
      watermark = Math.max(watermark, p.updatedAt);
      if (p.updatedAt < startBound && !known.has(p.id)) continue;
      const outcome = postingToJob(org, p, rules);
      if (outcome.kind === 'job') jobs.push(outcome.values);
      else skipped.push({ id: p.id, title: p.text, reason: outcome.reason });
    }
    await ctx.db.transaction().execute(async (trx) => {
      await upsertJobs(trx, jobs);
      await recordSkipped(trx, org, skipped);
    });
    counts.jobsUpserted += jobs.length;
    counts.skipped += skipped.length;
    counts.skippedItems.push(...skipped.slice(0, Math.max(0, 200 - counts.skippedItems.length)));
    progress('jobs', jobs.length + skipped.length);
  }
  if (removeUnseen) counts.jobsRemoved += await removeJobsNotSyncedSince(ctx.db, org, startedAt);
  await markIntegration(ctx.db, org, {
    jobsWatermarkMs: watermark || startedAt.getTime(),
    lastJobPollAt: new Date(),
  });
}

async function syncCandidates(
  ctx: CareersContext,
  row: IntegrationRow,
  req: SyncRequest,
  lever: LeverClient,
  counts: SyncCounts,
  progress: SyncProgress,
): Promise<void> {
  const org = row.organization_id;
  const settings = toSettings(row);
  const startBound = settings.candidatesStartAt?.getTime() ?? row.updated_at.getTime() - RECENT_CHANGES_MS;
  const watermarkBefore = num(row.candidates_watermark_ms);
  const { since, removeUnseen } = windowStart(
    watermarkBefore,
    settings.candidatesStartAt,
    row.updated_at,
    req.kind,
  );
  const startedAt = await dbNow(ctx);
  let watermark = watermarkBefore ?? 0;
  // Stage names for the list (one request); the expanded stage on each opportunity wins when present.
  const stages: { id: string; text: string }[] = [];
  for await (const page of prefetchedPages<{ id: string; text: string }>(lever, '/stages', {}))
    stages.push(...page);
  await replaceStages(ctx.db, org, stages);
  const stageText = new Map(stages.map((s) => [s.id, s.text]));
  const query = {
    updated_at_start: since,
    expand: ['stage', 'applications'],
    confidentiality: row.confidential_access ? 'all' : undefined,
  };
  for await (const opps of prefetchedPages<ExpandedOpportunity>(lever, '/opportunities', query)) {
    const postingIdsOf = (o: ExpandedOpportunity) =>
      (o.applications ?? [])
        .map((a) => (typeof a === 'string' ? undefined : a.posting))
        .filter((p): p is string => !!p);
    const known = await knownPostingIds(ctx.db, org, [...new Set(opps.flatMap(postingIdsOf))]);
    const rows: CandidateValues[] = [];
    const skipped: SyncItem[] = [];
    for (const o of opps) {
      watermark = Math.max(watermark, o.updatedAt);
      if (o.updatedAt < startBound) continue;
      const postingIds = postingIdsOf(o);
      const linked = postingIds.filter((p) => known.has(p));
      if (linked.length === 0 && !settings.importUnknownCandidates) {
        skipped.push({ id: o.id, title: o.name, reason: 'not linked to a synced job' });
        continue;
      }
      const stage =
        typeof o.stage === 'string' ? { id: o.stage, text: stageText.get(o.stage) ?? null } : o.stage;
      rows.push({
        organization_id: org,
        ats_opportunity_id: o.id,
        name: o.name,
        headline: o.headline ?? '',
        emails: o.emails ?? [],
        location: o.location ?? '',
        sources: o.sources ?? [],
        origin: o.origin ?? null,
        stage_id: stage?.id ?? null,
        stage_text: stage?.text ?? null,
        archived: o.archived !== null && o.archived !== undefined,
        ats_posting_ids: postingIds,
        confidentiality: o.confidentiality,
        ats_created_at_ms: o.createdAt,
        ats_updated_at_ms: o.updatedAt,
      });
    }
    await upsertCandidates(ctx.db, rows);
    counts.candidatesUpserted += rows.length;
    counts.skipped += skipped.length;
    counts.skippedItems.push(...skipped.slice(0, Math.max(0, 200 - counts.skippedItems.length)));
    if (settings.syncResumes)
      for (const r of rows) await syncResumes(ctx, lever, org, r.ats_opportunity_id, counts);
    progress('candidates', rows.length + skipped.length);
  }
  if (removeUnseen) counts.candidatesRemoved += await removeCandidatesNotSyncedSince(ctx.db, org, startedAt);
  await markIntegration(ctx.db, org, {
    candidatesWatermarkMs: watermark || startedAt.getTime(),
    lastCandidatePollAt: new Date(),
  });
}

/** Copies resumes not stored yet (a resume never changes; a new upload is a new resume id). */
async function syncResumes(
  ctx: CareersContext,
  lever: LeverClient,
  org: string,
  opportunityId: string,
  counts: SyncCounts,
): Promise<void> {
  try {
    for await (const page of prefetchedPages<Resume>(
      lever,
      `/opportunities/${encodeURIComponent(opportunityId)}/resumes`,
      {},
    )) {
      for (const resume of page) {
        if (await hasResume(ctx.db, org, opportunityId, resume.id)) continue;
        const size = resume.file?.size ?? 0;
        let data: Buffer | null = null;
        let contentType = 'application/octet-stream';
        if (size <= MAX_RESUME_BYTES) {
          const res = await lever.opportunities.resumes.download(opportunityId, resume.id);
          contentType = res.headers.get('content-type') ?? contentType;
          data = Buffer.from(await res.arrayBuffer());
          if (data.length > MAX_RESUME_BYTES) data = null;
        }
        await saveResume(ctx.db, {
          organizationId: org,
          opportunityId,
          resumeId: resume.id,
          filename: resume.file?.name ?? 'resume',
          contentType,
          data,
          size: data?.length ?? size,
        });
      }
    }
  } catch (error) {
    // One candidate's resume failing (deleted meanwhile, 404) does not fail the run; it is reported.
    if (error instanceof LeverApiError && error.status !== 401 && error.status !== 403) {
      counts.errors.push(`Resume of opportunity ${opportunityId}: ${describeError(error)}`);
      return;
    }
    throw error;
  }
}
