// Postings (reference §2.2). Update is `POST /postings/:id`, not PUT; creation requires `perform_as`.
import type { DeletedItem, ListPostingsQuery, Posting, PostingWrite } from '../wire/index.ts';
import { asQuery, performAsQuery, type CallOptions, type Data, type WriteOptions } from './common.ts';
import { paginate } from './paginate.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export const postingsApi = (t: Transport) => ({
  list: (query: ListPostingsQuery = {}, options: CallOptions & { offset?: string } = {}) =>
    paginate<Posting>(t, { path: '/postings', query: asQuery(query), ...options }),

  get: async (id: string, options: CallOptions = {}) =>
    (await t.json<Data<Posting>>({ method: 'GET', path: pathOf`/postings/${id}`, ...options })).data,

  create: async (body: PostingWrite, options: WriteOptions & { performAs: string }) =>
    (
      await t.json<Data<Posting>>({
        method: 'POST',
        path: '/postings',
        query: performAsQuery(options),
        body,
        signal: options.signal,
      })
    ).data,

  update: async (id: string, body: PostingWrite, options: WriteOptions = {}) =>
    (
      await t.json<Data<Posting>>({
        method: 'POST',
        path: pathOf`/postings/${id}`,
        query: performAsQuery(options),
        body,
        signal: options.signal,
      })
    ).data,

  deleted: (query: { deleted_at_start?: number; deleted_at_end?: number } = {}, options: CallOptions = {}) =>
    paginate<DeletedItem>(t, { path: '/postings/deleted', query, ...options }),
});
