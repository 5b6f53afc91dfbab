import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTokenBucket, sleep } from './rate-limit.ts';

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

  void it('holds callers while paused', async () => {
    const f = fakeClock();
    const bucket = createTokenBucket({}, f.clock);
    bucket.pauseUntil(1500);
    await bucket.take();
    assert.deepEqual(f.waits, [1500]);
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
