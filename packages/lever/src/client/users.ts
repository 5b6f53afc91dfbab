// Users (reference §2.12): list (active only unless asked), lookup by email, create/update, and
// deactivate/reactivate instead of delete.
import type { ListUsersQuery, User, UserWrite } from '../wire/index.ts';
import { asQuery, type CallOptions, type Data } from './common.ts';
import { collect, paginate } from './paginate.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export const usersApi = (t: Transport) => {
  const list = (query: ListUsersQuery = {}, options: CallOptions = {}) =>
    paginate<User>(t, { path: '/users', query: asQuery(query), ...options });
  const one = async (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    options: CallOptions = {},
  ) => (await t.json<Data<User>>({ method, path, body, ...options })).data;
  return {
    list,
    /** The user with exactly this email (case-insensitive), deactivated ones included; else undefined. */
    findByEmail: async (email: string, options: CallOptions = {}): Promise<User | undefined> => {
      const users = await collect(list({ email, includeDeactivated: true }, options));
      return users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    },
    get: (id: string, options?: CallOptions) => one('GET', pathOf`/users/${id}`, undefined, options),
    create: (body: UserWrite, options?: CallOptions) => one('POST', '/users', body, options),
    update: (id: string, body: UserWrite, options?: CallOptions) =>
      one('PUT', pathOf`/users/${id}`, body, options),
    deactivate: (id: string, options?: CallOptions) =>
      one('POST', pathOf`/users/${id}/deactivate`, undefined, options),
    reactivate: (id: string, options?: CallOptions) =>
      one('POST', pathOf`/users/${id}/reactivate`, undefined, options),
  };
};
