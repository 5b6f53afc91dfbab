// Webhook and delivery wire shapes. The webhook keeps Lever's fields (§3.4) and adds Hireloop's:
// `createdVia` (api | settings), `disabled` notice, and the rotation overlap. The signature token appears
// only in the create and rotate responses.
import { Type, type Static } from 'typebox';
import { Webhook as LeverWebhook, WebhookConditions } from '@hireloop/lever/wire';
import type { Row } from '../../db.ts';
import type { WebhookRow } from './webhook.repository.ts';

const Ms = Type.Integer();
const NullableMs = Type.Union([Ms, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const WebhookWire = Type.Object({
  ...LeverWebhook.properties,
  createdVia: Type.Union([Type.Literal('api'), Type.Literal('settings')]),
  disabledAt: NullableMs,
  disabledReason: NullableString,
  previousTokenExpiresAt: NullableMs,
});
export type WebhookWire = Static<typeof WebhookWire>;

export const WebhookWithToken = Type.Object({
  ...WebhookWire.properties,
  configuration: Type.Object({ conditions: WebhookConditions, signatureToken: Type.String() }),
});

export function toWebhookWire(w: WebhookRow): WebhookWire {
  return {
    id: w.id,
    event: w.event as WebhookWire['event'],
    url: w.url,
    configuration: { conditions: { origins: w.origins as WebhookConditionsOrigins } },
    createdAt: w.created_at.getTime(),
    updatedAt: w.updated_at.getTime(),
    createdVia: w.created_via,
    disabledAt: w.disabled_at?.getTime() ?? null,
    disabledReason: w.disabled_reason,
    previousTokenExpiresAt: w.previous_signature_token
      ? (w.previous_token_expires_at?.getTime() ?? null)
      : null,
  };
}
type WebhookConditionsOrigins = Static<typeof WebhookConditions>['origins'];

export function toWebhookWithToken(w: WebhookRow): Static<typeof WebhookWithToken> {
  const base = toWebhookWire(w);
  return {
    ...base,
    configuration: {
      ...base.configuration,
      conditions: base.configuration.conditions!,
      signatureToken: w.signature_token,
    },
  };
}

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'exhausted', 'cancelled'] as const;

const AttemptWire = Type.Object({
  attempt: Type.Integer(),
  attemptedAt: Ms,
  latencyMs: Type.Integer(),
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.String(),
  responseExcerpt: NullableString,
  error: NullableString,
});

export const DeliveryWire = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  eventId: NullableString,
  event: Type.String(),
  status: Type.Enum(DELIVERY_STATUSES),
  statusReason: NullableString,
  attempts: Type.Integer(),
  nextAttemptAt: NullableMs,
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: NullableString,
  triggeredAt: Ms,
  createdAt: Ms,
  completedAt: NullableMs,
});
export const DeliveryDetailWire = Type.Object({
  ...DeliveryWire.properties,
  data: Type.Record(Type.String(), Type.Unknown()),
  attemptLog: Type.Array(AttemptWire),
});

export function toDeliveryWire(d: Row<'ats.webhook_delivery'>): Static<typeof DeliveryWire> {
  return {
    id: d.id,
    webhookId: d.webhook_id,
    eventId: d.event_id,
    event: d.event,
    status: d.status,
    statusReason: d.status_reason,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? (d.next_attempt_at?.getTime() ?? null) : null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    triggeredAt: d.triggered_at.getTime(),
    createdAt: d.created_at.getTime(),
    completedAt: d.completed_at?.getTime() ?? null,
  };
}

export function toDeliveryDetailWire(
  d: Row<'ats.webhook_delivery'>,
  attempts: readonly Row<'ats.webhook_attempt'>[],
): Static<typeof DeliveryDetailWire> {
  return {
    ...toDeliveryWire(d),
    data: d.data,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      attemptedAt: a.attempted_at.getTime(),
      latencyMs: a.latency_ms,
      statusCode: a.status_code,
      outcome: a.outcome,
      responseExcerpt: a.response_excerpt,
      error: a.error,
    })),
  };
}
