// Child process of run.ts for the half-rate latency: the paced load runs in a process of its own, so that the
// runner's heap from the overload rounds (autocannon, in the runner) and its GC pauses cannot stall the
// schedule — a stalled schedule counts as latency (paced.ts measures from the scheduled departure). P2 on
// PostgreSQL, p99 at half rate: from the runner 45.8 and 67.1 ms (the static baseline 37 and 27 ms); from
// this process 11.7 ms (the baseline 9.8 ms).
//   message in: PacedJob; message out: { result } or { error }
import type { BenchRequest } from './pair.ts';
import { measurePaced } from './paced.ts';
import type { RoundResult } from './stats.ts';

export interface PacedJob {
  url: string;
  request: BenchRequest;
  headers: Record<string, string>;
  /** Seconds of the same load first, not recorded. */
  settleSeconds: number;
  seconds: number;
  rate: number;
}

process.once('message', (job: PacedJob) => {
  void (async () => {
    try {
      await measurePaced(job.url, job.request, job.headers, job.settleSeconds, job.rate);
      const result: RoundResult = await measurePaced(
        job.url,
        job.request,
        job.headers,
        job.seconds,
        job.rate,
      );
      process.send!({ result }, () => process.exit(0));
    } catch (e) {
      process.send!({ error: (e as Error).message }, () => process.exit(1));
    }
  })();
});
