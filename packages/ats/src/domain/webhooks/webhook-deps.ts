// What the webhook code needs from the process, in one injectable bundle: the SSRF policy (loopback only
// with HIRELOOP_ALLOW_PRIVATE_WEBHOOKS), the DNS resolver, the clock and random source of the retry
// schedule, and the HTTP timeout. Tests swap parts with setWebhookDeps(runtime, …).
import type { Runtime } from '@hireloop/platform';
import { OUTBOUND_TIMEOUT_MS, type Resolver } from '@hireloop/platform/net/ssrf';
import { systemClock, type Clock } from './retry-schedule.ts';

export interface WebhookDeps {
  readonly allowLoopback: boolean;
  readonly resolve: Resolver | undefined;
  readonly clock: Clock;
  readonly random: () => number;
  readonly timeoutMs: number;
  /** Deliveries a worker claims per pass. */
  readonly batchSize: number;
  /** How long a claimed delivery is reserved for its worker (a killed worker's claim lapses after it). */
  readonly leaseMs: number;
  /**
   * How long a batch waits for its slowest POSTs: then the finished ones are recorded and the batch's jobs
   * settle, while the late ones record on their own when they answer (or time out).
   */
  readonly batchPatienceMs: number;
}

/** Well above a healthy receiver's answer, far below the 15 s timeout a hung one would hold a batch for. */
const BATCH_PATIENCE_MS = 1_000;

const overrides = new WeakMap<Runtime, Partial<WebhookDeps>>();

export function webhookDeps(runtime: Runtime): WebhookDeps {
  return {
    allowLoopback: runtime.config.allowPrivateWebhooks,
    resolve: undefined,
    clock: systemClock,
    random: Math.random,
    timeoutMs: OUTBOUND_TIMEOUT_MS,
    batchSize: 200,
    leaseMs: OUTBOUND_TIMEOUT_MS + 15_000,
    batchPatienceMs: BATCH_PATIENCE_MS,
    ...overrides.get(runtime),
  };
}

/** For tests: fake clock, resolver, … for everything this runtime's routes and jobs do. */
export function setWebhookDeps(runtime: Runtime, deps: Partial<WebhookDeps>): void {
  overrides.set(runtime, { ...overrides.get(runtime), ...deps });
}
