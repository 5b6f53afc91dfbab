// Pipeline stages (reference §2.6).
import type { DispositionStages, Stage } from '../wire/index.ts';
import type { CallOptions, Data } from './common.ts';
import { paginate } from './paginate.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export const stagesApi = (t: Transport) => ({
  list: (options: CallOptions = {}) => paginate<Stage>(t, { path: '/stages', ...options }),
  get: async (id: string, options: CallOptions = {}) =>
    (await t.json<Data<Stage>>({ method: 'GET', path: pathOf`/stages/${id}`, ...options })).data,
  /** Stages with pipeline/rank plus archive reasons in one call. */
  disposition: async (options: CallOptions = {}) =>
    (await t.json<Data<DispositionStages>>({ method: 'GET', path: '/disposition_stages', ...options })).data,
});
