// Encryption at rest for the ATS credentials the apps hold (OAuth client secret, access and refresh tokens,
// webhook signature tokens): AES-256-GCM from node:crypto — authenticated, no dependency. Shared by the apps
// (referrals, onboarding, careers); each keeps its own key (REFERRALS_, ONBOARDING_, CAREERS_ENCRYPTION_KEY).
// Each value is bound to where it lives through the GCM associated data (`<organization id>:<column>`), so a ciphertext
// copied into another organization's row or another column does not decrypt.
// Format: `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts); the key id (8 hex of the key's SHA-256)
// lets a future key rotation tell old values from new ones.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;

export interface TokenCipher {
  readonly keyId: string;
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
}

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** Accepts 32 bytes as base64, base64url or hex (what `openssl rand -base64 32` or `-hex 32` prints). */
export function parseEncryptionKey(value: string): Buffer {
  const trimmed = value.trim();
  const candidates = [
    /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : undefined,
    Buffer.from(trimmed, 'base64url'),
    Buffer.from(trimmed, 'base64'),
  ];
  const key = candidates.find((k) => k?.length === 32);
  if (!key) throw new Error('the key must be 32 bytes, as base64 or hex');
  return key;
}

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return {
    keyId,
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, ct, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return ['v1', keyId, ...parts].join('.');
    },
    decrypt(value, context) {
      const [version, kid, iv, ct, tag] = value.split('.');
      if (version !== 'v1' || iv === undefined || ct === undefined || tag === undefined)
        throw new DecryptionError('Not an encrypted value');
      if (kid !== keyId)
        throw new DecryptionError("Encrypted with another key (was the app's encryption key changed?)");
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new DecryptionError('Encrypted value failed authentication');
      }
    },
  };
}
