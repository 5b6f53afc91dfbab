// The delivery log: filters (webhook, event, status), one row per delivery with its attempts (status code,
// latency, response excerpt) behind a disclosure, Re-send for finished deliveries (same id, token and
// triggeredAt), re-send of a time range, and keyset pages. Pure.
import {
  badge,
  button,
  card,
  csrfField,
  formField,
  html,
  pagination,
  table,
  type SafeHtml,
  type Tone,
} from '@hireloop/platform/html';
import type { AttemptRow, DeliveryRow } from '../../domain/webhooks/delivery.repository.ts';
import type { WebhookRow } from '../../domain/webhooks/webhook.repository.ts';
import { DELIVERY_STATUSES } from '../../domain/webhooks/webhook.wire.ts';
import { DELIVERIES_PATH, when } from './integrations-frame.ts';

export interface DeliveryFilters {
  readonly webhook?: string;
  readonly event?: string;
  readonly status?: string;
}

export interface DeliveryView {
  readonly delivery: DeliveryRow;
  readonly attempts: readonly AttemptRow[];
}

export interface DeliveriesPageProps {
  readonly csrfToken: string;
  readonly filters: DeliveryFilters;
  readonly webhooks: readonly WebhookRow[];
  readonly events: readonly string[];
  readonly rows: readonly DeliveryView[];
  readonly next?: string;
  readonly isFirstPage: boolean;
  /** This page's URL, to come back to after a re-send. */
  readonly self: string;
  /** Defaults of the range form (UTC, `YYYY-MM-DDTHH:MM`). */
  readonly rangeDefaults: { from: string; to: string };
}

const STATUS_TONE: Record<string, Tone> = {
  pending: 'info',
  succeeded: 'success',
  exhausted: 'danger',
  cancelled: 'neutral',
};

const webhookLabel = (w: WebhookRow): string =>
  `${w.event} → ${w.url}${w.created_via === 'api' ? ' (API)' : ''}`;

function filtersForm(p: DeliveriesPageProps): SafeHtml {
  return html`<form method="get" action="${DELIVERIES_PATH}" class="form-row" aria-label="Filter deliveries">
    ${formField({
      type: 'select',
      name: 'webhook',
      label: 'Webhook',
      value: p.filters.webhook ?? '',
      placeholder: 'All webhooks',
      options: p.webhooks.map((w) => ({ value: w.id, label: webhookLabel(w) })),
    })}${formField({
      type: 'select',
      name: 'event',
      label: 'Event',
      value: p.filters.event ?? '',
      placeholder: 'All events',
      options: p.events.map((e) => ({ value: e, label: e })),
    })}${formField({
      type: 'select',
      name: 'status',
      label: 'Status',
      value: p.filters.status ?? '',
      placeholder: 'Any status',
      options: DELIVERY_STATUSES.map((s) => ({ value: s, label: s })),
    })}
    <div class="form-actions">${button({ label: 'Filter', variant: 'primary' })}</div>
  </form>`;
}

function attemptsCell(v: DeliveryView): SafeHtml {
  const n = v.attempts.length;
  if (n === 0) return html`<span class="muted">Not attempted yet</span>`;
  return html`<details>
    <summary>
      ${n} attempt${n === 1 ? '' : 's'}
    </summary>
    <ol class="attempt-list">
      ${v.attempts.map(
        (a) =>
          html`<li>
            ${when(a.attempted_at)} —
            ${a.status_code === null ? html`<strong>no response</strong>` : html`<strong>HTTP ${a.status_code}</strong>`}
            (${a.outcome}), ${a.latency_ms}
            ms${
              a.error ? html`<br /><span class="cell-sub">${a.error}</span>` : ''
            }${a.response_excerpt ? html`<br /><code class="cell-sub">${a.response_excerpt.slice(0, 300)}</code>` : ''}
          </li>`,
      )}
    </ol>
  </details>`;
}

function resendCell(p: DeliveriesPageProps, d: DeliveryRow): SafeHtml {
  if (d.status === 'pending')
    return html`<span class="muted"
      >${d.next_attempt_at ? html`Next try ${when(d.next_attempt_at)}` : 'Queued'}</span
    >`;
  return html`<form method="post" action="${DELIVERIES_PATH}/${d.id}/resend">
    ${csrfField(p.csrfToken)}<input type="hidden" name="returnTo" value="${p.self}" />
    ${button({ label: 'Re-send', size: 'sm', attrs: { 'aria-label': `Re-send delivery ${d.id}` } })}
  </form>`;
}

function deliveriesTable(p: DeliveriesPageProps): SafeHtml {
  const byId = new Map(p.webhooks.map((w) => [w.id, w]));
  return table<DeliveryView>({
    caption: 'Webhook deliveries, newest first',
    rows: p.rows,
    empty: 'No deliveries match these filters.',
    columns: [
      {
        header: 'Delivery',
        rowHeader: true,
        cell: (v) =>
          html`<code>${v.delivery.event}</code><br /><span class="cell-sub">id ${v.delivery.id}</span>`,
      },
      {
        header: 'Webhook',
        cell: (v) =>
          byId.get(v.delivery.webhook_id)?.url ?? html`<span class="muted">(deleted webhook)</span>`,
      },
      {
        header: 'Status',
        cell: (v) =>
          html`${badge({ label: v.delivery.status, tone: STATUS_TONE[v.delivery.status] ?? 'neutral', dot: true })}${
            v.delivery.last_status_code !== null
              ? html` <span class="cell-sub">HTTP ${v.delivery.last_status_code}</span>`
              : ''
          }${v.delivery.status_reason ? html`<br /><span class="cell-sub">${v.delivery.status_reason}</span>` : ''}`,
      },
      { header: 'Attempts', cell: attemptsCell },
      { header: 'Triggered', cell: (v) => when(v.delivery.triggered_at) },
      { header: 'Action', cell: (v) => resendCell(p, v.delivery) },
    ],
    footer: pagination({
      href: DELIVERIES_PATH,
      query: { ...p.filters },
      prevToken: p.isFirstPage ? null : '',
      nextToken: p.next ?? null,
      summary: p.isFirstPage ? 'Newest deliveries' : 'Older deliveries',
    }),
  });
}

function rangeForm(p: DeliveriesPageProps): SafeHtml {
  return card({
    title: 'Re-send a time range',
    body: html`<form method="post" action="${DELIVERIES_PATH}/resend" class="form">
      ${csrfField(p.csrfToken)}<input type="hidden" name="returnTo" value="${p.self}" />
      <p class="muted">
        Re-sends every finished delivery created in the
        range${p.filters.webhook ? ' for the webhook chosen above' : ''}${p.filters.status ? ` with status “${p.filters.status}”` : ''}.
        Each keeps its original id, so receivers can tell a re-send from a new event.
      </p>
      <div class="form-row">
        ${formField({ type: 'text', name: 'from', label: 'From (UTC)', value: p.rangeDefaults.from, required: true, attrs: { type: 'datetime-local' } })}${formField({ type: 'text', name: 'to', label: 'To (UTC)', value: p.rangeDefaults.to, required: true, attrs: { type: 'datetime-local' } })}
      </div>
      ${p.filters.webhook ? html`<input type="hidden" name="webhook" value="${p.filters.webhook}" />` : ''}${
        p.filters.status ? html`<input type="hidden" name="status" value="${p.filters.status}" />` : ''
      }
      <div class="form-actions">${button({ label: 'Re-send range' })}</div>
    </form>`,
  });
}

export function deliveriesPage(p: DeliveriesPageProps): SafeHtml {
  return html`${card({ title: 'Filter', body: filtersForm(p) })}${card({ title: 'Deliveries', body: deliveriesTable(p) })}${rangeForm(p)}`;
}
