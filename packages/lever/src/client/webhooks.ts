// Webhook subscriptions (reference §3.4). The signature token comes back only from `create`: store it
// then. `list` is a bare `{data}` list without pagination.
import type { Webhook, WebhookCreated, WebhookWrite } from '../wire/index.ts';
import type { CallOptions, Data } from './common.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export const webhooksApi = (t: Transport) => ({
  list: async (options: CallOptions = {}) =>
    (await t.json<Data<Webhook[]>>({ method: 'GET', path: '/webhooks', query: { limit: 100 }, ...options }))
      .data,
  create: async (body: WebhookWrite, options: CallOptions = {}) =>
    (await t.json<Data<WebhookCreated>>({ method: 'POST', path: '/webhooks', body, ...options })).data,
  update: async (id: string, body: WebhookWrite, options: CallOptions = {}) =>
    (await t.json<Data<Webhook>>({ method: 'PUT', path: pathOf`/webhooks/${id}`, body, ...options })).data,
  delete: async (id: string, options: CallOptions = {}) => {
    await t.send({ method: 'DELETE', path: pathOf`/webhooks/${id}`, ...options });
  },
});
