// Webhooks tab: Lever's events, then the extension (posting) events in their own labelled group, each an
// eventCard; then the webhooks created through the API, read-only (as in Lever). Pure.
import { badge, card, html, linkButton, table, url, type SafeHtml } from '@hireloop/platform/html';
import type { WebhookRow } from '../../domain/webhooks/webhook.repository.ts';
import { eventCard, type EventCardProps } from './webhook-event-card.ts';
import { DELIVERIES_PATH, when } from './integrations-frame.ts';
import {
  SETTINGS_EVENTS,
  webhookState,
  type EventRowInput,
  type WebhookSettings,
} from './webhook-settings.service.ts';

export interface WebhooksPageProps {
  readonly csrfToken: string;
  readonly settings: WebhookSettings;
  readonly failed?: { event: string; input: EventRowInput; field: 'url' | 'origins'; message: string };
  readonly revealId?: string;
}

function cards(p: WebhooksPageProps, extension: boolean): SafeHtml[] {
  return SETTINGS_EVENTS.filter((e) => e.extension === extension).map((info) => {
    const webhook = p.settings.byEvent.get(info.event);
    const failed = p.failed?.event === info.event ? p.failed : undefined;
    const props: EventCardProps = {
      csrfToken: p.csrfToken,
      info,
      webhook,
      pending: failed?.input,
      error: failed && { field: failed.field, message: failed.message },
      reveal: webhook !== undefined && webhook.id === p.revealId,
    };
    return eventCard(props);
  });
}

function apiWebhooks(rows: readonly WebhookRow[]): SafeHtml {
  return card({
    title: 'Webhooks created through the API',
    body: html`<p class="muted">
        These were created with <code>POST /v1/webhooks</code>. As in Lever, they can be changed or deleted
        only through the API, so they are read-only here; their deliveries are in the delivery log.
      </p>
      ${table<WebhookRow>({
        caption: 'Webhooks created through the API',
        captionHidden: true,
        rows,
        empty: 'No webhooks have been created through the API.',
        columns: [
          { header: 'Event', rowHeader: true, cell: (w) => html`<code>${w.event}</code>` },
          { header: 'URL', cell: (w) => w.url },
          { header: 'Origins', cell: (w) => w.origins.join(', ') },
          {
            header: 'Status',
            cell: (w) =>
              webhookState(w) === 'on'
                ? badge({ label: 'On', tone: 'success', dot: true })
                : html`${badge({ label: 'Disabled', tone: 'danger', dot: true })}
                    <span class="cell-sub">${w.disabled_reason}</span>`,
          },
          { header: 'Created', cell: (w) => when(w.created_at) },
          {
            header: 'Deliveries',
            cell: (w) =>
              linkButton({
                label: 'Delivery log',
                href: url(DELIVERIES_PATH, { webhook: w.id }),
                attrs: { 'aria-label': `Delivery log of ${w.event} to ${w.url}` },
                size: 'sm',
                variant: 'ghost',
              }),
          },
        ],
      })}`,
  });
}

export function webhooksPage(p: WebhooksPageProps): SafeHtml {
  return html`<section aria-labelledby="lever-events-title" class="stack">
      <h2 id="lever-events-title">Events</h2>
      <p class="muted">
        Turn on an event and give the URL that should receive it. Every delivery is signed with the webhook’s
        signature token and retried for up to a day and a half if the receiver is down. Interview events are
        not available: this ATS has no interviews yet.
      </p>
      ${cards(p, false)}
    </section>
    <section aria-labelledby="extension-events-title" class="stack">
      <h2 id="extension-events-title">Hireloop extension events (not part of Lever)</h2>
      <p class="muted">
        Posting events are sent only by Hireloop’s ATS; real Lever never sends them, so an integration meant
        to work with Lever too should not rely on them.
      </p>
      ${cards(p, true)}
    </section>
    ${apiWebhooks(p.settings.viaApi)}
    <p>
      ${linkButton({ label: 'Delivery log of all webhooks', href: DELIVERIES_PATH, variant: 'secondary' })}
    </p>`;
}
