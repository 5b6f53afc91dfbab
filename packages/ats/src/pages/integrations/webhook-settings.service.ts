// What the Webhooks tab does, on top of domain/webhooks: one settings-made webhook per event, switched on
// and off. "Off" is the webhook disabled with TURNED_OFF_REASON (the delivery engine already skips disabled
// webhooks and the row keeps its URL, origins and token); any other disabled reason is the engine's own
// (410, failing for days) and is shown as a notice with a Re-enable action. Settings never touches
// API-made webhooks (webhook.service.ts refuses: as in Lever).
import { AppError, Errors } from '@hireloop/platform';
import { ORIGINS, WEBHOOK_EVENT_INFO } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import type { WebhookDeps } from '../../domain/webhooks/webhook-deps.ts';
import { createWebhook, replaceWebhook, webhookAuditDetails } from '../../domain/webhooks/webhook.service.ts';
import { auditAts, type AtsActor } from '../../domain/audit/ats-audit.ts';
import { findWebhook, listWebhooks, type WebhookRow } from '../../domain/webhooks/webhook.repository.ts';
import { disableWebhooks } from '../../domain/webhooks/delivery.repository.ts';

export const TURNED_OFF_REASON = 'Turned off in Settings';

/** The events the settings page offers: Lever's (without interviews, which this ATS does not have yet) and the extension ones. */
export const SETTINGS_EVENTS = WEBHOOK_EVENT_INFO.filter((e) => !e.event.startsWith('interview'));

export type WebhookState = 'none' | 'on' | 'off' | 'disabled';

export function webhookState(w: WebhookRow | undefined): WebhookState {
  if (!w) return 'none';
  if (!w.disabled_at) return 'on';
  return w.disabled_reason === TURNED_OFF_REASON ? 'off' : 'disabled';
}

export interface WebhookSettings {
  /** The settings-made webhook of each event (the oldest, if several were made before). */
  readonly byEvent: ReadonlyMap<string, WebhookRow>;
  /** Webhooks made through /v1/webhooks: listed read-only. */
  readonly viaApi: readonly WebhookRow[];
}

export async function loadWebhookSettings(db: AtsKysely, accountId: string): Promise<WebhookSettings> {
  const rows = await listWebhooks(db, accountId);
  const byEvent = new Map<string, WebhookRow>();
  for (const w of rows) if (w.created_via === 'settings' && !byEvent.has(w.event)) byEvent.set(w.event, w);
  return { byEvent, viaApi: rows.filter((w) => w.created_via === 'api') };
}

export interface EventRowInput {
  readonly enabled: boolean;
  readonly url: string;
  readonly origins: readonly string[];
}

/**
 * Saves one event row; returns the sentence for the flash. Validation errors name the `url` field. Audited
 * as webhook.created / webhook.updated (with `enabled`), and webhook.disabled when a live one is turned off.
 */
export async function saveEventWebhook(
  db: AtsKysely,
  deps: WebhookDeps,
  accountId: string,
  actor: AtsActor,
  event: string,
  input: EventRowInput,
): Promise<string> {
  const info = SETTINGS_EVENTS.find((e) => e.event === event);
  if (!info) throw new AppError(Errors.NotFound, 'There is no such webhook event.');
  const url = input.url.trim();
  if (!url) {
    if (input.enabled) throw urlError('Enter the URL that should receive these events.');
    const current = (await loadWebhookSettings(db, accountId)).byEvent.get(event);
    if (current && webhookState(current) === 'on') await turnOff(db, deps, accountId, current, actor);
    return `${info.description}: off.`;
  }
  const origins = info.originFilterable
    ? input.origins.filter((o) => (ORIGINS as readonly string[]).includes(o))
    : [...ORIGINS];
  if (info.originFilterable && origins.length === 0)
    throw new AppError(Errors.Validation, 'Choose at least one origin, or turn the webhook off.', {
      details: { fields: [{ field: 'origins', in: 'body', message: 'Choose at least one origin' }] },
    });
  const current = (await loadWebhookSettings(db, accountId)).byEvent.get(event);
  // replaceWebhook re-enables; turning off afterwards keeps one code path for URL and origin changes.
  const saved = current
    ? await replaceWebhook(db, deps, accountId, current.id, { url, event, origins }, 'settings')
    : await createWebhook(db, deps, accountId, { url, event, origins }, 'settings', actor.id);
  await auditAts(db, actor, current ? 'webhook.updated' : 'webhook.created', ['webhook', saved.id], {
    ...webhookAuditDetails(saved),
    enabled: input.enabled,
  });
  // Only a webhook that was live counts as disabled; re-saving one that stays off is just an update.
  if (!input.enabled)
    await turnOff(db, deps, accountId, saved, webhookState(current) === 'on' ? actor : undefined);
  return `${info.description}: ${input.enabled ? `on, sending to ${saved.url}` : 'saved, off'}.`;
}

async function turnOff(
  db: AtsKysely,
  deps: WebhookDeps,
  accountId: string,
  w: WebhookRow,
  auditAs: AtsActor | undefined,
): Promise<void> {
  // The id comes from this account's rows; disableWebhooks also cancels its pending deliveries.
  if ((await findWebhook(db, accountId, w.id))?.created_via !== 'settings') return;
  const disabled = await disableWebhooks(db, [w.id], TURNED_OFF_REASON, new Date(deps.clock.now()));
  if (disabled.length && auditAs)
    await auditAts(db, auditAs, 'webhook.disabled', ['webhook', w.id], {
      event: w.event,
      reason: TURNED_OFF_REASON,
    });
}

/** Re-enables a settings webhook that was disabled (by the engine or turned off), keeping URL and origins. */
export async function reenableWebhook(
  db: AtsKysely,
  deps: WebhookDeps,
  accountId: string,
  id: string,
  actor: AtsActor,
): Promise<WebhookRow> {
  const w = await findWebhook(db, accountId, id);
  if (!w) throw new AppError(Errors.NotFound, 'Webhook not found');
  const saved = await replaceWebhook(
    db,
    deps,
    accountId,
    id,
    { url: w.url, event: w.event, origins: w.origins },
    'settings',
  );
  await auditAts(db, actor, 'webhook.reenabled', ['webhook', id], {
    event: w.event,
    previousReason: w.disabled_reason,
  });
  return saved;
}

function urlError(message: string): AppError {
  return new AppError(Errors.Validation, message, {
    details: { fields: [{ field: 'url', in: 'body', message }] },
  });
}
