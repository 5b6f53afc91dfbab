import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, medianRatio, percentile, summarize, toMarkdown } from './stats.ts';

describe('bench stats', () => {
  it('takes the median of odd and even counts', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]));
  });

  it('pairs rounds for the ratio', () => {
    const base = [100, 200, 100].map((rps) => ({ rps, p50: 1, p99: 2 }));
    const target = [50, 100, 80].map((rps) => ({ rps, p50: 1, p99: 2 }));
    assert.equal(medianRatio(target, base), 0.5);
    assert.throws(() => medianRatio(target.slice(1), base));
  });

  it('renders a dated section with the command and the figures', () => {
    const round = { rps: 1000, p50: 1.5, p99: 4 };
    const md = toMarkdown({
      date: '2026-01-02',
      pair: 'healthz',
      description: 'd',
      command: 'npm run bench -- healthz',
      machine: '2 CPUs',
      settings: 's',
      baseline: summarize('base', [round]),
      target: summarize('target', [{ ...round, rps: 500 }]),
      ratio: 0.5,
    });
    assert.match(md, /^## 2026-01-02 — healthz\n/);
    assert.match(md, /- Command: `npm run bench -- healthz`/);
    assert.match(md, /\| target \| 500 \| 1\.5 \| 4\.0 \| 500 \|/);
    assert.match(md, /Median ratio target\/baseline: 0\.500/);
  });
});

it('percentile is nearest-rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 95), 95);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile([7, 1, 3], 99), 7);
  assert.equal(percentile([5], 50), 5);
});
