// What the jobs and candidates listings of one sync share: the window a listing reads, the database clock,
// progress reporting and how an error reads in the sync run.
import { sql } from 'kysely';
import { LeverApiError } from '@hireloop/lever';
import type { CareersContext } from '../../context.ts';
import { RECENT_CHANGES_MS } from '../integration/settings.ts';

/** Records updated within this overlap before the watermark are read again (clock skew, same-ms writes). */
export const DELTA_OVERLAP_MS = 2 * 60 * 1000;

/** Called once per stored page; `total` is unknown to Lever lists, so the CLI shows a running count. */
export type SyncProgress = (phase: 'jobs' | 'candidates', records: number) => void;

export const num = (v: string | number | null) => (v === null ? null : Number(v));

export function describeError(error: unknown): string {
  if (error instanceof LeverApiError) return `ATS answered ${error.status}: ${error.message}`.slice(0, 500);
  return ((error as Error).message ?? String(error)).slice(0, 500);
}

export async function dbNow(ctx: CareersContext): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(ctx.db);
  return new Date(rows[0]!.now);
}

/** Where a listing starts: the start date (or recent changes) the first time, the watermark after. */
export function windowStart(
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
