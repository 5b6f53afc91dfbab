import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance, resolve, suggest } from './match.ts';

const offices = [
  { id: 'sf', name: 'San Francisco, CA' },
  { id: 'ny', name: 'New York, NY' },
  { id: 'be', name: 'Berlin' },
  { id: 'ldn', name: 'London UK' },
];

describe('matching ATS values to offices', () => {
  it('computes edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });

  it('suggests by case, spacing, near miss and partial words, best first', () => {
    assert.deepEqual(
      suggest('san francisco, ca', offices).map((s) => [s.target.id, s.reason]),
      [['sf', 'case']],
    );
    assert.deepEqual(
      suggest('London,  UK', offices).map((s) => [s.target.id, s.reason]),
      [['ldn', 'spacing']],
    );
    assert.deepEqual(
      suggest('New Yrok, NY', offices).map((s) => [s.target.id, s.reason]),
      [['ny', 'near']],
    );
    assert.deepEqual(
      suggest('Berlin, Germany', offices).map((s) => [s.target.id, s.reason]),
      [['be', 'partial']],
    );
    assert.deepEqual(suggest('Tokyo', offices), []);
    assert.deepEqual(suggest('Berlin', offices), [], 'an exact match is not a suggestion');
  });

  it('resolves a mapping first, then an exact name, else unmatched', () => {
    assert.deepEqual(resolve('Berlin', offices, new Map()), { target: offices[2], how: 'exact' });
    assert.deepEqual(resolve('Berlin, Germany', offices, new Map([['Berlin, Germany', 'be']])), {
      target: offices[2],
      how: 'mapped',
    });
    assert.deepEqual(resolve('berlin', offices, new Map()), { target: undefined, how: 'unmatched' });
  });
});
