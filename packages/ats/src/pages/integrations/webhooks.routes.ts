// Webhooks tab routes. Changes go through webhook-settings.service.ts / domain/webhooks in a transaction,
// then POST → 303 → GET with a flash; a refused save (bad or blocked URL, no origin) re-renders the tab
// with the reason on that event's row and what was typed. The token is revealed only on request
// (htmx partial, or a page of its own without script).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { card, html, isHtmx, linkButton, sendHtml } from '@hireloop/platform/html';
import type { AtsContext } from '../../context.ts';
import { webhookDeps } from '../../domain/webhooks/webhook-deps.ts';
import { rotateSignatureToken } from '../../domain/webhooks/webhook.service.ts';
import { auditAts, userActor } from '../../domain/audit/ats-audit.ts';
import { findWebhook, type WebhookRow } from '../../domain/webhooks/webhook.repository.ts';
import { isUuid } from '../../api/query.ts';
import { setFlash } from '../ats-shell.ts';
import { requireIntegrationsAccess } from './integration-access.ts';
import { WEBHOOKS_PATH } from './integrations-frame.ts';
import { refusedChange, sendIntegrationsPage } from './integrations-page.ts';
import { OVERLAP_CHOICES, tokenField } from './webhook-event-card.ts';
import {
  loadWebhookSettings,
  reenableWebhook,
  saveEventWebhook,
  SETTINGS_EVENTS,
  type EventRowInput,
} from './webhook-settings.service.ts';
import { webhooksPage, type WebhooksPageProps } from './webhooks.page.ts';

const Csrf = Type.Optional(Type.String());
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const EventBody = Type.Object({
  enabled: Type.Optional(Type.String({ maxLength: 10 })),
  url: Type.Optional(Type.String({ maxLength: 5000 })),
  origins: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
  _csrf: Csrf,
});

const notFound = () => new AppError(Errors.NotFound, 'There is no webhook with that id in this account.');
const anchor = (event: string) => `${WEBHOOKS_PATH}#wh-${event}`;

export async function registerWebhookPages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const gate = requireIntegrationsAccess;
  const deps = () => webhookDeps(ctx.runtime);

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Pick<WebhooksPageProps, 'failed' | 'revealId'> = {},
    status = 200,
  ) => {
    const settings = await loadWebhookSettings(db, request.atsUser!.account.id);
    return sendIntegrationsPage(
      request,
      reply,
      {
        title: 'Webhooks',
        active: 'webhooks',
        flash: extra.failed ? { tone: 'error', message: `Not saved: ${extra.failed.message}` } : undefined,
        body: (csrfToken) => webhooksPage({ csrfToken, settings, ...extra }),
      },
      status,
    );
  };

  /** A settings-made webhook of this account, or 404 (API-made ones are not managed here). */
  const findOwn = async (request: FastifyRequest<{ Params: { id: string } }>): Promise<WebhookRow> => {
    const id = request.params.id.toLowerCase();
    const w = isUuid(id) ? await findWebhook(db, request.atsUser!.account.id, id) : undefined;
    if (!w) throw notFound();
    if (w.created_via !== 'settings')
      throw new AppError(
        Errors.Forbidden,
        'This webhook was created through the API and can only be changed there.',
      );
    return w;
  };

  app.get(
    WEBHOOKS_PATH,
    {
      preHandler: gate,
      schema: { querystring: Type.Object({ reveal: Type.Optional(Type.String({ maxLength: 64 })) }) },
    },
    (request, reply) => render(request, reply, { revealId: request.query.reveal?.toLowerCase() }),
  );

  app.post(
    `${WEBHOOKS_PATH}/events/:event`,
    {
      preHandler: gate,
      schema: { params: Type.Object({ event: Type.String({ maxLength: 64 }) }), body: EventBody },
    },
    async (request, reply) => {
      const { event } = request.params;
      if (!SETTINGS_EVENTS.some((e) => e.event === event))
        throw new AppError(Errors.NotFound, 'There is no such webhook event.');
      const { user, account } = request.atsUser!;
      const input: EventRowInput = {
        enabled: request.body.enabled === 'on',
        url: request.body.url ?? '',
        origins: request.body.origins ?? [],
      };
      try {
        const message = await db
          .transaction()
          .execute((trx) =>
            saveEventWebhook(trx, deps(), account.id, userActor(account.id, user.id, request), event, input),
          );
        setFlash(request, 'success', message);
        return reply.redirect(anchor(event), 303);
      } catch (e) {
        const { status, message } = refusedChange(e);
        const fields = (e as AppError).details?.fields as { field?: string }[] | undefined;
        const field = fields?.[0]?.field === 'origins' ? 'origins' : 'url';
        return render(request, reply, { failed: { event, input, field, message } }, status);
      }
    },
  );

  app.get(
    `${WEBHOOKS_PATH}/:id/token`,
    { preHandler: gate, schema: { params: IdParams } },
    async (request, reply) => {
      const w = await findOwn(request);
      void reply.header('cache-control', 'no-store');
      if (isHtmx(request)) return sendHtml(reply, tokenField(w));
      return sendIntegrationsPage(request, reply, {
        title: 'Signature token',
        active: 'webhooks',
        body: () =>
          card({
            title: html`Signature token of <code>${w.event}</code> to ${w.url}`,
            body: html`${tokenField(w)}
              <p>${linkButton({ label: 'Back to webhooks', href: anchor(w.event) })}</p>`,
          }),
      });
    },
  );

  app.post(
    `${WEBHOOKS_PATH}/:id/rotate`,
    {
      preHandler: gate,
      schema: {
        params: IdParams,
        body: Type.Object({ overlap: Type.Optional(Type.String({ maxLength: 10 })), _csrf: Csrf }),
      },
    },
    async (request, reply) => {
      const w = await findOwn(request);
      const choice = OVERLAP_CHOICES.find((c) => c.value === (request.body.overlap ?? '86400'));
      if (!choice) throw new AppError(Errors.Validation, 'Choose when the old token stops working.');
      const seconds = Number(choice.value);
      await db.transaction().execute(async (trx) => {
        await rotateSignatureToken(trx, deps(), request.atsUser!.account.id, w.id, seconds, 'settings');
        await auditAts(trx, request, 'webhook.token_rotated', ['webhook', w.id], {
          event: w.event,
          overlapSeconds: seconds,
        });
      });
      setFlash(
        request,
        'success',
        seconds === 0
          ? 'New signature token generated. The old token stopped working immediately: update your receiver now.'
          : `New signature token generated. The old one keeps signing deliveries for ${seconds / 3600} hour${seconds === 3600 ? '' : 's'}.`,
      );
      return reply.redirect(`${WEBHOOKS_PATH}?reveal=${w.id}#wh-${w.event}`, 303);
    },
  );

  app.post(
    `${WEBHOOKS_PATH}/:id/enable`,
    { preHandler: gate, schema: { params: IdParams, body: Type.Object({ _csrf: Csrf }) } },
    async (request, reply) => {
      const w = await findOwn(request);
      try {
        await db
          .transaction()
          .execute((trx) =>
            reenableWebhook(
              trx,
              deps(),
              w.account_id,
              w.id,
              userActor(w.account_id, request.atsUser!.user.id, request),
            ),
          );
      } catch (e) {
        setFlash(request, 'error', `Not re-enabled: ${refusedChange(e).message}`);
        return reply.redirect(anchor(w.event), 303);
      }
      setFlash(request, 'success', `Re-enabled: new ${w.event} events go to ${w.url} again.`);
      return reply.redirect(anchor(w.event), 303);
    },
  );
}
