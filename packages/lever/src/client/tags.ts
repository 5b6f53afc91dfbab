// Tags (reference §2.6): free-text labels with usage counts, no ids.
import type { Tag } from '../wire/index.ts';
import type { CallOptions } from './common.ts';
import { paginate } from './paginate.ts';
import type { Transport } from './transport.ts';

export const tagsApi = (t: Transport) => ({
  list: (options: CallOptions = {}) => paginate<Tag>(t, { path: '/tags', ...options }),
});
