// Public Postings API v0 (reference §6): no auth for reads, bare JSON arrays, `?key=` for applying.
// Applying is limited to 2 POSTs/s per site (429 beyond), so apply calls share a 2/s bucket.
import type {
  GroupedPostingsV0Query,
  ListPostingsV0Query,
  PostingV0,
  PostingV0Apply,
  PostingV0Grouped,
} from '../wire/index.ts';
import { asQuery, toBlob, type CallOptions, type FileInput } from './common.ts';
import { pathOf } from './query.ts';
import { createTokenBucket } from './rate-limit.ts';
import { createTransport, type TransportOptions } from './transport.ts';

export interface PostingsV0ClientOptions extends Omit<TransportOptions, 'auth' | 'baseUrl'> {
  /** e.g. `https://api.lever.co/v0/postings` or `http://localhost:3000/v0/postings`. */
  baseUrl: string;
}

export const createPostingsV0Client = (options: PostingsV0ClientOptions) => {
  const t = createTransport(options);
  const applyBucket = createTokenBucket({ perSecond: 2, burst: 2 });
  return {
    list: async (site: string, query: ListPostingsV0Query = {}, call: CallOptions = {}) =>
      t.json<PostingV0[]>({
        method: 'GET',
        path: pathOf`/${site}`,
        query: { ...asQuery(query), mode: 'json' },
        ...call,
      }),

    listGrouped: async (site: string, query: GroupedPostingsV0Query, call: CallOptions = {}) =>
      t.json<PostingV0Grouped[]>({
        method: 'GET',
        path: pathOf`/${site}`,
        query: { ...asQuery(query), mode: 'json' },
        ...call,
      }),

    get: async (site: string, postingId: string, call: CallOptions = {}) =>
      t.json<PostingV0>({ method: 'GET', path: pathOf`/${site}/${postingId}`, ...call }),

    /** JSON unless a resume is given (multipart). Resolves to the new application id. */
    apply: async (
      site: string,
      postingId: string,
      body: PostingV0Apply,
      call: CallOptions & { key: string; resume?: FileInput },
    ) => {
      await applyBucket.take(call.signal);
      let payload: unknown = body;
      if (call.resume) {
        const form = new FormData();
        for (const [k, v] of Object.entries(body)) {
          if (v === undefined) continue;
          if (typeof v === 'object' && v !== null)
            for (const [sub, sv] of Object.entries(v)) form.append(`${k}[${sub}]`, String(sv));
          else form.append(k, String(v));
        }
        form.append('resume', toBlob(call.resume), call.resume.filename);
        payload = form;
      }
      const result = await t.json<{ ok: true; applicationId: string }>({
        method: 'POST',
        path: pathOf`/${site}/${postingId}`,
        query: { key: call.key },
        body: payload,
        signal: call.signal,
      });
      return result.applicationId;
    },
  };
};
export type PostingsV0Client = ReturnType<typeof createPostingsV0Client>;
