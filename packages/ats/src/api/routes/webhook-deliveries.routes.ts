// Delivery log (Hireloop extension, not in Lever): list with filters (webhook_id, event, status —
// `status=exhausted` lists the deliveries that used up every attempt), keyset-paginated like every list;
// one delivery with its attempts; re-send one or a time range with the original webhook-id.
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import { decodeOffset, page } from '../pagination.ts';
import { isUuid, Limit, Multi, Offset, parseEnum, parseLimit, parseMs, Text } from '../query.ts';
import { findDelivery, listAttempts, listDeliveries } from '../../domain/webhooks/delivery-log.repository.ts';
import { resendDelivery, resendRange, MAX_RESEND } from '../../domain/webhooks/delivery-log.service.ts';
import { webhookDeps } from '../../domain/webhooks/webhook-deps.ts';
import { invalidField } from '../../domain/webhooks/webhook.errors.ts';
import {
  DELIVERY_STATUSES,
  DeliveryDetailWire,
  DeliveryWire,
  toDeliveryDetailWire,
  toDeliveryWire,
} from '../../domain/webhooks/webhook.wire.ts';
import { principalOf } from './webhooks.routes.ts';

const TAGS = ['Webhooks'];
const SORT = 'webhookDeliveries';
const Params = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({
  webhook_id: Text,
  event: Multi,
  status: Multi,
  limit: Limit,
  offset: Offset,
});
const ResendBody = Type.Object({
  from: Type.Integer({ minimum: 0, description: 'Created at or after (ms)' }),
  to: Type.Integer({ minimum: 0, description: 'Created before (ms)' }),
  webhook_id: Type.Optional(Type.String()),
  status: Type.Optional(Type.Array(Type.Enum(DELIVERY_STATUSES))),
});
const notFound = () => new AppError(Errors.NotFound, 'Webhook delivery not found');

export async function registerWebhookDeliveryRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;

  app.get(
    '/webhook_deliveries',
    {
      config: { permission: 'webhooks:list' },
      schema: {
        tags: TAGS,
        summary: 'List webhook deliveries (extension)',
        querystring: ListQuery,
        response: {
          200: Type.Object({
            data: Type.Array(DeliveryWire),
            hasNext: Type.Boolean(),
            next: Type.Optional(Type.String()),
          }),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const limit = parseLimit(q.limit);
      if (q.webhook_id !== undefined && !isUuid(q.webhook_id))
        throw invalidField('webhook_id', 'must be a webhook id', 'querystring');
      const after = q.offset ? decodeOffset(q.offset, SORT, ['number', 'string']) : undefined;
      const rows = await listDeliveries(
        db,
        {
          accountId: principal.accountId,
          webhookId: q.webhook_id?.toLowerCase(),
          events: q.event,
          statuses: parseEnum('status', q.status, DELIVERY_STATUSES),
          after: after ? { createdAtMs: after[0] as number, id: after[1] as string } : undefined,
        },
        limit,
      );
      return page(rows, limit, SORT, (r) => [r.created_at.getTime(), r.id], toDeliveryWire);
    },
  );

  app.get(
    '/webhook_deliveries/:id',
    {
      config: { permission: 'webhooks:read' },
      schema: {
        tags: TAGS,
        summary: 'Get a webhook delivery with its attempts (extension)',
        params: Params,
        response: { 200: Type.Object({ data: DeliveryDetailWire }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!isUuid(request.params.id)) throw notFound();
      const delivery = await findDelivery(db, principal.accountId, request.params.id.toLowerCase());
      if (!delivery) throw notFound();
      return { data: toDeliveryDetailWire(delivery, await listAttempts(db, delivery.id)) };
    },
  );

  app.post(
    '/webhook_deliveries/:id/resend',
    {
      config: { permission: 'webhooks:update' },
      schema: {
        tags: TAGS,
        summary: 'Re-send one delivery with its original webhook-id (extension)',
        params: Params,
        response: { 202: Type.Object({ data: DeliveryWire }) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!isUuid(request.params.id)) throw notFound();
      const id = request.params.id.toLowerCase();
      const row = await db
        .transaction()
        .execute((trx) =>
          resendDelivery(trx, ctx.runtime.queue, webhookDeps(ctx.runtime), principal.accountId, id),
        );
      return reply.code(202).send({ data: toDeliveryWire(row) });
    },
  );

  app.post(
    '/webhook_deliveries/resend',
    {
      config: { permission: 'webhooks:update' },
      schema: {
        tags: TAGS,
        summary: `Re-send the finished deliveries created in [from, to) (extension; at most ${MAX_RESEND})`,
        body: ResendBody,
        response: { 202: Type.Object({ data: Type.Object({ resent: Type.Integer() }) }) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const b = request.body;
      const from = parseMs('from', String(b.from));
      const to = parseMs('to', String(b.to));
      if (!from || !to || to <= from) throw invalidField('to', 'must be after from');
      if (b.webhook_id !== undefined && !isUuid(b.webhook_id))
        throw invalidField('webhook_id', 'must be a webhook id');
      const resent = await db.transaction().execute((trx) =>
        resendRange(trx, ctx.runtime.queue, webhookDeps(ctx.runtime), {
          accountId: principal.accountId,
          from,
          to,
          webhookId: b.webhook_id?.toLowerCase(),
          statuses: b.status,
        }),
      );
      return reply.code(202).send({ data: { resent } });
    },
  );
}
