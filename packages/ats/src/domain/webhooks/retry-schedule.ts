// When each delivery attempt happens, as data (STYLE.md, after svix): attempt 1 at once, then 5 s, 5 min,
// 30 min, 2 h, 5 h, 10 h, 10 h after the previous failure — 8 attempts over about 27.6 hours. Each wait is
// stretched by up to +20 % jitter so a receiver that comes back is not hit by every retry at once.
// The clock and the random source are injected so tests run the schedule in fake time.

export const RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
]);
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;
export const JITTER_RATIO = 0.2;
/** A webhook whose failures have lasted this long is disabled when a delivery exhausts its attempts. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3600_000;
/** Retry-After (429/503) is honoured up to this long; longer asks fall back to the cap. */
export const MAX_RETRY_AFTER_MS = 10 * 3600_000;

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Delay before the attempt that follows schedule step `nextStep` (1-based index into the schedule), or
 * undefined when the schedule is used up.
 */
export function retryDelayMs(nextStep: number, random: () => number = Math.random): number | undefined {
  const base = RETRY_SCHEDULE_MS[nextStep];
  if (base === undefined) return undefined;
  return Math.round(base * (1 + JITTER_RATIO * random()));
}

/** Retry-After as seconds or an HTTP date → ms from `now`, clamped to [1 s, MAX_RETRY_AFTER_MS]. */
export function parseRetryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 1000), MAX_RETRY_AFTER_MS);
}
