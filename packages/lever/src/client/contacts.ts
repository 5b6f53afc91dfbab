// Contacts (reference §2.4). Contact data is changed here, not through the opportunity.
import type { Contact, ContactUpdate } from '../wire/index.ts';
import type { CallOptions, Data } from './common.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export const contactsApi = (t: Transport) => ({
  get: async (id: string, options: CallOptions = {}) =>
    (await t.json<Data<Contact>>({ method: 'GET', path: pathOf`/contacts/${id}`, ...options })).data,
  update: async (id: string, body: ContactUpdate, options: CallOptions = {}) =>
    (await t.json<Data<Contact>>({ method: 'PUT', path: pathOf`/contacts/${id}`, body, ...options })).data,
});
