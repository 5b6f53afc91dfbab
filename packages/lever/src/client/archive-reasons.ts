// Archive reasons (reference §2.6); every account has a "Hired" reason of type `hired`.
import type { ArchiveReason, ArchiveReasonType } from '../wire/index.ts';
import type { CallOptions, Data } from './common.ts';
import { paginate } from './paginate.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export const archiveReasonsApi = (t: Transport) => ({
  list: (query: { type?: ArchiveReasonType } = {}, options: CallOptions = {}) =>
    paginate<ArchiveReason>(t, { path: '/archive_reasons', query, ...options }),
  get: async (id: string, options: CallOptions = {}) =>
    (await t.json<Data<ArchiveReason>>({ method: 'GET', path: pathOf`/archive_reasons/${id}`, ...options }))
      .data,
});
