// Webhook subscriptions (reference §3.4): one event per webhook, origins default to all six, a 48-hex
// signature token shown on create (and on rotation) only. `via` is who asks — the API or the settings
// page — and each may change only its own webhooks (§3.4, as Lever). URLs pass the SSRF guard here and
// again on every delivery (a name may start resolving inside later).
import { randomBytes } from 'node:crypto';
import { checkOutboundUrl, SsrfBlockedError } from '@hireloop/platform/net/ssrf';
import { ORIGINS } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import type { WebhookDeps } from './webhook-deps.ts';
import { invalidField, managedElsewhere, webhookNotFound } from './webhook.errors.ts';
import { findWebhook, insertWebhook, updateWebhook, type WebhookRow } from './webhook.repository.ts';
import { cancelPendingDeliveries } from './delivery.repository.ts';

export type WebhookVia = 'api' | 'settings';
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 3600;
export const MAX_ROTATION_OVERLAP_SECONDS = 30 * 24 * 3600;
const MAX_URL_LENGTH = 2048;

export interface WebhookInput {
  url: string;
  event: string;
  origins?: readonly string[];
}

export const newSignatureToken = (): string => randomBytes(24).toString('hex');

async function checkUrl(deps: WebhookDeps, url: string): Promise<string> {
  if (url.length > MAX_URL_LENGTH) throw invalidField('url', `must be at most ${MAX_URL_LENGTH} characters`);
  try {
    const target = await checkOutboundUrl(url, { allowLoopback: deps.allowLoopback, resolve: deps.resolve });
    return target.url.toString();
  } catch (e) {
    if (e instanceof SsrfBlockedError) throw invalidField('url', `is not allowed: ${e.reason}`);
    throw e;
  }
}

const originsOf = (input: WebhookInput): string[] => [...new Set(input.origins ?? ORIGINS)];

export async function createWebhook(
  db: AtsKysely,
  deps: WebhookDeps,
  accountId: string,
  input: WebhookInput,
  via: WebhookVia,
  createdBy: string | null = null,
): Promise<WebhookRow> {
  const url = await checkUrl(deps, input.url);
  return insertWebhook(db, {
    accountId,
    event: input.event,
    url,
    origins: originsOf(input),
    createdVia: via,
    createdBy,
    signatureToken: newSignatureToken(),
  });
}

async function findOwn(db: AtsKysely, accountId: string, id: string, via: WebhookVia): Promise<WebhookRow> {
  const row = await findWebhook(db, accountId, id);
  if (!row) throw webhookNotFound();
  if (row.created_via !== via) throw managedElsewhere(row.created_via);
  return row;
}

/** Replaces url/event/origins (PUT); the token stays. An update also re-enables a disabled webhook. */
export async function replaceWebhook(
  db: AtsKysely,
  deps: WebhookDeps,
  accountId: string,
  id: string,
  input: WebhookInput,
  via: WebhookVia,
): Promise<WebhookRow> {
  await findOwn(db, accountId, id, via);
  const url = await checkUrl(deps, input.url);
  const row = await updateWebhook(db, accountId, id, {
    url,
    event: input.event,
    origins: originsOf(input),
    disabled_at: null,
    disabled_reason: null,
    failing_since: null,
    updated_at: new Date(deps.clock.now()),
  });
  if (!row) throw webhookNotFound();
  return row;
}

export async function deleteWebhook(
  db: AtsKysely,
  deps: WebhookDeps,
  accountId: string,
  id: string,
  via: WebhookVia,
): Promise<void> {
  await findOwn(db, accountId, id, via);
  const now = new Date(deps.clock.now());
  await updateWebhook(db, accountId, id, { deleted_at: now, updated_at: now });
  await cancelPendingDeliveries(db, [id], 'webhook deleted', now);
}

/**
 * New signature token. For `overlapSeconds` the old one still signs too: deliveries carry both Standard
 * signatures, the Lever body signature uses the new token. 0 = the old token stops at once (a breach).
 */
export async function rotateSignatureToken(
  db: AtsKysely,
  deps: WebhookDeps,
  accountId: string,
  id: string,
  overlapSeconds: number,
  via: WebhookVia,
): Promise<WebhookRow> {
  const current = await findOwn(db, accountId, id, via);
  const now = deps.clock.now();
  const row = await updateWebhook(db, accountId, id, {
    signature_token: newSignatureToken(),
    previous_signature_token: overlapSeconds > 0 ? current.signature_token : null,
    previous_token_expires_at: overlapSeconds > 0 ? new Date(now + overlapSeconds * 1000) : null,
    updated_at: new Date(now),
  });
  if (!row) throw webhookNotFound();
  return row;
}

/**
 * What the audit log keeps of a webhook: event, origins and the receiver's origin only — a URL's path or
 * query may carry the receiver's own secret, and the signature tokens never leave the row.
 */
export function webhookAuditDetails(w: WebhookRow) {
  let receiver: string;
  try {
    receiver = new URL(w.url).origin;
  } catch {
    receiver = '(invalid URL)';
  }
  return { event: w.event, receiver, origins: w.origins, via: w.created_via };
}

/** The secrets that sign a delivery at `now`: the current token, then the previous one during an overlap. */
export function signingSecrets(w: WebhookRow, now: number): string[] {
  const previousValid =
    w.previous_signature_token !== null &&
    w.previous_token_expires_at !== null &&
    w.previous_token_expires_at.getTime() > now;
  return previousValid && w.previous_signature_token
    ? [w.signature_token, w.previous_signature_token]
    : [w.signature_token];
}
