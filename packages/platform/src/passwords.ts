// Password hashing for people who sign in (DESIGN: "Passwords argon2id"), with Node's built-in argon2
// (node:crypto, Node 24) — no native addon. Hashes are PHC strings, so the parameters travel with each
// hash and can be raised later without breaking old ones:
//   $argon2id$v=19$m=19456,t=2,p=1$<salt, base64 no padding>$<hash, base64 no padding>
// Parameters are OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const argon2Async = promisify(argon2);

export const PASSWORD_PARAMS = Object.freeze({ memoryKib: 19_456, passes: 2, parallelism: 1, tagLength: 32 });
const SALT_BYTES = 16;
const PHC_RE = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const b64 = (buf: Buffer): string => buf.toString('base64').replace(/=+$/, '');

async function derive(
  password: string,
  salt: Buffer,
  p: { memoryKib: number; passes: number; parallelism: number; tagLength: number },
): Promise<Buffer> {
  return argon2Async('argon2id', {
    message: Buffer.from(password.normalize('NFC'), 'utf8'),
    nonce: salt,
    memory: p.memoryKib,
    passes: p.passes,
    parallelism: p.parallelism,
    tagLength: p.tagLength,
  });
}

export async function hashPassword(password: string): Promise<string> {
  const p = PASSWORD_PARAMS;
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, p);
  return `$argon2id$v=19$m=${p.memoryKib},t=${p.passes},p=${p.parallelism}$${b64(salt)}$${b64(hash)}`;
}

/** True when `password` matches `stored`; false for a wrong password or a hash we cannot read. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const m = stored ? PHC_RE.exec(stored) : null;
  if (!m) return false;
  const [, memory, passes, parallelism, salt = '', expectedB64 = ''] = m;
  const expected = Buffer.from(expectedB64, 'base64');
  const params = { memoryKib: Number(memory), passes: Number(passes), parallelism: Number(parallelism) };
  // Refuse absurd parameters from a tampered row instead of allocating gigabytes.
  if (params.memoryKib > 1 << 21 || params.passes > 10 || params.parallelism > 16 || expected.length < 16)
    return false;
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    ...params,
    tagLength: expected.length,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash uses weaker parameters than today's (rehash after a successful sign-in). */
export function needsRehash(stored: string): boolean {
  const m = PHC_RE.exec(stored);
  if (!m) return true;
  const p = PASSWORD_PARAMS;
  return Number(m[1]) < p.memoryKib || Number(m[2]) < p.passes;
}
