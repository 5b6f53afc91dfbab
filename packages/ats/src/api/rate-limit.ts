// Token bucket per credential (reference §1.10: ~10 req/s sustained, bursts to 20). With PGlite (one
// process) the buckets live in memory; with DATABASE_URL they live in platform.rate_bucket so the budget is
// shared by every web process — one statement per request refills the bucket and takes a token.
import { sql, type Kysely } from 'kysely';

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Whole seconds until a token is available (for Retry-After) when not allowed. */
  readonly retryAfterSeconds: number;
  readonly remaining: number;
}

export interface RateLimiter {
  take(key: string, now?: number): Promise<RateLimitDecision>;
}

export interface BucketPolicy {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** `refilled` = tokens in the bucket before this request; a refused request takes nothing. */
export function decide(refilled: number, policy: BucketPolicy): RateLimitDecision {
  if (refilled >= 1) return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(refilled - 1) };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / policy.ratePerSecond)), remaining: 0 };
}

export function refill(tokens: number, elapsedMs: number, policy: BucketPolicy): number {
  return Math.min(policy.burst, tokens + (Math.max(0, elapsedMs) / 1000) * policy.ratePerSecond);
}

export function memoryRateLimiter(policy: BucketPolicy): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async take(key, now = Date.now()) {
      const b = buckets.get(key);
      const refilled = b ? refill(b.tokens, now - b.at, policy) : policy.burst;
      buckets.set(key, { tokens: refilled >= 1 ? refilled - 1 : refilled, at: now });
      return decide(refilled, policy);
    },
  };
}

export function postgresRateLimiter(db: Kysely<unknown>, policy: BucketPolicy): RateLimiter {
  const { ratePerSecond: rate, burst } = policy;
  return {
    async take(key, now = Date.now()) {
      // FOR UPDATE serialises concurrent takes of one key across processes (READ COMMITTED re-reads the row).
      const { rows } = await sql<{ refilled: number }>`
        with cur as (
          select coalesce((
            select least(${burst}::float8, tokens + greatest(0, ${now}::bigint - updated_at_ms) / 1000.0 * ${rate}::float8)
            from platform.rate_bucket where key = ${key} for update
          ), ${burst}::float8) as refilled
        ), up as (
          insert into platform.rate_bucket (key, tokens, updated_at_ms)
          select ${key}, case when refilled >= 1 then refilled - 1 else refilled end, ${now}::bigint from cur
          on conflict (key) do update set tokens = excluded.tokens, updated_at_ms = excluded.updated_at_ms
          returning 1
        )
        select refilled from cur, up`.execute(db);
      return decide(Number(rows[0]?.refilled ?? 0), policy);
    },
  };
}
