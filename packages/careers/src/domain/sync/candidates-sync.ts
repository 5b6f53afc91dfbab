// The candidates half of a sync: stage names, then opportunities (expanded stage and applications) page by
// page, each page one multi-row upsert; resumes copied when the settings ask for them.
import { LeverApiError, type ExpandedOpportunity, type LeverClient, type Resume } from '@hireloop/lever';
import type { CareersContext } from '../../context.ts';
import type { IntegrationRow, SyncItem } from '../../db.ts';
import { knownPostingIds } from '../jobs/job.repository.ts';
import {
  hasResume,
  removeCandidatesNotSyncedSince,
  replaceStages,
  saveResume,
  upsertCandidates,
  type CandidateValues,
} from '../candidates/candidate.repository.ts';
import { markIntegration } from '../integration/integration.repository.ts';
import { RECENT_CHANGES_MS, toSettings } from '../integration/settings.ts';
import type { SyncCounts } from './sync-run.repository.ts';
import { prefetchedPages } from './pages.ts';
import { partitionedPages } from './partitioned-pages.ts';
import { dbNow, describeError, num, windowStart, type SyncProgress } from './sync-window.ts';
import type { SyncRequest } from './sync.service.ts';

/**
 * Opportunities are read by up to this many walks over disjoint createdAt ranges (partitioned-pages.ts): at
 * ~100 ms per page one walk cannot use a 9.5 req/s budget; three can, and the shared bucket caps them.
 */
export const OPPORTUNITY_WALKS = 3;

/** Resumes larger than this are listed but not copied. */
export const MAX_RESUME_BYTES = 10 * 1024 * 1024;

export async function syncCandidates(
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
  for await (const page of prefetchedPages<{ id: string; text: string }>(lever, '/stages', {}, signal))
    stages.push(...page);
  await replaceStages(ctx.db, org, stages);
  const stageText = new Map(stages.map((s) => [s.id, s.text]));
  const query = {
    updated_at_start: since,
    expand: ['stage', 'applications'],
    confidentiality: row.confidential_access ? 'all' : undefined,
  };
  for await (const opps of partitionedPages<ExpandedOpportunity>(
    lever,
    '/opportunities',
    query,
    // A delta after a poll is a few pages: read in one walk (splitting would only add requests).
    watermarkBefore !== null && req.kind === 'delta' ? 1 : OPPORTUNITY_WALKS,
    signal,
  )) {
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
