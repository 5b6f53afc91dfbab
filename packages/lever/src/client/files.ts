// Opportunity files, resumes and offers: listing, metadata and raw downloads (reference §2.8, §2.10).
// Downloads return the Response so callers can stream large files instead of buffering them.
import type { LeverFile, Offer, Resume } from '../wire/index.ts';
import {
  performAsQuery,
  toBlob,
  type CallOptions,
  type Data,
  type FileInput,
  type WriteOptions,
} from './common.ts';
import { paginate } from './paginate.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

const download = (t: Transport, path: string, options: CallOptions) =>
  t.send({ method: 'GET', path, headers: { accept: '*/*' }, signal: options.signal });

export const filesApi = (t: Transport) => ({
  list: (opportunityId: string, options: CallOptions = {}) =>
    paginate<LeverFile>(t, { path: pathOf`/opportunities/${opportunityId}/files`, signal: options.signal }),
  get: async (opportunityId: string, fileId: string, options: CallOptions = {}) =>
    (
      await t.json<Data<LeverFile>>({
        method: 'GET',
        path: pathOf`/opportunities/${opportunityId}/files/${fileId}`,
        ...options,
      })
    ).data,
  download: (opportunityId: string, fileId: string, options: CallOptions = {}) =>
    download(t, pathOf`/opportunities/${opportunityId}/files/${fileId}/download`, options),
  /** Multipart upload, part name `file` (≤ 30 MB). */
  upload: async (opportunityId: string, file: FileInput, options: WriteOptions = {}) => {
    const form = new FormData();
    form.append('file', toBlob(file), file.filename);
    const path = pathOf`/opportunities/${opportunityId}/files`;
    return (
      await t.json<Data<LeverFile>>({
        method: 'POST',
        path,
        query: performAsQuery(options),
        body: form,
        signal: options.signal,
      })
    ).data;
  },
  delete: async (opportunityId: string, fileId: string, options: CallOptions = {}) => {
    await t.send({
      method: 'DELETE',
      path: pathOf`/opportunities/${opportunityId}/files/${fileId}`,
      ...options,
    });
  },
});

export const resumesApi = (t: Transport) => ({
  list: (opportunityId: string, options: CallOptions = {}) =>
    paginate<Resume>(t, { path: pathOf`/opportunities/${opportunityId}/resumes`, signal: options.signal }),
  get: async (opportunityId: string, resumeId: string, options: CallOptions = {}) =>
    (
      await t.json<Data<Resume>>({
        method: 'GET',
        path: pathOf`/opportunities/${opportunityId}/resumes/${resumeId}`,
        ...options,
      })
    ).data,
  download: (opportunityId: string, resumeId: string, options: CallOptions = {}) =>
    download(t, pathOf`/opportunities/${opportunityId}/resumes/${resumeId}/download`, options),
});

export const offersApi = (t: Transport) => ({
  list: (opportunityId: string, options: CallOptions = {}) =>
    paginate<Offer>(t, { path: pathOf`/opportunities/${opportunityId}/offers`, signal: options.signal }),
  download: (opportunityId: string, offerId: string, options: CallOptions = {}) =>
    download(t, pathOf`/opportunities/${opportunityId}/offers/${offerId}/download`, options),
});
