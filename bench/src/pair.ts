// A benchmark pair: a Hireloop target measured against a baseline in the same run. Each side runs in its
// own child process (serve-side.ts) so the load generator (autocannon, in run.ts) does not share an event
// loop with the server it measures. A new pair is one file under pairs/ plus one line in pairs/index.ts.

export interface RunningSide {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** Headers every request to this side carries (e.g. the API key the side created in start()). */
  readonly requestHeaders?: Record<string, string>;
  close(): Promise<void>;
}

export interface Side {
  /** What is measured, for the report, e.g. "Hireloop /healthz (buildApp, embedded PGlite)". */
  readonly label: string;
  start(): Promise<RunningSide>;
}

export interface BenchRequest {
  readonly method?: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface Pair {
  readonly name: string;
  readonly description: string;
  readonly baseline: Side;
  readonly target: Side;
  /** The request each side answers; a side may set it up in start() (e.g. create an API key). */
  request(side: 'baseline' | 'target'): BenchRequest;
  /** Also measure latency at half the target's median rate (evenly paced open-model load, paced.ts), e.g. for "p99 at half max". */
  readonly latencyAtHalfRate?: boolean;
}

/**
 * A latency benchmark: not an A/B req/s pair but N timed samples of "something happens → it is visible"
 * (e.g. ATS posting change → employee portal). The runner starts it in its own process (it usually spawns
 * `hireloop start` as a child), then for each variant: `prepare` (untimed), warm-up samples (discarded), and
 * `samples` samples one after the other. `sample` returns the measured milliseconds. Variants let one run
 * hold a same-run baseline (e.g. raw `POST /v1/opportunities`) or a mode (extension events vs polling).
 */
export interface LatencyVariant {
  readonly name: string;
  /** For the report, e.g. "apply → opportunity in the ATS". */
  readonly label: string;
  /** Targets the report checks, in ms (e.g. { p99: 10_000 }). */
  readonly target?: { readonly p95?: number; readonly p99?: number };
}

export interface RunningLatencyBench {
  prepare?(variant: string): Promise<void>;
  sample(variant: string, index: number): Promise<number>;
  /** Settings worth recording next to the figures (data store, intervals, …). */
  readonly notes?: string;
  close(): Promise<void>;
}

export interface LatencyBench {
  readonly kind: 'latency';
  readonly name: string;
  readonly description: string;
  readonly variants: readonly LatencyVariant[];
  start(): Promise<RunningLatencyBench>;
}
