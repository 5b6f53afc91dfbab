// Webhooks: the ones the app created through the API, "Create webhooks" (when the grant allows), and the
// manual way — the URL to paste into the ATS and where its signature token goes.
import type { FastifyInstance } from 'fastify';
import {
  badge,
  button,
  card,
  copyField,
  csrfField,
  formField,
  html,
  pageHeader,
  table,
} from '@hireloop/platform/html';
import { WEBHOOK_EVENT_INFO } from '@hireloop/lever';
import type { ReferralsContext } from '../context.ts';
import { findConnection } from '../domain/connection/connection.repository.ts';
import {
  addManualSubscription,
  ensureWebhooks,
  listSubscriptions,
  POSTING_EVENTS,
  removeSubscription,
  STATUS_EVENTS,
  webhookUrl,
} from '../domain/webhooks/subscription.service.ts';
import { connectionBanner, flashNext, formValue, render, requireAdmin } from './shared.ts';

const EVENTS = [...STATUS_EVENTS, ...POSTING_EVENTS] as readonly string[];
const describe = (event: string) => WEBHOOK_EVENT_INFO.find((e) => e.event === event)?.description ?? event;

export function registerWebhookPages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals/admin/webhooks', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const [subs, connection, recent] = await Promise.all([
      listSubscriptions(ctx.db, org),
      findConnection(ctx.db, org),
      ctx.db
        .selectFrom('referrals.webhook_event')
        .select(['event', 'status', 'received_at', 'last_error'])
        .where('organization_id', '=', org)
        .orderBy('received_at', 'desc')
        .limit(10)
        .execute(),
    ]);
    const csrf = await reply.generateCsrf();
    const body = html`${pageHeader({ title: 'Webhooks', subtitle: 'How status changes reach the app within seconds.', breadcrumbs: [{ label: 'Integrations', href: '/referrals/admin/integrations' }] })}
    ${card({
      title: 'Subscriptions',
      actions:
        connection?.status === 'connected'
          ? html`<form method="post" action="/referrals/admin/webhooks/create">
              ${csrfField(csrf)}${button({ label: 'Create missing webhooks in the ATS', size: 'sm' })}
            </form>`
          : '',
      flush: true,
      body: table({
        caption: 'Webhook subscriptions',
        captionHidden: true,
        columns: [
          {
            header: 'Event',
            rowHeader: true,
            cell: (s) => html`${describe(s.event)}<br /><small><code>${s.event}</code></small>`,
          },
          {
            header: 'Made by',
            cell: (s) =>
              s.origin === 'api'
                ? badge({ label: 'the app (API)', tone: 'brand' })
                : badge({ label: 'an admin (manual)', tone: 'neutral' }),
          },
          { header: 'Since', cell: (s) => s.createdAt.toISOString().slice(0, 16).replace('T', ' ') },
          {
            header: html`<span class="visually-hidden">Actions</span>`,
            cell: (s) =>
              html`<form method="post" action="${`/referrals/admin/webhooks/${s.id}/delete`}">
                ${csrfField(csrf)}${button({ label: 'Forget', size: 'sm', variant: 'ghost', confirm: 'Stop accepting deliveries signed with this token?' })}
              </form>`,
          },
        ],
        rows: subs,
        empty:
          'No webhooks yet. Without them the app still polls jobs every minute, but statuses only update through webhooks.',
      }),
    })}
    ${card({
      title: 'Set one up by hand',
      body: html`<ol>
          <li>
            In the ATS, open Settings › Integrations and API › Webhooks and add a webhook for each event below
            (${STATUS_EVENTS.join(', ')}).
          </li>
          <li>Use this URL for each of them:</li>
        </ol>
        ${copyField({ label: 'Webhook URL', id: 'webhook-url', value: webhookUrl(ctx, org) })}
        <ol start="3">
          <li>
            Copy the webhook's <strong>signature token</strong> from the ATS and paste it here, so the app can
            check that deliveries really come from your ATS.
          </li>
        </ol>
        <form method="post" action="/referrals/admin/webhooks/manual" class="form">
          ${csrfField(csrf)}
          ${formField({ type: 'select', label: 'Event', name: 'event', options: EVENTS.map((e) => ({ value: e, label: `${describe(e)} (${e})` })) })}
          ${formField({ label: 'Signature token', name: 'signatureToken', type: 'password', autocomplete: 'off', required: true, hint: 'Stored encrypted; never shown again.' })}
          <div class="form-actions">${button({ label: 'Save token', variant: 'primary' })}</div>
        </form>`,
    })}
    ${card({
      title: 'Recent deliveries',
      flush: true,
      body: table({
        caption: 'Recent deliveries',
        captionHidden: true,
        columns: [
          {
            header: 'Received',
            rowHeader: true,
            cell: (e) => e.received_at.toISOString().slice(0, 19).replace('T', ' '),
          },
          { header: 'Event', cell: (e) => e.event },
          {
            header: 'Result',
            cell: (e) =>
              badge({
                label: e.status,
                tone: e.status === 'failed' ? 'danger' : e.status === 'processed' ? 'success' : 'neutral',
              }),
          },
          { header: 'Error', cell: (e) => e.last_error ?? '' },
        ],
        rows: recent,
        empty: 'Nothing received yet.',
      }),
    })}`;
    return render(request, reply, { title: 'Webhooks', user, body, flash: await connectionBanner(ctx, org) });
  });

  app.post('/referrals/admin/webhooks/create', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    try {
      const r = await ensureWebhooks(ctx, user.organization_id);
      const msg = r.manualOnly
        ? `The app cannot create webhooks here (${r.manualOnly}); set them up by hand below.`
        : `Created ${r.created.length}, already had ${r.existing.length}.${r.unsupported.length ? ` Not offered by this ATS: ${r.unsupported.join(', ')} (jobs are polled instead).` : ''}`;
      flashNext(request, r.manualOnly ? 'info' : 'success', msg);
    } catch (error) {
      flashNext(request, 'error', `The ATS refused: ${(error as Error).message}`);
    }
    return reply.redirect('/referrals/admin/webhooks', 303);
  });

  app.post('/referrals/admin/webhooks/manual', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const event = formValue(request.body, 'event');
    const token = formValue(request.body, 'signatureToken').trim();
    if (!EVENTS.includes(event) || token.length < 16 || token.length > 500) {
      flashNext(
        request,
        'error',
        'Choose an event and paste the full signature token (at least 16 characters).',
      );
    } else {
      await addManualSubscription(ctx, user.organization_id, { event, signatureToken: token });
      flashNext(request, 'success', `Saved the token for ${event}.`);
    }
    return reply.redirect('/referrals/admin/webhooks', 303);
  });

  app.post<{ Params: { id: string } }>('/referrals/admin/webhooks/:id/delete', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    if (/^[0-9a-f-]{36}$/i.test(request.params.id))
      await removeSubscription(ctx.db, user.organization_id, request.params.id);
    flashNext(request, 'success', 'Subscription forgotten.');
    return reply.redirect('/referrals/admin/webhooks', 303);
  });
}
