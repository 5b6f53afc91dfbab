import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LeverClient, RequestOptions } from '@hireloop/lever';
import { partitionedPages } from './partitioned-pages.ts';

const DAY = 86_400_000;

/** A Lever-like list: newest first, `created_at_start/_end` inclusive, keyset `next`, 5 ms per request. */
function fakeList(createdAts: number[]) {
  const items = createdAts
    .map((createdAt, i) => ({ id: `o${String(i).padStart(6, '0')}`, createdAt }))
    .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0 };
  const request = async (req: RequestOptions) => {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    await new Promise((r) => setTimeout(r, 5));
    stats.inFlight--;
    const q = req.query as Record<string, number | undefined>;
    const from = Number(req.offset ?? 0);
    const matching = items.filter(
      (i) =>
        (q.created_at_start === undefined || i.createdAt >= q.created_at_start) &&
        (q.created_at_end === undefined || i.createdAt <= q.created_at_end),
    );
    const data = matching.slice(from, from + Number(q.limit));
    const hasNext = from + data.length < matching.length;
    return { data, hasNext, ...(hasNext ? { next: String(from + data.length) } : {}) };
  };
  return { lever: { request } as unknown as LeverClient, stats, items };
}

async function readAll(lever: LeverClient, width: number) {
  const seen: string[] = [];
  for await (const page of partitionedPages<{ id: string; createdAt: number }>(lever, '/x', {}, width))
    seen.push(...page.map((i) => i.id));
  return seen;
}

void describe('partitioned pages', () => {
  void it('reads every record exactly once with several walks, for a few extra requests', async () => {
    const now = Date.UTC(2026, 10, 1);
    // Recency-biased, like a real account: most records are recent, a long thin tail.
    const created = Array.from(
      { length: 20_000 },
      (_, i) => now - Math.floor(((i * 7919) % 20_000) ** 2 / 1e4) * 60_000,
    );
    const f = fakeList(created);
    const seen = await readAll(f.lever, 3);
    assert.equal(seen.length, 20_000);
    assert.equal(new Set(seen).size, 20_000);
    assert.ok(f.stats.maxInFlight >= 3, `walks ran side by side: ${f.stats.maxInFlight}`);
    // 200 pages of data; the extra requests are the empty halves between 1970 and the data (~log2) and cut pages.
    assert.ok(f.stats.requests <= 200 + 16, `requests: ${f.stats.requests}`);
  });

  void it('never splits a list of two pages (a small delta costs nothing extra)', async () => {
    const f = fakeList(Array.from({ length: 150 }, (_, i) => i * DAY));
    assert.equal((await readAll(f.lever, 3)).length, 150);
    assert.equal(f.stats.requests, 2);
    assert.equal(f.stats.maxInFlight, 1);
  });

  void it('handles records sharing one createdAt (no split below a minute) and an empty list', async () => {
    const same = fakeList(Array.from({ length: 450 }, () => 1_000));
    assert.equal(new Set(await readAll(same.lever, 3)).size, 450);
    assert.equal(same.stats.requests, 5);
    const empty = fakeList([]);
    assert.deepEqual(await readAll(empty.lever, 3), []);
  });

  void it('surfaces a failed request', async () => {
    const lever = { request: () => Promise.reject(new Error('boom')) } as unknown as LeverClient;
    await assert.rejects(readAll(lever, 3), /boom/);
  });
});
