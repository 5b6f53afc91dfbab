import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryRateLimiter } from './rate-limit.ts';

describe('token bucket', () => {
  it('allows a burst of 20, then 10 per second, with Retry-After when empty', async () => {
    const limiter = memoryRateLimiter({ ratePerSecond: 10, burst: 20 });
    const t0 = 1_000_000;
    const burst = await Promise.all(Array.from({ length: 21 }, () => limiter.take('k', t0)));
    assert.equal(burst.filter((d) => d.allowed).length, 20);
    assert.deepEqual(burst[20], { allowed: false, retryAfterSeconds: 1, remaining: 0 });
    // 100 ms later one token has come back; refused requests did not dig a hole.
    assert.equal((await limiter.take('k', t0 + 100)).allowed, true);
    assert.equal((await limiter.take('k', t0 + 100)).allowed, false);
    // Other keys have their own bucket.
    assert.equal((await limiter.take('other', t0 + 100)).allowed, true);
    // After 2 s the bucket is full again, never above burst.
    const later = await Promise.all(Array.from({ length: 25 }, () => limiter.take('k', t0 + 10_000)));
    assert.equal(later.filter((d) => d.allowed).length, 20);
  });
});
