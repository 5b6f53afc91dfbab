// Webhook events (reference §3.1) plus Hireloop's optional posting extension events. Extensions are
// never sent by real Lever: apps must also work by delta-polling postings (DESIGN.md, data flow 3).

export interface WebhookEventInfo {
  readonly event: string;
  readonly description: string;
  /** Not part of Lever; sent by the embedded ATS only. */
  readonly extension: boolean;
  /** `configuration.conditions.origins` applies to this event (§3.4). */
  readonly originFilterable: boolean;
}

const info = (event: string, description: string, extension: boolean, originFilterable: boolean) =>
  Object.freeze({ event, description, extension, originFilterable });

export const WEBHOOK_EVENT_INFO = Object.freeze([
  info('applicationCreated', 'Application created', false, true),
  info('candidateStageChange', 'Opportunity stage changed', false, true),
  info('candidateArchiveChange', 'Opportunity archived or unarchived', false, true),
  info('candidateHired', 'Candidate hired', false, true),
  info('candidateDeleted', 'Opportunity deleted', false, false),
  info('interviewCreated', 'Interview created', false, false),
  info('interviewUpdated', 'Interview updated', false, false),
  info('interviewDeleted', 'Interview deleted', false, false),
  info('contactCreated', 'Contact created', false, false),
  info('contactUpdated', 'Contact updated', false, false),
  info('postingCreated', 'Posting created (Hireloop extension)', true, false),
  info('postingUpdated', 'Posting updated (Hireloop extension)', true, false),
  info('postingDeleted', 'Posting deleted (Hireloop extension)', true, false),
] as const);

export const LEVER_WEBHOOK_EVENTS = Object.freeze([
  'applicationCreated',
  'candidateStageChange',
  'candidateArchiveChange',
  'candidateHired',
  'candidateDeleted',
  'interviewCreated',
  'interviewUpdated',
  'interviewDeleted',
  'contactCreated',
  'contactUpdated',
] as const);
export type LeverWebhookEvent = (typeof LEVER_WEBHOOK_EVENTS)[number];

export const EXTENSION_WEBHOOK_EVENTS = Object.freeze([
  'postingCreated',
  'postingUpdated',
  'postingDeleted',
] as const);
export type ExtensionWebhookEvent = (typeof EXTENSION_WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENTS = Object.freeze([...LEVER_WEBHOOK_EVENTS, ...EXTENSION_WEBHOOK_EVENTS] as const);
export type WebhookEvent = LeverWebhookEvent | ExtensionWebhookEvent;

export const isWebhookEvent = (value: unknown): value is WebhookEvent =>
  typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);

export const isExtensionEvent = (event: WebhookEvent): event is ExtensionWebhookEvent =>
  (EXTENSION_WEBHOOK_EVENTS as readonly string[]).includes(event);
