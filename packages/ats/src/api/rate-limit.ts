// Token bucket per credential (reference §1.10: ~10 req/s sustained, bursts to 20). With PGlite (one
// process) the buckets live in memory; with DATABASE_URL they live in platform.rate_bucket so the budget is
// shared by every web process (leased in small chunks, see postgresRateLimiter).
import { sql, type Kysely } from 'kysely';

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Whole seconds until a token is available (for Retry-After) when not allowed. */
  readonly retryAfterSeconds: number;
  readonly remaining: number;
}

export interface RateLimiter {
  /**
   * Takes a token from `key`'s bucket. Synchronous when this process can decide alone (the memory bucket, a
   * PostgreSQL lease with tokens left), so the auth hook's common path needs no promise; a promise otherwise.
   */
  take(key: string, now?: number): RateLimitDecision | Promise<RateLimitDecision>;
}

export interface BucketPolicy {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** `refilled` = tokens in the bucket before this request; a refused request takes nothing. */
export function decide(refilled: number, policy: BucketPolicy): RateLimitDecision {
  if (refilled >= 1) return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(refilled - 1) };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / policy.ratePerSecond)),
    remaining: 0,
  };
}

export function refill(tokens: number, elapsedMs: number, policy: BucketPolicy): number {
  return Math.min(policy.burst, tokens + (Math.max(0, elapsedMs) / 1000) * policy.ratePerSecond);
}

export function memoryRateLimiter(policy: BucketPolicy): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, now = Date.now()) {
      const b = buckets.get(key);
      const refilled = b ? refill(b.tokens, now - b.at, policy) : policy.burst;
      buckets.set(key, { tokens: refilled >= 1 ? refilled - 1 : refilled, at: now });
      return decide(refilled, policy);
    },
  };
}

/**
 * Shared budget on PostgreSQL. A process leases up to a quarter of the burst from the shared bucket in one
 * statement and spends the lease locally for up to a second, so most requests touch no database (the lease
 * is at most 5 tokens at Lever's 10/s, burst 20: the budget stays shared across processes within a few
 * requests).
 */
export function postgresRateLimiter(db: Kysely<unknown>, policy: BucketPolicy): RateLimiter {
  const { ratePerSecond: rate, burst } = policy;
  const leaseSize = Math.max(1, Math.floor(burst / 4));
  const leases = new Map<string, { tokens: number; until: number }>();
  // One lease statement per key at a time in this process: concurrent requests wait for it instead of each
  // leasing its own chunk (which would drain the shared bucket with tokens nobody uses).
  const pending = new Map<string, Promise<{ granted: number; refilled: number }>>();

  async function lease(key: string, now: number): Promise<{ granted: number; refilled: number }> {
    // FOR UPDATE serialises concurrent takes of one key across processes (READ COMMITTED re-reads the row).
    const { rows } = await sql<{ refilled: number; granted: number }>`
      with cur as (
        select coalesce((
          select least(${burst}::float8, tokens + greatest(0, ${now}::bigint - updated_at_ms) / 1000.0 * ${rate}::float8)
          from platform.rate_bucket where key = ${key} for update
        ), ${burst}::float8) as refilled
      ), grant_ as (
        select refilled, least(${leaseSize}::float8, floor(refilled)) as granted from cur
      ), up as (
        insert into platform.rate_bucket (key, tokens, updated_at_ms)
        select ${key}, refilled - granted, ${now}::bigint from grant_
        on conflict (key) do update set tokens = excluded.tokens, updated_at_ms = excluded.updated_at_ms
        returning 1
      )
      select refilled, granted from grant_, up`.execute(db);
    const granted = Number(rows[0]?.granted ?? 0);
    if (leases.size > 10_000) leases.clear();
    leases.set(key, { tokens: granted, until: now + 1000 });
    return { granted, refilled: Number(rows[0]?.refilled ?? 0) };
  }

  return {
    take(key, now = Date.now()) {
      return spendLease(key, now) ?? takeLeasing(key, now);
    },
  };

  function spendLease(key: string, now: number): RateLimitDecision | undefined {
    const current = leases.get(key);
    if (!current || current.tokens < 1 || current.until <= now) return undefined;
    current.tokens -= 1;
    return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(current.tokens) };
  }

  async function takeLeasing(key: string, now: number): Promise<RateLimitDecision> {
    for (;;) {
      const spent = spendLease(key, now);
      if (spent) return spent;
      let inFlight = pending.get(key);
      if (!inFlight) {
        inFlight = lease(key, now).finally(() => pending.delete(key));
        pending.set(key, inFlight);
      }
      const { granted, refilled } = await inFlight;
      // The shared bucket is empty; otherwise loop to spend the new lease (or lease again if others did).
      if (granted < 1) return decide(refilled, policy);
    }
  }
}
