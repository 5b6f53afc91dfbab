// One event of the Webhooks tab: on/off switch, URL, origin conditions, and — once it exists — the
// signature token (revealed on request, copyable), regenerate with the overlap choice, the disabled notice
// with Re-enable, and the link to its delivery log. Pure.
import {
  attrs,
  badge,
  button,
  card,
  checkboxGroup,
  copyField,
  csrfField,
  flash,
  formField,
  html,
  linkButton,
  url,
  type SafeHtml,
} from '@hireloop/platform/html';
import { ORIGINS, type WebhookEventInfo } from '@hireloop/lever/wire';
import type { WebhookRow } from '../../domain/webhooks/webhook.repository.ts';
import { DELIVERIES_PATH, WEBHOOKS_PATH, when } from './integrations-frame.ts';
import { webhookState, type EventRowInput } from './webhook-settings.service.ts';

export interface EventCardProps {
  readonly csrfToken: string;
  readonly info: WebhookEventInfo;
  readonly webhook: WebhookRow | undefined;
  /** What was typed into this row when saving failed, and why. */
  readonly pending?: EventRowInput;
  readonly error?: { field: 'url' | 'origins'; message: string };
  /** Show the signature token (after a rotation, or ?reveal=<id>). */
  readonly reveal?: boolean;
}

export const OVERLAP_CHOICES = [
  { value: '86400', label: 'Keep the old token working for 24 hours (recommended)' },
  { value: '3600', label: 'Keep the old token working for 1 hour' },
  { value: '0', label: 'Stop the old token immediately (for a breach)' },
] as const;

const STATE_BADGE = {
  none: badge({ label: 'Off', tone: 'neutral', dot: true }),
  off: badge({ label: 'Off', tone: 'neutral', dot: true }),
  on: badge({ label: 'On', tone: 'success', dot: true }),
  disabled: badge({ label: 'Disabled', tone: 'danger', dot: true }),
};

export function tokenField(w: WebhookRow): SafeHtml {
  return copyField({
    id: `token-value-${w.id}`,
    label: 'Signature token',
    value: w.signature_token,
    hint: 'Receivers check the signature of each delivery with it (HMAC-SHA256; see the Lever webhook docs).',
  });
}

function tokenBlock(p: EventCardProps, w: WebhookRow): SafeHtml {
  const tokenHref = `${WEBHOOKS_PATH}/${w.id}/token`;
  const revealed = p.reveal
    ? tokenField(w)
    : html`<a${attrs({ href: tokenHref, class: 'btn btn--secondary btn--sm', 'hx-get': tokenHref, 'hx-target': `#token-${w.id}`, 'hx-swap': 'innerHTML' })}>Reveal signature token<span class="visually-hidden"> of ${p.info.description}</span></a>`;
  const overlapId = `overlap-${w.id}`;
  const previous =
    w.previous_signature_token && w.previous_token_expires_at
      ? html`<p class="field__hint">
          The previous token also signs deliveries until ${when(w.previous_token_expires_at)}.
        </p>`
      : '';
  return html`<div id="token-${w.id}" class="token-block">${revealed}</div>
    ${previous}
    <form
      method="post"
      action="${WEBHOOKS_PATH}/${w.id}/rotate"
      class="form-row"
      data-confirm="Generate a new signature token? Receivers need the new token."
    >
      ${csrfField(p.csrfToken)}${formField({
        type: 'select',
        id: overlapId,
        name: 'overlap',
        label: html`When the old token stops working<span class="visually-hidden">
            (${p.info.description})</span
          >`,
        value: '86400',
        options: OVERLAP_CHOICES.map((c) => ({ value: c.value, label: c.label })),
      })}
      <div class="form-actions">
        ${button({ label: html`Regenerate token<span class="visually-hidden"> of ${p.info.description}</span>`, size: 'sm' })}
      </div>
    </form>`;
}

function disabledNotice(p: EventCardProps, w: WebhookRow): SafeHtml {
  return html`${flash({
    tone: 'error',
    title: `Disabled ${w.disabled_at ? `since ${w.disabled_at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`,
    message: `${w.disabled_reason ?? 'Deliveries kept failing.'} No events are sent until you re-enable it; fix the receiver first.`,
  })}
    <form method="post" action="${WEBHOOKS_PATH}/${w.id}/enable" class="form-actions">
      ${csrfField(p.csrfToken)}${button({ label: html`Re-enable<span class="visually-hidden"> ${p.info.description}</span>`, variant: 'primary', size: 'sm' })}
    </form>`;
}

export function eventCard(p: EventCardProps): SafeHtml {
  const w = p.webhook;
  const state = webhookState(w);
  const ev = p.info.event;
  const enabled = p.pending ? p.pending.enabled : state === 'on';
  const origins = new Set(p.pending?.origins ?? w?.origins ?? ORIGINS);
  const switchId = `enabled-${ev}`;
  const form = html`<form method="post" action="${WEBHOOKS_PATH}/events/${ev}" class="form" id="form-${ev}">
  ${csrfField(p.csrfToken)}
  <div class="check"><input${attrs({ type: 'checkbox', role: 'switch', class: 'check__box', id: switchId, name: 'enabled', value: 'on', checked: enabled })}><label class="check__label" for="${switchId}">Send ${p.info.description} events</label></div>
  ${formField({
    type: 'url',
    id: `url-${ev}`,
    name: 'url',
    label: html`Webhook URL<span class="visually-hidden"> for ${p.info.description}</span>`,
    value: p.pending?.url ?? w?.url ?? '',
    placeholder: 'https://example.com/lever/webhooks',
    error: p.error?.field === 'url' ? p.error.message : undefined,
    attrs: { maxlength: 2048, autocomplete: 'off' },
  })}${
    p.info.originFilterable
      ? checkboxGroup({
          legend: html`Only for opportunities with these origins<span class="visually-hidden">
              (${p.info.description})</span
            >`,
          name: 'origins',
          id: `origins-${ev}`,
          error: p.error?.field === 'origins' ? p.error.message : undefined,
          options: ORIGINS.map((o) => ({ value: o, label: o, checked: origins.has(o) })),
        })
      : ''
  }
  <div class="form-actions">${button({ label: html`Save<span class="visually-hidden"> ${p.info.description}</span>`, variant: 'primary' })}</div>
</form>`;
  const extra = w
    ? html`${state === 'disabled' ? disabledNotice(p, w) : ''}${tokenBlock(p, w)}
        <p>
          ${linkButton({
            label: html`Delivery log<span class="visually-hidden"> of ${p.info.description}</span>`,
            href: url(DELIVERIES_PATH, { webhook: w.id }),
            variant: 'ghost',
            size: 'sm',
          })}
        </p>`
    : '';
  return card({
    level: 3,
    title: html`<span id="wh-${ev}">${p.info.description}</span> <code>${ev}</code>`,
    actions: STATE_BADGE[state],
    body: html`${form}${extra}`,
  });
}
