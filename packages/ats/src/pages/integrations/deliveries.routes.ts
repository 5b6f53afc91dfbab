// Delivery log routes: list (keyset pages, filters), re-send one, re-send a range — through
// domain/webhooks' delivery-log repository and service, like /v1/webhook_deliveries.
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { url } from '@hireloop/platform/html';
import { WEBHOOK_EVENTS } from '@hireloop/lever/wire';
import type { AtsContext } from '../../context.ts';
import type { WebhookDeliveryStatus } from '../../db.ts';
import { findDelivery, listAttempts, listDeliveries } from '../../domain/webhooks/delivery-log.repository.ts';
import { resendDelivery, resendRange } from '../../domain/webhooks/delivery-log.service.ts';
import { webhookDeps } from '../../domain/webhooks/webhook-deps.ts';
import { listWebhooks } from '../../domain/webhooks/webhook.repository.ts';
import { DELIVERY_STATUSES } from '../../domain/webhooks/webhook.wire.ts';
import { decodeOffset, encodeOffset } from '../../api/pagination.ts';
import { isUuid } from '../../api/query.ts';
import { setFlash } from '../ats-shell.ts';
import { safeReturnTo } from '../page-guards.ts';
import { requireIntegrationsAccess } from './integration-access.ts';
import { DELIVERIES_PATH } from './integrations-frame.ts';
import { refusedChange, sendIntegrationsPage } from './integrations-page.ts';
import { deliveriesPage, type DeliveryFilters } from './deliveries.page.ts';

const PAGE_SIZE = 25;
const SORT = 'ats-webhook-deliveries-page';
const Str = Type.Optional(Type.String({ maxLength: 200 }));
const ListQuery = Type.Object({ webhook: Str, event: Str, status: Str, offset: Str });
const Csrf = Type.Optional(Type.String());

const isStatus = (s: string | undefined): s is WebhookDeliveryStatus =>
  s !== undefined && (DELIVERY_STATUSES as readonly string[]).includes(s);
/** `YYYY-MM-DDTHH:MM` of a datetime-local input, read as UTC (the page says so). */
const parseUtc = (v: string | undefined): Date | undefined => {
  if (!v || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return undefined;
  const d = new Date(`${v}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
};
const toInput = (d: Date): string => d.toISOString().slice(0, 16);
/** Back to the list the form came from (same filters), never elsewhere. */
const back = (returnTo: string | undefined): string => {
  const target = safeReturnTo(returnTo);
  return target.startsWith(DELIVERIES_PATH) ? target : DELIVERIES_PATH;
};

export async function registerDeliveryPages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const gate = requireIntegrationsAccess;
  const deps = () => webhookDeps(ctx.runtime);

  app.get(
    DELIVERIES_PATH,
    { preHandler: gate, schema: { querystring: ListQuery } },
    async (request, reply) => {
      const accountId = request.atsUser!.account.id;
      const q = request.query;
      // Unknown filter values are dropped rather than refused: they come from the page's own selects.
      const filters: DeliveryFilters = {
        webhook: q.webhook && isUuid(q.webhook) ? q.webhook.toLowerCase() : undefined,
        event: q.event && (WEBHOOK_EVENTS as readonly string[]).includes(q.event) ? q.event : undefined,
        status: isStatus(q.status) ? q.status : undefined,
      };
      const after = q.offset
        ? (decodeOffset(q.offset, SORT, ['number', 'string']) as [number, string])
        : undefined;
      if (after && !isUuid(after[1])) throw new AppError(Errors.InvalidOffsetToken);
      const [webhooks, found] = await Promise.all([
        listWebhooks(db, accountId),
        listDeliveries(
          db,
          {
            accountId,
            webhookId: filters.webhook,
            events: filters.event ? [filters.event] : undefined,
            statuses: isStatus(filters.status) ? [filters.status] : undefined,
            after: after && { createdAtMs: after[0], id: after[1] },
          },
          PAGE_SIZE,
        ),
      ]);
      const visible = found.slice(0, PAGE_SIZE);
      const last = visible[visible.length - 1];
      const next =
        found.length > PAGE_SIZE && last
          ? encodeOffset(SORT, [last.created_at.getTime(), last.id])
          : undefined;
      const rows = await Promise.all(
        visible.map(async (delivery) => ({ delivery, attempts: await listAttempts(db, delivery.id) })),
      );
      const now = Date.now();
      return sendIntegrationsPage(request, reply, {
        title: 'Delivery log',
        active: 'webhooks',
        header: {
          title: 'Webhook delivery log',
          subtitle:
            'Every delivery and each attempt: status, latency and the start of the response. Re-sent deliveries keep their id.',
        },
        body: (csrfToken) =>
          deliveriesPage({
            csrfToken,
            filters,
            webhooks,
            events: [...new Set(webhooks.map((w) => w.event))],
            rows,
            next,
            isFirstPage: !after,
            self: url(DELIVERIES_PATH, { ...filters, offset: q.offset }),
            rangeDefaults: {
              from: toInput(new Date(now - 24 * 3600_000)),
              to: toInput(new Date(now + 60_000)),
            },
          }),
      });
    },
  );

  app.post(
    `${DELIVERIES_PATH}/:id/resend`,
    {
      preHandler: gate,
      schema: {
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ returnTo: Str, _csrf: Csrf }),
      },
    },
    async (request, reply) => {
      const accountId = request.atsUser!.account.id;
      const id = request.params.id.toLowerCase();
      if (!isUuid(id) || !(await findDelivery(db, accountId, id)))
        throw new AppError(Errors.NotFound, 'There is no delivery with that id in this account.');
      try {
        await db
          .transaction()
          .execute((trx) => resendDelivery(trx, ctx.runtime.queue, deps(), accountId, id));
        setFlash(request, 'success', `Re-sending delivery ${id} with its original id.`);
      } catch (e) {
        setFlash(request, 'error', `Not re-sent: ${refusedChange(e).message}`);
      }
      return reply.redirect(back(request.body.returnTo), 303);
    },
  );

  app.post(
    `${DELIVERIES_PATH}/resend`,
    {
      preHandler: gate,
      schema: {
        body: Type.Object({ from: Str, to: Str, webhook: Str, status: Str, returnTo: Str, _csrf: Csrf }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const from = parseUtc(b.from);
      const to = parseUtc(b.to);
      if (!from || !to || to <= from) {
        setFlash(request, 'error', 'Not re-sent: give a start and an end (UTC), the end after the start.');
        return reply.redirect(back(b.returnTo), 303);
      }
      const resent = await db.transaction().execute((trx) =>
        resendRange(trx, ctx.runtime.queue, deps(), {
          accountId: request.atsUser!.account.id,
          from,
          to,
          webhookId: b.webhook && isUuid(b.webhook) ? b.webhook.toLowerCase() : undefined,
          statuses: isStatus(b.status) ? [b.status] : undefined,
        }),
      );
      setFlash(
        request,
        resent ? 'success' : 'info',
        resent
          ? `Re-sending ${resent} deliver${resent === 1 ? 'y' : 'ies'} with their original ids.`
          : 'No finished deliveries of enabled webhooks in that range.',
      );
      return reply.redirect(back(b.returnTo), 303);
    },
  );
}
