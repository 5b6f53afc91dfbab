import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { utf8Body } from './json-text.ts';

describe('utf8Body', () => {
  it('is the UTF-8 of the joined pieces, across chunk boundaries and multi-byte characters', () => {
    const big = 'x'.repeat(40_000);
    const pieces = ['{"a":"', big, 'Müller ✓ 𝄞', big.slice(1), '"}', '', '😀'];
    assert.deepEqual(utf8Body(pieces), Buffer.from(pieces.join(''), 'utf8'));
    assert.equal(utf8Body([]).length, 0);
  });

  it('matches Buffer.from(join) for any pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20_000 }), { maxLength: 12 }), (pieces) => {
        assert.deepEqual(utf8Body(pieces), Buffer.from(pieces.join(''), 'utf8'));
      }),
      { numRuns: 200 },
    );
  });
});
