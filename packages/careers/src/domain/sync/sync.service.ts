// One sync of an organization: jobs (postings) and candidates (opportunities, candidates-sync.ts) listed
// side by side through one read-only client spending the key's shared rate bucket
// (DESIGN data flow 3, without the extension events):
//  - first run: everything changed since the start date (blank = recent changes only);
//  - delta: `updated_at_start` = watermark − overlap (closings, unpublishings and edits are updates);
//  - full: every posting/opportunity the key can see; rows not seen again are removed (deletions).
// Every run is recorded in careers.sync_run (requests, counts, skipped postings with the reason, errors).
import { LeverApiError, type LeverClient, type Posting } from '@hireloop/lever';
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
import { createReadOnlyClient } from '../integration/ats-client.ts';
import { findIntegration, markIntegration } from '../integration/integration.repository.ts';
import { RECENT_CHANGES_MS, toSettings } from '../integration/settings.ts';
import { syncCandidates } from './candidates-sync.ts';
import {
  beatSyncRun,
  claimSyncRun,
  finishSyncRun,
  SYNC_HEARTBEAT_MS,
  type SyncCounts,
} from './sync-run.repository.ts';
import { prefetchedPages } from './pages.ts';
import { dbNow, describeError, num, windowStart, type SyncProgress } from './sync-window.ts';

export { DELTA_OVERLAP_MS, type SyncProgress } from './sync-window.ts';
export { MAX_RESUME_BYTES } from './candidates-sync.ts';

export const SYNC_JOB = 'careers.sync';

export type SyncScope = 'all' | 'jobs' | 'candidates';
export interface SyncRequest {
  organizationId: string;
  kind: 'full' | 'delta';
  scope: SyncScope;
  trigger: string;
}

export interface SyncResult extends SyncCounts {
  /** The run's id; for `busy`, the id of the run already going on (nothing was done). */
  runId: string;
  status: 'succeeded' | 'failed' | 'busy';
}

export async function runSync(
  ctx: CareersContext,
  req: SyncRequest,
  progress: SyncProgress = () => {},
): Promise<SyncResult | undefined> {
  const row = await findIntegration(ctx.db, req.organizationId);
  if (!row) return undefined;
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
  const claim = await claimSyncRun(ctx.db, req.organizationId, req.kind, req.scope, req.trigger);
  if ('busy' in claim) return { runId: claim.busy, status: 'busy', ...counts };
  const runId = claim.id;
  const beat = setInterval(() => void beatSyncRun(ctx.db, runId).catch(() => {}), SYNC_HEARTBEAT_MS);
  beat.unref();
  const apiKey = (await ctx.cipher()).decrypt(row.api_key_enc, `${row.organization_id}:api_key`);
  const client = createReadOnlyClient(
    row.api_base_url,
    apiKey,
    ctx.leverTransport,
    ctx.rateBudget(row.api_base_url, apiKey),
  );
  let status: 'succeeded' | 'failed' = 'succeeded';
  try {
    await listConcurrently(ctx, row, req, client.lever, counts, progress);
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
    clearInterval(beat);
    counts.requests = client.requests();
    await finishSyncRun(ctx.db, runId, status, counts);
  }
  ctx.pages.clear(row.organization_id);
  return { runId, status, ...counts };
}

/**
 * Postings and opportunities are listed at the same time through the key's one bucket: each list is
 * sequential (keyset `next`), so with one list a request's latency, not the budget, would set the pace.
 * Candidates wait for the jobs only when they are filtered by synced jobs (import unknown = off). The first
 * failure stops the other list.
 */
async function listConcurrently(
  ctx: CareersContext,
  row: IntegrationRow,
  req: SyncRequest,
  lever: LeverClient,
  counts: SyncCounts,
  progress: SyncProgress,
): Promise<void> {
  const abort = new AbortController();
  let first: unknown;
  const guard = (p: Promise<void>) =>
    p.catch((error: unknown) => {
      first ??= error;
      abort.abort(error);
      throw error;
    });
  const tasks: Promise<void>[] = [];
  if (req.scope !== 'candidates')
    tasks.push(guard(syncJobs(ctx, row, req, lever, counts, progress, abort.signal)));
  if (req.scope !== 'jobs') {
    if (!row.import_unknown_candidates) await Promise.allSettled(tasks);
    if (!abort.signal.aborted)
      tasks.push(guard(syncCandidates(ctx, row, req, lever, counts, progress, abort.signal)));
  }
  await Promise.allSettled(tasks);
  if (first !== undefined) throw first;
}

async function syncJobs(
  ctx: CareersContext,
  row: IntegrationRow,
  req: SyncRequest,
  lever: LeverClient,
  counts: SyncCounts,
  progress: SyncProgress,
  signal: AbortSignal,
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
  for await (const postings of prefetchedPages<Posting>(lever, '/postings', query, signal)) {
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
