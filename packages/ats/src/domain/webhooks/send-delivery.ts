// One HTTP attempt of one delivery: the Lever body (§3.2: triggeredAt, event, signature, token, data —
// signature = HMAC over token + triggeredAt with the webhook's current token), Standard Webhooks headers
// (`webhook-id` = delivery id, stable across retries and re-sends; `webhook-timestamp` = this attempt;
// one `v1,` signature per valid secret during a rotation), through the SSRF guard. Classifies the answer.
import { performance } from 'node:perf_hooks';
import { signLever, standardWebhookHeaders } from '@hireloop/lever/webhook-signature';
import { guardedPost, SsrfBlockedError } from '@hireloop/platform/net/ssrf';
import type { DeliveryRow } from './delivery.repository.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import type { WebhookRow } from './webhook.repository.ts';
import { signingSecrets } from './webhook.service.ts';
import { parseRetryAfterMs } from './retry-schedule.ts';

export const WEBHOOK_USER_AGENT = 'Hireloop-Webhooks/1.0';
const ERROR_MAX_CHARS = 500;

export type AttemptOutcome = 'success' | 'failure' | 'gone' | 'rate_limited' | 'blocked' | 'network_error';

export interface AttemptResult {
  readonly outcome: AttemptOutcome;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
  /** Receiver's Retry-After (429/503), in ms from the attempt. */
  readonly retryAfterMs: number | undefined;
}

export function buildDeliveryRequest(
  delivery: DeliveryRow,
  webhook: WebhookRow,
  now: number,
): { body: string; headers: Record<string, string> } {
  const triggeredAt = delivery.triggered_at.getTime();
  const body = JSON.stringify({
    triggeredAt,
    event: delivery.event,
    signature: signLever({ signatureToken: webhook.signature_token, token: delivery.token, triggeredAt }),
    token: delivery.token,
    data: delivery.data,
  });
  const headers = {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    ...standardWebhookHeaders({
      id: delivery.id,
      timestamp: Math.floor(now / 1000),
      body,
      secrets: signingSecrets(webhook, now),
    }),
  };
  return { body, headers };
}

export async function sendDelivery(
  deps: WebhookDeps,
  delivery: DeliveryRow,
  webhook: WebhookRow,
  now: number,
): Promise<AttemptResult> {
  const { body, headers } = buildDeliveryRequest(delivery, webhook, now);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const res = await guardedPost(webhook.url, {
      allowLoopback: deps.allowLoopback,
      resolve: deps.resolve,
      timeoutMs: deps.timeoutMs,
      headers,
      body,
    });
    const retryAfter = res.headers['retry-after'];
    const outcome: AttemptOutcome =
      res.status >= 200 && res.status < 300
        ? 'success'
        : res.status === 410
          ? 'gone'
          : res.status === 429 || (res.status === 503 && retryAfter !== undefined)
            ? 'rate_limited'
            : 'failure';
    return {
      outcome,
      statusCode: res.status,
      latencyMs: latency(),
      responseExcerpt: res.excerpt,
      error:
        res.status >= 300 && res.status < 400
          ? `redirect to ${String(res.headers.location ?? '?')} not followed`
          : null,
      retryAfterMs: outcome === 'rate_limited' ? parseRetryAfterMs(retryAfter, now) : undefined,
    };
  } catch (e) {
    const blocked = e instanceof SsrfBlockedError;
    const message = e instanceof Error ? e.message : String(e);
    return {
      outcome: blocked ? 'blocked' : 'network_error',
      statusCode: null,
      latencyMs: latency(),
      responseExcerpt: null,
      error: message.slice(0, ERROR_MAX_CHARS),
      retryAfterMs: undefined,
    };
  }
}
