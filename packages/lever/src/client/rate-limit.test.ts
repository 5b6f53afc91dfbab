import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTokenBucket, isTokenBucket, sleep } from './rate-limit.ts';

const fakeClock = () => {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    advance: (ms: number) => (now += ms),
    clock: { now: () => now, sleep: async (ms: number) => void waits.push(ms) },
  };
};

void describe('token bucket', () => {
  void it('lets a burst through, then spaces requests at the steady rate', async () => {
    const f = fakeClock();
    const bucket = createTokenBucket({ perSecond: 10, burst: 3 }, f.clock);
    for (let i = 0; i < 3; i++) await bucket.take();
    assert.deepEqual(f.waits, []);
    await bucket.take();
    await bucket.take();
    assert.deepEqual(f.waits, [100, 200]);
  });

  void it('refills over time, capped at the burst size', async () => {
    const f = fakeClock();
    const bucket = createTokenBucket({ perSecond: 10, burst: 2 }, f.clock);
    await bucket.take();
    await bucket.take();
    f.advance(10_000);
    await bucket.take();
    await bucket.take();
    await bucket.take();
    assert.deepEqual(f.waits, [100]);
  });

  void it('holds callers while paused, then resumes at the steady rate (no burst after a 429)', async () => {
    const f = fakeClock();
    const bucket = createTokenBucket({}, f.clock);
    bucket.pauseUntil(1500);
    await bucket.take();
    await bucket.take();
    assert.deepEqual(f.waits, [1600, 1700]);
  });

  void it('holds a caller already asleep when a pause begins meanwhile', async () => {
    let now = 0;
    const waits: number[] = [];
    let onSleep = () => {};
    const bucket = createTokenBucket(
      { perSecond: 10, burst: 1 },
      {
        now: () => now,
        sleep: async (ms) => {
          waits.push(ms);
          onSleep();
          now += ms;
        },
      },
    );
    await bucket.take();
    onSleep = () => {
      onSleep = () => {};
      bucket.pauseUntil(5000); // a 429 for another request while this one waits for its slot
    };
    await bucket.take();
    assert.deepEqual(waits, [100, 4900]);
  });

  void it('tells a shared bucket from options', () => {
    assert.ok(isTokenBucket(createTokenBucket()));
    assert.ok(!isTokenBucket({ perSecond: 10 }));
    assert.ok(!isTokenBucket(false));
  });

  void it('rejects nonsense limits', () => {
    assert.throws(() => createTokenBucket({ perSecond: 0 }), RangeError);
  });

  void it('really waits with the default clock and can be aborted', async () => {
    const bucket = createTokenBucket({ perSecond: 20, burst: 1 });
    const start = performance.now();
    await bucket.take();
    await bucket.take();
    assert.ok(performance.now() - start >= 45);
    await assert.rejects(sleep(10_000, AbortSignal.abort(new Error('stop'))), /stop/);
  });
});
