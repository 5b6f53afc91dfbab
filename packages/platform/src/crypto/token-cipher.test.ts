import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createTokenCipher, DecryptionError, parseEncryptionKey } from './token-cipher.ts';

describe('token cipher (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const cipher = createTokenCipher(key);

  it('round-trips, with a fresh IV each time, and never contains the plaintext', () => {
    const a = cipher.encrypt('refresh-token-123', 'org1:refresh_token');
    const b = cipher.encrypt('refresh-token-123', 'org1:refresh_token');
    assert.notEqual(a, b);
    assert.ok(!a.includes('refresh-token-123'));
    assert.match(a, /^v1\.[0-9a-f]{8}\./);
    assert.equal(cipher.decrypt(a, 'org1:refresh_token'), 'refresh-token-123');
  });

  it('refuses another context, a tampered value and another key', () => {
    const value = cipher.encrypt('secret', 'org1:access_token');
    assert.throws(() => cipher.decrypt(value, 'org2:access_token'), DecryptionError);
    const parts = value.split('.');
    parts[3] = Buffer.from('x' + Buffer.from(parts[3]!, 'base64url').toString('latin1'), 'latin1').toString(
      'base64url',
    );
    assert.throws(() => cipher.decrypt(parts.join('.'), 'org1:access_token'), DecryptionError);
    assert.throws(
      () => createTokenCipher(randomBytes(32)).decrypt(value, 'org1:access_token'),
      DecryptionError,
    );
  });

  it('parses keys as hex, base64 and base64url and rejects other lengths', () => {
    assert.deepEqual(parseEncryptionKey(key.toString('hex')), key);
    assert.deepEqual(parseEncryptionKey(key.toString('base64')), key);
    assert.deepEqual(parseEncryptionKey(key.toString('base64url')), key);
    assert.throws(() => parseEncryptionKey('too-short'));
  });
});
