// Webhook signing and verification, shared by the sender (ATS delivery job) and every receiver (apps),
// so both sides can never drift. Two schemes:
//
// 1. Lever (reference §3.3): signature = hex(HMAC-SHA256(key = signatureToken, msg = token + triggeredAt)),
//    carried in the JSON body next to `token` and `triggeredAt`. It does NOT cover the payload, so
//    receivers treat `data` as a hint and re-fetch.
// 2. Standard Webhooks (standardwebhooks.com) headers `webhook-id`, `webhook-timestamp` (seconds),
//    `webhook-signature` = space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. Hireloop's
//    ATS adds them so the body is authenticated too; the key is the UTF-8 bytes of the webhook's
//    signature token (not a `whsec_` base64 secret), so one secret serves both schemes.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const STANDARD_WEBHOOK_HEADERS = Object.freeze({
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const);

/** Accepted clock skew, both ways, for either timestamp (default 5 minutes). */
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

export interface LeverSignatureInput {
  signatureToken: string;
  token: string;
  triggeredAt: number;
}

export const signLever = ({ signatureToken, token, triggeredAt }: LeverSignatureInput): string =>
  createHmac('sha256', signatureToken)
    .update(token + String(triggeredAt))
    .digest('hex');

/** Constant-time equality of two strings' bytes; false on length mismatch without leaking content. */
export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

/** True when `signature` matches under any of `secrets` (several are valid during a rotation). */
export const verifyLever = (input: {
  secrets: readonly string[];
  token: string;
  triggeredAt: number;
  signature: string;
}): boolean => {
  const given = input.signature.toLowerCase();
  return input.secrets.some((signatureToken) =>
    safeEqual(signLever({ signatureToken, token: input.token, triggeredAt: input.triggeredAt }), given),
  );
};

export interface StandardSignatureInput {
  id: string;
  /** Seconds since the epoch. */
  timestamp: number;
  body: string;
  secret: string;
}

/** One `v1,<base64>` signature. */
export const signStandard = ({ id, timestamp, body, secret }: StandardSignatureInput): string =>
  `v1,${createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${id}.${timestamp}.${body}`).digest('base64')}`;

/** The three Standard Webhooks headers, signed with every secret (old and new during a rotation). */
export const standardWebhookHeaders = (input: {
  id: string;
  timestamp: number;
  body: string;
  secrets: readonly string[];
}): Record<string, string> => ({
  [STANDARD_WEBHOOK_HEADERS.id]: input.id,
  [STANDARD_WEBHOOK_HEADERS.timestamp]: String(input.timestamp),
  [STANDARD_WEBHOOK_HEADERS.signature]: input.secrets
    .map((secret) => signStandard({ ...input, secret }))
    .join(' '),
});

export type StandardVerifyResult =
  { ok: true } | { ok: false; code: 'missing_signature' | 'invalid_timestamp' | 'stale' | 'bad_signature' };

/**
 * Verify Standard Webhooks headers. The header may list several signatures (sender rotation) and we may
 * hold several secrets (receiver rotation): any v1 match passes. Non-`v1` entries are ignored.
 */
export const verifyStandard = (input: {
  id: string | undefined;
  timestamp: string | undefined;
  signatureHeader: string | undefined;
  body: string;
  secrets: readonly string[];
  now?: number;
  toleranceMs?: number;
}): StandardVerifyResult => {
  if (!input.id || !input.timestamp || !input.signatureHeader)
    return { ok: false, code: 'missing_signature' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, code: 'invalid_timestamp' };
  const seconds = Number(input.timestamp);
  const now = input.now ?? Date.now();
  if (Math.abs(now - seconds * 1000) > (input.toleranceMs ?? DEFAULT_TOLERANCE_MS))
    return { ok: false, code: 'stale' };
  const given = input.signatureHeader
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));
  for (const secret of input.secrets) {
    const expected = signStandard({ id: input.id, timestamp: seconds, body: input.body, secret }).slice(3);
    if (given.some((g) => safeEqual(expected, g))) return { ok: true };
  }
  return { ok: false, code: 'bad_signature' };
};
