// Webhook deliveries in, for any app: verify (lever's `verifyLeverDelivery`: signature over token +
// triggeredAt with any of the organization's signature tokens, timestamp window, Standard Webhooks headers
// when sent), then store the event and enqueue its processing in ONE transaction keyed by
// (organization, token.triggeredAt) — the DB-backed DeliveryStore. A duplicate or replay hits the unique key:
// nothing is stored or processed twice. The HTTP answer is immediate; the work happens in the app's job.
//
// Each app passes its schema (its `webhook_event` table has at least the columns of `WebhookEventTable`,
// and a unique key on (organization_id, delivery_key)), its job name and, if it keeps more, extra columns.
import type { FastifyInstance } from 'fastify';
import type { ColumnType, Generated, Kysely } from 'kysely';
import {
  RECEIVER_ERROR_STATUS,
  verifyLeverDelivery,
  type DeliveryStore,
  type HeaderSource,
  type ReceiveResult,
} from '@hireloop/lever';
import type { Queue } from '@hireloop/platform/queue/queue';

/** The columns every app's `<schema>.webhook_event` has (others must have defaults or be nullable). */
export interface WebhookEventTable {
  id: Generated<string>;
  organization_id: string;
  delivery_key: string;
  event: string;
  triggered_at_ms: ColumnType<string | number, number, number>;
  payload: ColumnType<unknown, string, string>;
  last_error: string | null;
  processed_at: Date | null;
}

interface ReceiverTables {
  webhook_event: WebhookEventTable;
}

export interface DeliveryStoreOptions {
  /** The app's database (any typed Kysely over a schema with a `webhook_event` table). */
  readonly db: object;
  /** The app's Postgres schema, e.g. `referrals`. */
  readonly schema: string;
  readonly queue: Queue;
  /** The job that processes a stored event; it gets `{ organizationId, eventId }`. */
  readonly job: string;
  /** More columns the app keeps per event (e.g. the opportunity id to look events up by). */
  extraColumns?(event: { event: string; data: unknown }): Record<string, string | number | null>;
}

export function createDbDeliveryStore(options: DeliveryStoreOptions, organizationId: string): DeliveryStore {
  const db = options.db as Kysely<ReceiverTables>;
  return {
    recordIfNew: (key, event) =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .withSchema(options.schema)
          .insertInto('webhook_event')
          .values({
            organization_id: organizationId,
            delivery_key: key,
            event: event.event,
            triggered_at_ms: event.triggeredAt,
            // The signature is not kept: it is of no use once verified.
            payload: JSON.stringify({ event: event.event, triggeredAt: event.triggeredAt, data: event.data }),
            last_error: null,
            processed_at: null,
            ...options.extraColumns?.(event),
          })
          .onConflict((oc) => oc.columns(['organization_id', 'delivery_key']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return false;
        await options.queue.enqueue(trx as unknown as Kysely<unknown>, options.job, {
          organizationId,
          eventId: row.id,
        });
        return true;
      }),
  };
}

/** Verifies with the organization's stored tokens; none stored means no webhook is set up (401). */
export async function receiveLeverDelivery(input: {
  readonly rawBody: string;
  readonly headers: HeaderSource;
  readonly secrets: readonly string[];
  readonly store: DeliveryStore;
}): Promise<ReceiveResult> {
  if (input.secrets.length === 0)
    return { ok: false, code: 'bad_signature', message: 'No webhook is set up for this organization' };
  return verifyLeverDelivery(input);
}

const WEBHOOK_BODY_LIMIT = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface HookRouteOptions {
  /** e.g. `/referrals/hooks/lever/:orgId` — must end in `:orgId`. */
  readonly path: string;
  organizationExists(organizationId: string): Promise<boolean>;
  receive(organizationId: string, rawBody: string, headers: HeaderSource): Promise<ReceiveResult>;
}

/**
 * POST <path> — the webhook receiver. Outside the session/CSRF scope (the ATS has no session); the body is
 * kept as the raw string the signature checks ran over. 202 once stored and queued, 200 for a replay (so the
 * sender stops retrying), 4xx otherwise (401 for a bad or revoked token, 404 for an unknown organization).
 */
export async function registerLeverHookRoute(app: FastifyInstance, options: HookRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.post<{ Params: { orgId: string } }>(options.path, async (request, reply) => {
      const { orgId } = request.params;
      if (!UUID.test(orgId) || !(await options.organizationExists(orgId)))
        return reply.code(404).send({ code: 'NotFoundError', message: 'No such organization' });
      const raw = typeof request.body === 'string' ? request.body : '';
      const result = await options.receive(orgId, raw, request.headers);
      if (result.ok) return reply.code(202).send({ ok: true });
      if (result.code === 'replayed') return reply.code(200).send({ ok: true, duplicate: true });
      return reply
        .code(RECEIVER_ERROR_STATUS[result.code])
        .send({ code: 'WebhookRejectedError', reason: result.code, message: result.message });
    });
  });
}
