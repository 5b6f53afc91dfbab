import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeOffset, encodeOffset, page } from './pagination.ts';

describe('offset tokens', () => {
  const token = encodeOffset('opp', [1491435120000, '246cfe63-b8e4-4a0e-9b67-5b2d3c8f5a1e']);

  it('look like Lever tokens: a URL-encoded JSON array', () => {
    assert.equal(token, '%5B%22opp%22%2C1491435120000%2C%22246cfe63-b8e4-4a0e-9b67-5b2d3c8f5a1e%22%5D');
  });

  it('decode after zero, one or two extra rounds of URL encoding', () => {
    const expected = [1491435120000, '246cfe63-b8e4-4a0e-9b67-5b2d3c8f5a1e'];
    assert.deepEqual(decodeOffset(decodeURIComponent(token), 'opp', ['number', 'string']), expected);
    assert.deepEqual(decodeOffset(token, 'opp', ['number', 'string']), expected);
    assert.deepEqual(decodeOffset(encodeURIComponent(token), 'opp', ['number', 'string']), expected);
  });

  it("reject garbage, other sorts and wrong shapes with Lever's message", () => {
    for (const bad of [
      '',
      'abc',
      '%E0%A4%A',
      '[]',
      '["posting",1,"x"]',
      '["opp","1","x"]',
      '["opp",1]',
      '{"a":1}',
    ]) {
      assert.throws(
        () => decodeOffset(bad, 'opp', ['number', 'string']),
        (e: Error & { statusCode?: number }) => {
          assert.equal(e.statusCode, 400);
          assert.match(e.message, /^Invalid offset token/);
          return true;
        },
        bad,
      );
    }
  });
});

describe('page', () => {
  it('omits next on the last page and sets it from the last visible row otherwise', () => {
    const rows = [{ n: 3 }, { n: 2 }, { n: 1 }];
    const first = page(
      rows,
      2,
      's',
      (r) => [r.n],
      (r) => r.n,
    );
    assert.deepEqual(first, { data: [3, 2], hasNext: true, next: encodeOffset('s', [2]) });
    const last = page(
      rows.slice(0, 2),
      2,
      's',
      (r) => [r.n],
      (r) => r.n,
    );
    assert.deepEqual(last, { data: [3, 2], hasNext: false });
    assert.equal('next' in last, false);
  });
});
