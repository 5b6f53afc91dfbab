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
}

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
    ...overrides.get(runtime),
  };
}

/** For tests: fake clock, resolver, … for everything this runtime's routes and jobs do. */
export function setWebhookDeps(runtime: Runtime, deps: Partial<WebhookDeps>): void {
  overrides.set(runtime, { ...overrides.get(runtime), ...deps });
}
