import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import { postgresRateLimiter } from './rate-limit.ts';

describe('shared rate budget (platform.rate_bucket)', () => {
  let rt: TestRuntime;
  before(async () => (rt = await createTestRuntime()));
  after(() => rt.close());

  it('two processes together get one burst of 20, then 10 per second', async () => {
    const policy = { ratePerSecond: 10, burst: 20 };
    const processA = postgresRateLimiter(rt.db, policy);
    const processB = postgresRateLimiter(rt.db, policy);
    const t0 = 5_000_000;
    let allowed = 0;
    for (let i = 0; i < 20; i++) {
      if ((await processA.take('key-1', t0)).allowed) allowed++;
      if ((await processB.take('key-1', t0)).allowed) allowed++;
    }
    assert.equal(allowed, 20);
    const refused = await processA.take('key-1', t0);
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 1, remaining: 0 });
    // One second later the bucket has refilled by 10 across both processes.
    let later = 0;
    for (let i = 0; i < 10; i++) {
      if ((await processA.take('key-1', t0 + 1000)).allowed) later++;
      if ((await processB.take('key-1', t0 + 1000)).allowed) later++;
    }
    assert.equal(later, 10);
  });

  it('concurrent requests in one process share one lease instead of draining the bucket', async () => {
    const limiter = postgresRateLimiter(rt.db, { ratePerSecond: 1000, burst: 1000 });
    const t0 = 9_000_000;
    const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.take('key-2', t0)));
    assert.equal(decisions.filter((d) => d.allowed).length, 50);
    const { rows } = await sql<{
      tokens: number;
    }>`select tokens from platform.rate_bucket where key = 'key-2'`.execute(rt.db);
    assert.equal(Number(rows[0]?.tokens), 750, 'one lease of burst/4 = 250 tokens');
  });
});
