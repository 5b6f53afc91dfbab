// Notes on an opportunity (reference §2.7).
import type { Note, NoteCreate } from '../wire/index.ts';
import { performAsQuery, type CallOptions, type Data, type WriteOptions } from './common.ts';
import { paginate } from './paginate.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export const notesApi = (t: Transport) => ({
  list: (opportunityId: string, options: CallOptions = {}) =>
    paginate<Note>(t, { path: pathOf`/opportunities/${opportunityId}/notes`, signal: options.signal }),

  get: async (opportunityId: string, noteId: string, options: CallOptions = {}) =>
    (
      await t.json<Data<Note>>({
        method: 'GET',
        path: pathOf`/opportunities/${opportunityId}/notes/${noteId}`,
        ...options,
      })
    ).data,

  /** `commentOn` adds the note as a comment on an existing note (`note_id`). */
  create: async (
    opportunityId: string,
    note: NoteCreate,
    options: WriteOptions & { commentOn?: string } = {},
  ) =>
    (
      await t.json<Data<Note>>({
        method: 'POST',
        path: pathOf`/opportunities/${opportunityId}/notes`,
        query: { ...performAsQuery(options), note_id: options.commentOn },
        body: note,
        signal: options.signal,
      })
    ).data,

  delete: async (opportunityId: string, noteId: string, options: CallOptions = {}) => {
    await t.send({
      method: 'DELETE',
      path: pathOf`/opportunities/${opportunityId}/notes/${noteId}`,
      ...options,
    });
  },
});
