// Client for the test-only diagnostics routes (packages/server/src/diagnostics), used by the e2e tests.
import { getJson, postJson, waitFor } from './hireloop-process.ts';

export interface RunSummary {
  readonly runs: number;
  readonly distinct: number;
  readonly pids: readonly number[];
}

export const DIAGNOSTICS_ENV = { HIRELOOP_DIAGNOSTICS: '1', QUEUE_SUPERVISE_INTERVAL_SECONDS: '2' } as const;

export async function enqueueRuns(url: string, key: string, count: number, sleepMs?: number): Promise<void> {
  const res = await postJson<{ enqueued: number }>(`${url}/_diagnostics/jobs`, { key, count, sleepMs });
  if (res.status !== 202 || res.body.enqueued !== count) {
    throw new Error(`enqueue failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function runSummary(url: string, key: string): Promise<RunSummary> {
  const res = await getJson<RunSummary>(`${url}/_diagnostics/runs?key=${encodeURIComponent(key)}`);
  if (res.status !== 200) throw new Error(`runs failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Waits until at least `count` runs are recorded for `key`, and returns the summary. */
export function waitForRuns(url: string, key: string, count: number, timeoutMs: number): Promise<RunSummary> {
  return waitFor(
    `${count} runs of ${key}`,
    async () => {
      const summary = await runSummary(url, key);
      return summary.runs >= count ? summary : undefined;
    },
    timeoutMs,
    200,
  );
}
