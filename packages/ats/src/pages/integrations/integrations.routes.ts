// Settings › Integrations and API (issue 6): API Credentials, Webhooks (+ delivery log) and Authorized
// Apps, each tab a real URL under /ats/settings/integrations. Every route is gated by
// requireIntegrationsAccess (integration-access.ts).
import type { Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import { registerApiKeyPages } from './api-keys.routes.ts';
import { registerAuthorizedAppPages } from './authorized-apps.routes.ts';
import { registerDeliveryPages } from './deliveries.routes.ts';
import { registerWebhookPages } from './webhooks.routes.ts';

export async function registerIntegrationsPages(app: Http, ctx: AtsContext): Promise<void> {
  await registerApiKeyPages(app, ctx);
  await registerWebhookPages(app, ctx);
  await registerDeliveryPages(app, ctx);
  await registerAuthorizedAppPages(app, ctx);
}
