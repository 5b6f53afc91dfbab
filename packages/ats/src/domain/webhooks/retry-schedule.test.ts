import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ATTEMPTS, parseRetryAfterMs, retryDelayMs, RETRY_SCHEDULE_MS } from './retry-schedule.ts';

void describe('retry schedule', () => {
  void it('is now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    assert.deepEqual(RETRY_SCHEDULE_MS, [0, 5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6]);
    assert.equal(MAX_ATTEMPTS, 8);
  });

  void it('adds up to 20 % jitter and ends after the last step', () => {
    assert.equal(
      retryDelayMs(1, () => 0),
      5_000,
    );
    assert.equal(
      retryDelayMs(1, () => 0.999999),
      6_000,
    );
    assert.equal(
      retryDelayMs(7, () => 0.5),
      39_600_000,
    );
    assert.equal(retryDelayMs(8), undefined);
  });

  void it('reads Retry-After as seconds or a date, clamped', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs('120', now), 120_000);
    assert.equal(parseRetryAfterMs('0', now), 1_000);
    assert.equal(parseRetryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfterMs('999999999', now), 36_000_000);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
    assert.equal(parseRetryAfterMs(undefined, now), undefined);
  });
});
