// /v1/webhooks (reference §3.4): create (201, the only response with the signature token), list
// (`{data}` without hasNext), get, replace (PUT), delete (204); one event per webhook; origins default
// to all six. Webhooks made in settings cannot be changed here (403 WebhookManagedElsewhereError).
// Extension: POST /webhooks/:id/rotate_token {overlapSeconds} (default 24 h, 0 = at once). The delivery
// log lives in webhook-deliveries.routes.ts.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Http } from '@hireloop/platform';
import { WebhookWrite } from '@hireloop/lever/wire';
import type { AtsContext } from '../../context.ts';
import type { Principal } from '../principal.ts';
import { isUuid } from '../query.ts';
import { webhookDeps } from '../../domain/webhooks/webhook-deps.ts';
import { webhookNotFound } from '../../domain/webhooks/webhook.errors.ts';
import { findWebhook, listWebhooks } from '../../domain/webhooks/webhook.repository.ts';
import {
  createWebhook,
  DEFAULT_ROTATION_OVERLAP_SECONDS,
  deleteWebhook,
  MAX_ROTATION_OVERLAP_SECONDS,
  replaceWebhook,
  rotateSignatureToken,
  webhookAuditDetails,
  type WebhookInput,
} from '../../domain/webhooks/webhook.service.ts';
import { auditAts } from '../../domain/audit/ats-audit.ts';
import {
  toWebhookWire,
  toWebhookWithToken,
  WebhookWire,
  WebhookWithToken,
} from '../../domain/webhooks/webhook.wire.ts';
import { registerWebhookDeliveryRoutes } from './webhook-deliveries.routes.ts';

const TAGS = ['Webhooks'];
const Params = Type.Object({ id: Type.String({ description: 'Webhook id (UUID)' }) });
const ListQuery = Type.Object({ limit: Type.Optional(Type.String()), offset: Type.Optional(Type.String()) });
const RotateBody = Type.Object({
  overlapSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ROTATION_OVERLAP_SECONDS })),
});

export const principalOf = (request: FastifyRequest): Principal => {
  if (!request.principal) throw new Error('no principal: the /v1 auth hook did not run');
  return request.principal;
};

const inputOf = (body: WebhookWrite): WebhookInput => ({
  url: body.url,
  event: body.event,
  origins: body.configuration?.conditions?.origins,
});

const idOf = (raw: string): string => {
  if (!isUuid(raw)) throw webhookNotFound();
  return raw.toLowerCase();
};

export async function registerWebhookRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const deps = () => webhookDeps(ctx.runtime);

  app.post(
    '/webhooks',
    {
      config: { permission: 'webhooks:create' },
      schema: {
        tags: TAGS,
        summary: 'Create a webhook',
        body: WebhookWrite,
        response: { 201: Type.Object({ data: WebhookWithToken }) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const row = await db.transaction().execute(async (trx) => {
        const made = await createWebhook(
          trx,
          deps(),
          principal.accountId,
          inputOf(request.body),
          'api',
          principal.userId ?? null,
        );
        await auditAts(trx, request, 'webhook.created', ['webhook', made.id], webhookAuditDetails(made));
        return made;
      });
      return reply.code(201).send({ data: toWebhookWithToken(row) });
    },
  );

  app.get(
    '/webhooks',
    {
      config: { permission: 'webhooks:list' },
      // Lever answers `{data}` without hasNext; clients send limit=100 anyway (accepted, not needed).
      schema: {
        tags: TAGS,
        summary: 'List webhooks',
        querystring: ListQuery,
        response: { 200: Type.Object({ data: Type.Array(WebhookWire) }) },
      },
    },
    async (request) => ({
      data: (await listWebhooks(db, principalOf(request).accountId)).map(toWebhookWire),
    }),
  );

  app.get(
    '/webhooks/:id',
    {
      config: { permission: 'webhooks:read' },
      schema: {
        tags: TAGS,
        summary: 'Get a webhook (extension)',
        params: Params,
        response: { 200: Type.Object({ data: WebhookWire }) },
      },
    },
    async (request) => {
      const row = await findWebhook(db, principalOf(request).accountId, idOf(request.params.id));
      if (!row) throw webhookNotFound();
      return { data: toWebhookWire(row) };
    },
  );

  app.put(
    '/webhooks/:id',
    {
      config: { permission: 'webhooks:update' },
      schema: {
        tags: TAGS,
        summary: 'Update a webhook',
        params: Params,
        body: WebhookWrite,
        response: { 200: Type.Object({ data: WebhookWire }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await db.transaction().execute(async (trx) => {
        const saved = await replaceWebhook(
          trx,
          deps(),
          principal.accountId,
          idOf(request.params.id),
          inputOf(request.body),
          'api',
        );
        await auditAts(trx, request, 'webhook.updated', ['webhook', saved.id], webhookAuditDetails(saved));
        return saved;
      });
      return { data: toWebhookWire(row) };
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      config: { permission: 'webhooks:delete' },
      schema: { tags: TAGS, summary: 'Delete a webhook', params: Params },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const id = idOf(request.params.id);
      await db.transaction().execute(async (trx) => {
        await deleteWebhook(trx, deps(), principal.accountId, id, 'api');
        await auditAts(trx, request, 'webhook.deleted', ['webhook', id]);
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/webhooks/:id/rotate_token',
    {
      config: { permission: 'webhooks:update' },
      schema: {
        tags: TAGS,
        summary: 'Rotate the signature token (extension)',
        description: 'The previous token keeps signing for overlapSeconds (default 86400; 0 = stop at once).',
        params: Params,
        body: Type.Optional(RotateBody),
        response: { 200: Type.Object({ data: WebhookWithToken }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const overlap = request.body?.overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS;
      const row = await db.transaction().execute(async (trx) => {
        const rotated = await rotateSignatureToken(
          trx,
          deps(),
          principal.accountId,
          idOf(request.params.id),
          overlap,
          'api',
        );
        await auditAts(trx, request, 'webhook.token_rotated', ['webhook', rotated.id], {
          overlapSeconds: overlap,
        });
        return rotated;
      });
      return { data: toWebhookWithToken(row) };
    },
  );

  await registerWebhookDeliveryRoutes(app, ctx);
}
