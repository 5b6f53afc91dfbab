import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
});
