import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReward } from './reward.ts';

describe('parseReward', () => {
  it('reads money and text rewards', () => {
    assert.deepEqual(parseReward(['Engineering', 'referralbonus:3000']), { kind: 'money', amount: 3000 });
    assert.deepEqual(parseReward(['referralbonus:2,500.50']), { kind: 'money', amount: 2500.5 });
    assert.deepEqual(parseReward(['ReferralBonus: Win an iPad']), { kind: 'text', text: 'Win an iPad' });
    assert.deepEqual(parseReward(['Remote']), { kind: 'none' });
  });

  it('turns malformed tags into warnings without failing', () => {
    assert.deepEqual(parseReward(['referralbonus:']), {
      kind: 'none',
      warning: 'Tag "referralbonus:": no value after "referralbonus:"',
    });
    assert.equal(parseReward(['referralbonus:-5']).kind, 'none');
    assert.match(parseReward(['referralbonus:1.2.3']).warning ?? '', /not a valid amount/);
    const two = parseReward(['referralbonus:1000', 'referralbonus:Trip']);
    assert.equal(two.kind, 'money');
    assert.match(two.warning ?? '', /already has a reward/);
  });
});
