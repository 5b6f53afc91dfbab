// Applications and referrals of an opportunity (reference §2.5, §2.9); both read-only.
import type { Application, Referral } from '../wire/index.ts';
import type { CallOptions, Data } from './common.ts';
import { paginate } from './paginate.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export const applicationsApi = (t: Transport) => ({
  list: (opportunityId: string, options: CallOptions = {}) =>
    paginate<Application>(t, {
      path: pathOf`/opportunities/${opportunityId}/applications`,
      signal: options.signal,
    }),
  get: async (opportunityId: string, applicationId: string, options: CallOptions = {}) =>
    (
      await t.json<Data<Application>>({
        method: 'GET',
        path: pathOf`/opportunities/${opportunityId}/applications/${applicationId}`,
        ...options,
      })
    ).data,
});

export const referralsApi = (t: Transport) => ({
  list: (opportunityId: string, options: CallOptions = {}) =>
    paginate<Referral>(t, {
      path: pathOf`/opportunities/${opportunityId}/referrals`,
      signal: options.signal,
    }),
  get: async (opportunityId: string, referralId: string, options: CallOptions = {}) =>
    (
      await t.json<Data<Referral>>({
        method: 'GET',
        path: pathOf`/opportunities/${opportunityId}/referrals/${referralId}`,
        ...options,
      })
    ).data,
});
