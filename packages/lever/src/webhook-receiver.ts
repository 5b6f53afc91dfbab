// Framework-agnostic receiver for Lever webhook deliveries (reference §3.2–3.3), for the apps. Order:
// parse → shape → Lever signature → timestamp window (Standard `webhook-timestamp` when the headers are
// there, else `triggeredAt`) → Standard Webhooks headers (if any) → replay check. The replay record is written last, so a forged or stale request never burns a key.
import { Value } from 'typebox/value';
import { isWebhookEvent, WebhookDelivery, type WebhookDeliveryOf } from './wire/index.ts';
import {
  DEFAULT_TOLERANCE_MS,
  STANDARD_WEBHOOK_HEADERS,
  verifyLever,
  verifyStandard,
} from './webhook-signature.ts';

/** Where the app remembers deliveries it has accepted; implemented on the app's own database. */
export interface DeliveryStore {
  /** Store `key` atomically (e.g. INSERT … ON CONFLICT DO NOTHING); true if it was not there before. */
  recordIfNew(key: string, event: WebhookDeliveryOf): Promise<boolean>;
}

export const RECEIVER_ERROR_CODES = Object.freeze([
  'invalid_json',
  'invalid_payload',
  'unknown_event',
  'missing_signature',
  'bad_signature',
  'invalid_timestamp',
  'stale',
  'replayed',
] as const);
export type ReceiverErrorCode = (typeof RECEIVER_ERROR_CODES)[number];

/**
 * Suggested response status per code. `replayed` is 200: a sender retrying a delivery whose 2xx got
 * lost must stop retrying; the app just does not process it twice.
 */
export const RECEIVER_ERROR_STATUS: Readonly<Record<ReceiverErrorCode, number>> = Object.freeze({
  invalid_json: 400,
  invalid_payload: 400,
  unknown_event: 422,
  missing_signature: 401,
  bad_signature: 401,
  invalid_timestamp: 401,
  stale: 401,
  replayed: 200,
});

export type ReceiveResult =
  | {
      ok: true;
      event: WebhookDeliveryOf;
      /** Standard Webhooks headers verified: the whole body is authentic, not only token + time. */
      bodyAuthenticated: boolean;
      /** The replay key recorded in the store. */
      key: string;
    }
  | { ok: false; code: ReceiverErrorCode; message: string };

export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyDeliveryInput {
  rawBody: string | Uint8Array;
  headers: HeaderSource;
  /** The webhook's signature token(s); several while rotating. */
  secrets: readonly string[];
  store: DeliveryStore;
  /** ms since epoch; defaults to Date.now(). */
  now?: number;
  /** Accepted skew both ways; default 5 minutes. */
  toleranceMs?: number;
}

const header = (headers: HeaderSource, name: string): string | undefined => {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : value?.[0];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (code: ReceiverErrorCode, message: string): ReceiveResult => ({ ok: false, code, message });

export const deliveryKey = (token: string, triggeredAt: number): string => `${token}.${triggeredAt}`;

export const verifyLeverDelivery = async (input: VerifyDeliveryInput): Promise<ReceiveResult> => {
  const body =
    typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fail('invalid_json', 'Body is not valid JSON');
  }
  if (isRecord(parsed) && !('signature' in parsed && 'token' in parsed)) {
    return fail('missing_signature', 'Body has no signature or token');
  }
  if (!Value.Check(WebhookDelivery, parsed)) {
    return fail(
      'invalid_payload',
      'Body is not a webhook delivery ({triggeredAt, event, signature, token, data})',
    );
  }
  const { token, triggeredAt, signature, event } = parsed;
  if (!verifyLever({ secrets: input.secrets, token, triggeredAt, signature })) {
    return fail('bad_signature', 'Signature does not match');
  }
  const now = input.now ?? Date.now();
  const toleranceMs = input.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const standard = {
    id: header(input.headers, STANDARD_WEBHOOK_HEADERS.id),
    timestamp: header(input.headers, STANDARD_WEBHOOK_HEADERS.timestamp),
    signatureHeader: header(input.headers, STANDARD_WEBHOOK_HEADERS.signature),
  };
  const hasStandard = Object.values(standard).some((v) => v !== undefined);
  // `triggeredAt` is when the event happened and stays the same on every retry (so token + triggeredAt
  // is a stable replay key). With Standard headers the signed `webhook-timestamp` is the attempt time and
  // proves freshness, so a retry hours later still passes; without them, triggeredAt must be recent.
  if (!hasStandard && Math.abs(now - triggeredAt) > toleranceMs) {
    return fail('stale', 'triggeredAt is outside the accepted window');
  }
  if (hasStandard) {
    const result = verifyStandard({ ...standard, body, secrets: input.secrets, now, toleranceMs });
    if (!result.ok) return fail(result.code, `Standard Webhooks check failed: ${result.code}`);
  }
  if (!isWebhookEvent(event)) return fail('unknown_event', `Unknown event ${JSON.stringify(event)}`);
  const delivery = parsed as WebhookDeliveryOf;
  const key = deliveryKey(token, triggeredAt);
  if (!(await input.store.recordIfNew(key, delivery))) return fail('replayed', 'Delivery already received');
  return { ok: true, event: delivery, bodyAuthenticated: hasStandard, key };
};

/**
 * In-memory DeliveryStore for tests and single-process development. Keys older than `retainMs` (default
 * twice the 5-minute window, which is all replay protection needs) are forgotten.
 */
export const createMemoryDeliveryStore = (options: { retainMs?: number; now?: () => number } = {}) => {
  const retainMs = options.retainMs ?? 2 * DEFAULT_TOLERANCE_MS;
  const clock = options.now ?? Date.now;
  const seen = new Map<string, number>();
  const store: DeliveryStore & { size(): number } = {
    recordIfNew: async (key) => {
      const now = clock();
      for (const [k, at] of seen) if (now - at > retainMs) seen.delete(k);
      if (seen.has(key)) return false;
      seen.set(key, now);
      return true;
    },
    size: () => seen.size,
  };
  return store;
};
