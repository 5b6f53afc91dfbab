import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyWorkMode, compileLocationRegex, compileWorkModeRules, RegexError } from './work-mode.ts';

describe('work mode classification', () => {
  const rules = compileWorkModeRules('\\bremote\\b', 'hybrid|\\d+ days? in office');

  it('uses the structured workplaceType first', () => {
    assert.deepEqual(classifyWorkMode({ workplaceType: 'hybrid', location: 'Remote' }, rules), {
      mode: 'hybrid',
      source: 'workplaceType',
    });
    assert.deepEqual(classifyWorkMode({ workplaceType: 'on-site', location: 'Remote' }, rules), {
      mode: 'on-site',
      source: 'workplaceType',
    });
  });

  it('falls back to the remote, then the hybrid pattern over the location, case-insensitively', () => {
    assert.equal(
      classifyWorkMode({ workplaceType: 'unspecified', location: 'REMOTE — US' }, rules).mode,
      'remote',
    );
    assert.equal(
      classifyWorkMode({ workplaceType: 'unspecified', location: 'Berlin, 3 days in office' }, rules).mode,
      'hybrid',
    );
    assert.deepEqual(classifyWorkMode({ workplaceType: 'unspecified', location: 'Remoteville' }, rules), {
      mode: 'on-site',
      source: 'default',
    });
  });

  it('rejects what RE2 cannot run, with a message naming the field', () => {
    assert.throws(
      () => compileLocationRegex('remoteRegex', 'Remote pattern', '(?<=x)remote'),
      (e: unknown) =>
        e instanceof RegexError &&
        e.field === 'remoteRegex' &&
        /Remote pattern is not a valid regular expression/.test(e.message),
    );
    assert.throws(() => compileLocationRegex('hybridRegex', 'Hybrid pattern', '(a'), RegexError);
    assert.throws(() => compileLocationRegex('hybridRegex', 'Hybrid pattern', '(a)\\1'), RegexError);
    assert.equal(compileLocationRegex('x', 'X', '   '), undefined);
  });

  it('runs a catastrophic-backtracking pattern against long input in bounded (linear) time', () => {
    const evil = compileLocationRegex('remoteRegex', 'Remote pattern', '(a+)+$')!;
    const input = `${'a'.repeat(9_999)}!`;
    const started = performance.now();
    for (let i = 0; i < 10; i++) assert.equal(evil.test(input), false);
    const ms = performance.now() - started;
    // A backtracking engine takes longer than the age of the universe here; RE2 is linear.
    assert.ok(ms < 2_000, `10 runs took ${ms.toFixed(0)} ms`);
  });
});
