// Client-side token bucket: Lever allows ~10 req/s per key with bursts to ~20 (reference §1.10 [M]), so
// we stay under it instead of collecting 429s. Each request takes one token; when the bucket is empty the
// caller waits for its reserved slot (tokens may go negative: that is the queue, no timers to manage).

export interface RateLimitOptions {
  /** Steady refill rate; default 10. */
  perSecond?: number;
  /** Bucket size; default 20. */
  burst?: number;
}

export const DEFAULT_RATE_LIMIT = Object.freeze({ perSecond: 10, burst: 20 });

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface TokenBucket {
  /** Resolves when the caller may send one request. */
  take(signal?: AbortSignal): Promise<void>;
  /** Hold every caller until `untilMs` (e.g. after a 429 with Retry-After). */
  pauseUntil(untilMs: number): void;
}

export const createTokenBucket = (
  options: RateLimitOptions = {},
  clock: { now: () => number; sleep: Sleep } = { now: Date.now, sleep },
): TokenBucket => {
  const perSecond = options.perSecond ?? DEFAULT_RATE_LIMIT.perSecond;
  const burst = options.burst ?? DEFAULT_RATE_LIMIT.burst;
  if (!(perSecond > 0) || !(burst >= 1))
    throw new RangeError('rate limit needs perSecond > 0 and burst >= 1');
  let tokens = burst;
  let updatedAt = clock.now();
  let pausedUntil = 0;
  return {
    async take(signal) {
      const now = clock.now();
      tokens = Math.min(burst, tokens + ((now - updatedAt) / 1000) * perSecond);
      updatedAt = now;
      tokens -= 1;
      const waitForToken = tokens >= 0 ? 0 : (-tokens / perSecond) * 1000;
      const wait = Math.max(waitForToken, pausedUntil - now);
      if (wait > 0) await clock.sleep(Math.ceil(wait), signal);
    },
    pauseUntil(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs);
    },
  };
};
