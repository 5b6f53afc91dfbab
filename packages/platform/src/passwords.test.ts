import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';

describe('passwords (argon2id, PHC strings)', () => {
  it('hashes to a PHC string with a fresh salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('correct horse battery staple', a), true);
    assert.equal(await verifyPassword('correct horse battery stapler', a), false);
    assert.equal(await verifyPassword('', a), false);
    assert.equal(needsRehash(a), false);
  });

  it('treats NFC and NFD spellings of a password alike', async () => {
    const hash = await hashPassword('Zoë');
    assert.equal(await verifyPassword('Zoe\u0308', hash), true);
  });

  it('answers false (never throws) for missing, malformed or tampered hashes', async () => {
    for (const stored of [
      null,
      undefined,
      '',
      'plain',
      '$argon2id$v=19$m=99999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43),
    ]) {
      assert.equal(await verifyPassword('x', stored), false);
    }
    assert.equal(needsRehash('$argon2id$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43)), true);
  });
});
