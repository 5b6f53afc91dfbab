// Webhook subscriptions (reference §3.4) and delivery payloads (§3.1, §3.2).
import { Type, type Static, type TSchema } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { Origin } from './enums.ts';
import { Archived } from './opportunity.ts';
import { WEBHOOK_EVENTS } from './webhook-events.ts';
import type { WebhookEvent } from './webhook-events.ts';

export const WebhookEventName = Type.Enum(WEBHOOK_EVENTS);

export const WebhookConditions = Type.Object({ origins: Type.Array(Origin) });

/** `POST /webhooks` and `PUT /webhooks/:id` body. One event per webhook. */
export const WebhookWrite = Type.Object({
  url: Type.String({ minLength: 1 }),
  event: WebhookEventName,
  configuration: Type.Optional(Type.Object({ conditions: Type.Optional(WebhookConditions) })),
});
export type WebhookWrite = Static<typeof WebhookWrite>;

/** Item of `GET /webhooks` → `{data: [...]}` (no `hasNext`); never carries the signature token. */
export const Webhook = Type.Object({
  id: Id,
  event: WebhookEventName,
  url: Type.String(),
  configuration: Type.Object({ conditions: Type.Optional(WebhookConditions) }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Webhook = Static<typeof Webhook>;

/** `POST /webhooks` → 201: the only response carrying `configuration.signatureToken` (§3.4). */
export const WebhookCreated = Type.Object({
  ...Webhook.properties,
  configuration: Type.Object({
    conditions: Type.Optional(WebhookConditions),
    signatureToken: Type.String({ minLength: 1 }),
  }),
});
export type WebhookCreated = Static<typeof WebhookCreated>;

const ArchiveState = Nullable(Archived);

/** `data` of each event (§3.1). `candidateId` is a legacy alias of `opportunityId` [M]. */
export const WEBHOOK_EVENT_DATA = {
  applicationCreated: Type.Object({
    applicationId: Id,
    opportunityId: Id,
    contactId: Id,
    candidateId: Type.Optional(Id),
  }),
  candidateStageChange: Type.Object({
    opportunityId: Id,
    contactId: Id,
    candidateId: Type.Optional(Id),
    fromStageId: Nullable(Id),
    toStageId: Id,
  }),
  candidateArchiveChange: Type.Object({
    opportunityId: Id,
    contactId: Id,
    candidateId: Type.Optional(Id),
    fromArchived: ArchiveState,
    toArchived: ArchiveState,
  }),
  candidateHired: Type.Object({ opportunityId: Id, contactId: Id, candidateId: Type.Optional(Id) }),
  candidateDeleted: Type.Object({ opportunityId: Id, contactId: Id, deletedBy: Nullable(Id) }),
  interviewCreated: Type.Object({
    interviewId: Id,
    panelId: Nullable(Id),
    opportunityId: Id,
    createdAt: Timestamp,
  }),
  interviewUpdated: Type.Object({
    interviewId: Id,
    panelId: Nullable(Id),
    opportunityId: Id,
    updatedAt: Timestamp,
  }),
  interviewDeleted: Type.Object({
    interviewId: Id,
    panelId: Nullable(Id),
    opportunityId: Id,
    deletedAt: Timestamp,
  }),
  contactCreated: Type.Object({ contactId: Id, createdAt: Timestamp, accountId: Id }),
  contactUpdated: Type.Object({ contactId: Id, updatedAt: Timestamp, accountId: Id }),
  // Extensions: a hint only, like every payload — receivers re-fetch the posting.
  postingCreated: Type.Object({ postingId: Id, createdAt: Timestamp }),
  postingUpdated: Type.Object({ postingId: Id, updatedAt: Timestamp }),
  postingDeleted: Type.Object({ postingId: Id, deletedAt: Timestamp }),
} as const satisfies Record<WebhookEvent, TSchema>;

export type WebhookEventData = { [E in WebhookEvent]: Static<(typeof WEBHOOK_EVENT_DATA)[E]> };

/**
 * Delivery body: `token` is a per-delivery random string, `signature` = HMAC-SHA256 hex of
 * `token + triggeredAt` keyed by the webhook's signature token (§3.3). No top-level id (§3.2).
 * `data` may be empty on a test delivery [L], so the generic shape does not check it per event.
 */
export const WebhookDelivery = Type.Object({
  triggeredAt: Timestamp,
  event: Type.String({ minLength: 1 }),
  signature: Type.String({ minLength: 1 }),
  token: Type.String({ minLength: 1 }),
  data: Type.Record(Type.String(), Type.Unknown()),
});

/** A delivery with its `data` typed by `event`. */
export type WebhookDeliveryOf<E extends WebhookEvent = WebhookEvent> = {
  [K in E]: { triggeredAt: number; event: K; signature: string; token: string; data: WebhookEventData[K] };
}[E];

/** Strict per-event delivery schema, e.g. for a sender's own tests or an OpenAPI callback. */
export const webhookDeliverySchema = <E extends WebhookEvent>(event: E) =>
  Type.Object({
    triggeredAt: Timestamp,
    event: Type.Literal(event),
    signature: Type.String({ minLength: 1 }),
    token: Type.String({ minLength: 1 }),
    data: WEBHOOK_EVENT_DATA[event],
  });
