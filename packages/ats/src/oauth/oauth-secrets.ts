// Lifetimes and the random values of OAuth: client ids and secrets, codes and tokens. Every value is 256
// bits from the CSPRNG and stored as its SHA-256 only; the prefixes tell the kinds apart in logs, leaks
// and `/oauth/revoke` (hint or not).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Lever's access tokens live 1 hour; clients hard-code it (reference §4.1). */
export const ACCESS_TOKEN_TTL_S = 3600;
/** Undocumented at Lever; clients assume 30 days to 1 year (§4.1). Rotation makes each one single use. */
export const REFRESH_TOKEN_TTL_S = 90 * 24 * 3600;
/** RFC 6749 §4.1.2 recommends at most 10 minutes; the issue asks for ≤ 60 s. */
export const AUTHORIZATION_CODE_TTL_S = 60;

export const PREFIX = Object.freeze({ access: 'hla_', refresh: 'hlr_', code: 'hlc_', secret: 'hls_' });

const random = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const newClientId = (): string => randomBytes(16).toString('hex');
export const newClientSecret = (): string => `${PREFIX.secret}${random()}`;
export const newCode = (): string => `${PREFIX.code}${random()}`;
export const newAccessToken = (): string => `${PREFIX.access}${random()}`;
export const newRefreshToken = (): string => `${PREFIX.refresh}${random()}`;

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
