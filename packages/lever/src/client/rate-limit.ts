// Client-side token bucket: Lever allows ~10 req/s per key with bursts to ~20 (reference §1.10 [M]), so
// we stay under it instead of collecting 429s. Each request takes one token; when the bucket is empty the
// caller waits for its reserved slot (tokens may go negative: that is the queue, no timers to manage).
// Clients that spend one key's budget must share ONE bucket (pass it as `rateLimit`): two buckets at the
// key's rate send twice the rate, and the server answers 429.

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
  // May lie in the future while paused: nothing accrues before it.
  let updatedAt = clock.now();
  let pausedUntil = 0;
  const refill = (now: number) => {
    if (now <= updatedAt) return;
    tokens = Math.min(burst, tokens + ((now - updatedAt) / 1000) * perSecond);
    updatedAt = now;
  };
  return {
    async take(signal) {
      const now = clock.now();
      refill(now);
      tokens -= 1;
      const ready = updatedAt + (tokens >= 0 ? 0 : (-tokens / perSecond) * 1000);
      const pauseSeen = pausedUntil;
      if (ready > now) await clock.sleep(Math.ceil(ready - now), signal);
      // A pause that began while this caller slept (a 429 answered to another request) holds it too.
      for (let seen = pauseSeen; pausedUntil > seen;) {
        seen = pausedUntil;
        const t = clock.now();
        if (seen > t) await clock.sleep(Math.ceil(seen - t), signal);
      }
    },
    pauseUntil(untilMs) {
      refill(clock.now());
      pausedUntil = Math.max(pausedUntil, untilMs);
      // The bucket restarts empty at the end of the pause, so requests resume at the steady rate rather
      // than as a burst into a server bucket that has only just refilled.
      tokens = Math.min(tokens, 0);
      updatedAt = Math.max(updatedAt, untilMs);
    },
  };
};

/** A shared bucket passed as `rateLimit` (one budget for several clients of one key). */
export const isTokenBucket = (value: unknown): value is TokenBucket =>
  typeof value === 'object' && value !== null && typeof (value as TokenBucket).take === 'function';
