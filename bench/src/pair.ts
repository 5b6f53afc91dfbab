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
  /** Also measure latency at half the target's median rate (fixed-rate load), e.g. for "p99 at half max". */
  readonly latencyAtHalfRate?: boolean;
}
