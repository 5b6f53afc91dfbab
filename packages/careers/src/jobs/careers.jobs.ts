// Background jobs of the careers app (queue names prefixed `careers.`). A one-minute tick decides, per
// organization, what is due: a full reconcile (every FULL_RECONCILE_MS — the only way to see deletions,
// since Lever has no posting/opportunity delete events), else a delta of jobs and/or candidates by their own
// poll intervals. The sync itself runs in `careers.sync`, one per organization at a time.
import type { JobDefinition } from '@hireloop/platform';
import type { CareersContext } from '../context.ts';
import type { IntegrationRow } from '../db.ts';
import { enqueueSync } from '../domain/integration/configure.service.ts';
import { listIntegrations } from '../domain/integration/integration.repository.ts';
import { FULL_RECONCILE_MS } from '../domain/integration/settings.ts';
import { runSync, SYNC_JOB, type SyncRequest } from '../domain/sync/sync.service.ts';

export const POLL_JOB = 'careers.poll';

/** What the tick should queue for an integration now, if anything. */
export function dueSync(row: IntegrationRow, now: number): Omit<SyncRequest, 'organizationId'> | undefined {
  const since = (d: Date | null) => (d ? now - d.getTime() : Infinity);
  if (row.last_full_sync_at && since(row.last_full_sync_at) >= FULL_RECONCILE_MS)
    return { kind: 'full', scope: 'all', trigger: 'schedule' };
  const jobsDue = since(row.last_job_poll_at) >= row.job_poll_minutes * 60_000;
  const candidatesDue = since(row.last_candidate_poll_at) >= row.candidate_poll_minutes * 60_000;
  if (jobsDue && candidatesDue) return { kind: 'delta', scope: 'all', trigger: 'schedule' };
  if (jobsDue) return { kind: 'delta', scope: 'jobs', trigger: 'schedule' };
  if (candidatesDue) return { kind: 'delta', scope: 'candidates', trigger: 'schedule' };
  return undefined;
}

export async function pollDue(ctx: CareersContext, now = Date.now()): Promise<number> {
  let queued = 0;
  for (const row of await listIntegrations(ctx.db)) {
    // The first sync after saving sets last_full_sync_at; until then the setup sync is pending.
    if (!row.last_full_sync_at && !row.last_job_poll_at) continue;
    const due = dueSync(row, now);
    if (due && (await enqueueSync(ctx, { organizationId: row.organization_id, ...due }))) queued++;
  }
  return queued;
}

export function careersJobs(ctx: CareersContext): JobDefinition[] {
  return [
    {
      name: SYNC_JOB,
      concurrency: 2,
      // A failed run is recorded in careers.sync_run; the next tick tries again, so no queue retries.
      queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 2 * 3600 },
      handler: async (job) => void (await runSync(ctx, job.data as SyncRequest)),
    },
    {
      name: POLL_JOB,
      cron: '* * * * *',
      queue: { retryLimit: 0 },
      handler: async () => void (await pollDue(ctx)),
    },
  ];
}
