// Jobs from the ATS, three ways (DESIGN data flow 3):
//  - full: every posting; jobs missing from the listing are removed (hourly reconcile, "Sync now", connect);
//  - delta: postings with updatedAt ≥ watermark − overlap, plus /postings/deleted (every minute);
//  - posting: one posting re-fetched after an extension event (postingCreated/Updated/Deleted) — seconds.
// Every run is recorded (referrals.sync_run) with counts and reward-tag warnings; a malformed tag is a
// warning, never a failure. Requests go through the Lever client's token bucket and retry 429/5xx.
import { LeverApiError } from '@hireloop/lever';
import type { ReferralsContext } from '../../context.ts';
import type { SyncWarning } from '../../db.ts';
import { NotConnectedError, withLever } from '../connection/connection.service.ts';
import { findConnection, markConnection } from '../connection/connection.repository.ts';
import { finishSyncRun, markJobsRemoved, startSyncRun, upsertJobFromPosting } from './job.repository.ts';

export const SYNC_JOBS_JOB = 'referrals.sync-jobs';

/** Postings updated within this overlap before the watermark are read again (clock skew, same-ms writes). */
export const DELTA_OVERLAP_MS = 2 * 60 * 1000;

export type SyncKind = 'full' | 'delta' | 'posting';

export interface SyncRequest {
  organizationId: string;
  kind: SyncKind;
  trigger: string;
  postingId?: string;
}

export interface SyncOutcome {
  runId: string;
  upserted: number;
  removed: number;
  warnings: SyncWarning[];
}

const isGone = (e: unknown) => e instanceof LeverApiError && (e.status === 404 || e.status === 410);

export async function runJobSync(ctx: ReferralsContext, req: SyncRequest): Promise<SyncOutcome | undefined> {
  const connection = await findConnection(ctx.db, req.organizationId);
  if (!connection || connection.status !== 'connected') return undefined;
  const runId = await startSyncRun(ctx.db, req.organizationId, req.kind, req.trigger);
  const warnings: SyncWarning[] = [];
  let upserted = 0;
  let removed = 0;
  const startedAt = Date.now();
  try {
    await withLever(ctx, req.organizationId, async (client) => {
      const org = req.organizationId;
      if (req.kind === 'posting') {
        if (!req.postingId) throw new Error('posting sync needs a postingId');
        try {
          const posting = await client.postings.get(req.postingId);
          const r = await upsertJobFromPosting(ctx.db, org, posting);
          if (r.warning) warnings.push(r.warning);
          upserted++;
        } catch (error) {
          if (!isGone(error)) throw error;
          removed += await markJobsRemoved(ctx.db, org, { postingIds: [req.postingId] });
        }
        return;
      }
      const since =
        req.kind === 'delta' && connection.jobsWatermarkMs !== null
          ? connection.jobsWatermarkMs - DELTA_OVERLAP_MS
          : undefined;
      let watermark = connection.jobsWatermarkMs ?? 0;
      const seen: string[] = [];
      for await (const posting of client.postings.list(
        since === undefined ? {} : { updated_at_start: since },
      )) {
        const r = await upsertJobFromPosting(ctx.db, org, posting);
        if (r.warning) warnings.push(r.warning);
        seen.push(posting.id);
        upserted++;
        watermark = Math.max(watermark, posting.updatedAt);
      }
      if (req.kind === 'full') {
        removed += await markJobsRemoved(ctx.db, org, { notIn: seen });
        await markConnection(ctx.db, org, {
          jobsWatermarkMs: watermark || startedAt,
          lastFullSyncAt: new Date(),
        });
      } else {
        if (since !== undefined) removed += await removeDeleted(client, ctx, org, since);
        // No delta before the first full sync: that one sets the watermark.
        await markConnection(ctx.db, org, { jobsWatermarkMs: watermark || startedAt });
      }
    });
    await finishSyncRun(ctx.db, runId, { status: 'succeeded', upserted, removed, warnings });
    return { runId, upserted, removed, warnings };
  } catch (error) {
    await finishSyncRun(ctx.db, runId, {
      status: 'failed',
      upserted,
      removed,
      warnings,
      error: (error as Error).message?.slice(0, 500) ?? String(error),
    });
    if (error instanceof NotConnectedError) return undefined;
    throw error;
  }
}

async function removeDeleted(
  client: Parameters<Parameters<typeof withLever>[2]>[0],
  ctx: ReferralsContext,
  organizationId: string,
  since: number,
): Promise<number> {
  const ids: string[] = [];
  try {
    for await (const d of client.postings.deleted({ deleted_at_start: since })) ids.push(d.id);
  } catch (error) {
    // An ATS without /postings/deleted (or a grant without it): the hourly full reconcile catches deletions.
    if (error instanceof LeverApiError && [403, 404, 405].includes(error.status)) return 0;
    throw error;
  }
  return markJobsRemoved(ctx.db, organizationId, { postingIds: ids });
}
