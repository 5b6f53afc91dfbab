import type { LatencyBench, Pair } from '../pair.ts';
import { healthzPair } from './healthz.ts';
import { referralsApplyBench } from './referrals-apply.ts';
import { referralsJobsBench } from './referrals-jobs.ts';
import { careersJobPagePair } from './careers-job-page.ts';
import { apiKeyPair } from './api-key.ts';
import { opportunitiesListPair } from './opportunities-list.ts';

/** Every pair `npm run bench -- <name>` knows. Add a file under pairs/ and a line here. */
export const pairs: ReadonlyMap<string, Pair> = new Map(
  [healthzPair, careersJobPagePair, apiKeyPair, opportunitiesListPair].map((p) => [p.name, p]),
);

/** Latency benchmarks (pair.ts `LatencyBench`, run by run-latency.ts). */
export const latencyBenches: ReadonlyMap<string, LatencyBench> = new Map(
  [referralsApplyBench, referralsJobsBench].map((b) => [b.name, b]),
);
