import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { atsApplyUrl, isApplicationMarker, readMark, sourceWithMark } from './tracking.ts';

describe('referral tracking in lever-source', () => {
  it('round-trips a referral mark through the source', () => {
    const source = sourceWithMark('Hireloop Referrals', { kind: 'ref', code: 'abcDEF123_-xyz0123456' });
    assert.equal(source, 'Hireloop Referrals [ref:abcDEF123_-xyz0123456]');
    assert.deepEqual(readMark(['Job site', source]), { kind: 'ref', code: 'abcDEF123_-xyz0123456' });
    assert.deepEqual(readMark(['x [link:AbCdEfGh12345678]']), { kind: 'link', code: 'AbCdEfGh12345678' });
    assert.equal(readMark(['Hireloop Referrals', 'LinkedIn']), undefined);
  });

  it('builds the ATS apply URL with the mark encoded', () => {
    const url = atsApplyUrl('https://jobs.lever.co/acme/p1/apply', 'Refs', { kind: 'ref', code: 'c0de1234' });
    assert.equal(new URL(url).searchParams.get('lever-source'), 'Refs [ref:c0de1234]');
  });

  it('recognises its own application marker link', () => {
    assert.ok(isApplicationMarker('http://x/referrals/applications/3f0c4a55-0a0b-4c1e-9a55-1d2e3f4a5b01'));
    assert.ok(!isApplicationMarker('https://linkedin.com/in/x'));
  });
});
