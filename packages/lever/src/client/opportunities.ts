// Opportunities (reference §2.3) and, nested under them, notes, files, resumes, offers, referrals and
// applications — the shape apps call as `client.opportunities.notes.create(…)`.
import type {
  ArchivedUpdate,
  DeletedItem,
  ExpandedOpportunity,
  ListOpportunitiesQuery,
  Opportunity,
  OpportunityCreate,
  OpportunityCreated,
  OpportunityExpand,
} from '../wire/index.ts';
import { applicationsApi, referralsApi } from './applications.ts';
import {
  asQuery,
  performAsQuery,
  toBlob,
  type CallOptions,
  type Data,
  type FileInput,
  type WriteOptions,
} from './common.ts';
import { filesApi, offersApi, resumesApi } from './files.ts';
import { notesApi } from './notes.ts';
import { paginate } from './paginate.ts';
import { pathOf } from './query.ts';
import type { Transport } from './transport.ts';

export interface CreateOpportunityOptions extends WriteOptions {
  /** Attribute to / make owner the posting owner instead of `performAs`. */
  performAsPostingOwner?: boolean;
  /** Parse the resume to fill contact fields. */
  parse?: boolean;
  /** Sends the request as multipart/form-data with a `resumeFile` part. */
  resumeFile?: FileInput;
  files?: FileInput[];
}

const ARRAY_FIELDS = ['emails', 'links', 'tags', 'sources', 'followers', 'postings'] as const;

/** Multipart form with Lever's bracketed array keys; phones go as JSON strings (reference §2.3). */
export const opportunityForm = (
  body: OpportunityCreate,
  resumeFile?: FileInput,
  files: FileInput[] = [],
): FormData => {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    if (
      value === undefined ||
      (ARRAY_FIELDS as readonly string[]).includes(key) ||
      key === 'phones' ||
      key === 'archived'
    )
      continue;
    form.append(key, String(value));
  }
  for (const key of ARRAY_FIELDS) for (const value of body[key] ?? []) form.append(`${key}[]`, value);
  for (const phone of body.phones ?? []) form.append('phones[]', JSON.stringify(phone));
  if (body.archived) {
    form.append('archived[reason]', body.archived.reason);
    if (body.archived.archivedAt !== undefined)
      form.append('archived[archivedAt]', String(body.archived.archivedAt));
  }
  if (resumeFile) form.append('resumeFile', toBlob(resumeFile), resumeFile.filename);
  for (const file of files) form.append('files[]', toBlob(file), file.filename);
  return form;
};

export const opportunitiesApi = (t: Transport) => {
  const action = async (
    id: string,
    verb: string,
    body: unknown,
    options: WriteOptions,
    method: 'POST' | 'PUT' = 'POST',
  ) =>
    (
      await t.json<Data<Opportunity>>({
        method,
        path: `${pathOf`/opportunities/${id}`}/${verb}`,
        query: performAsQuery(options),
        body,
        signal: options.signal,
      })
    ).data;

  return {
    list: (query: ListOpportunitiesQuery = {}, options: CallOptions & { offset?: string } = {}) =>
      paginate<Opportunity>(t, { path: '/opportunities', query: asQuery(query), ...options }),

    get: async (id: string, options: CallOptions = {}) =>
      (await t.json<Data<Opportunity>>({ method: 'GET', path: pathOf`/opportunities/${id}`, ...options }))
        .data,

    getExpanded: async (id: string, expand: readonly OpportunityExpand[], options: CallOptions = {}) =>
      (
        await t.json<Data<ExpandedOpportunity>>({
          method: 'GET',
          path: pathOf`/opportunities/${id}`,
          query: { expand },
          ...options,
        })
      ).data,

    /** `performAs` (or `performAsPostingOwner`) is required by Lever. Returns `{deduped, data}`. */
    create: (body: OpportunityCreate, options: CreateOpportunityOptions) => {
      const multipart = options.resumeFile !== undefined || (options.files?.length ?? 0) > 0;
      return t.json<OpportunityCreated>({
        method: 'POST',
        path: '/opportunities',
        query: {
          ...performAsQuery(options),
          perform_as_posting_owner: options.performAsPostingOwner,
          parse: options.parse,
        },
        body: multipart ? opportunityForm(body, options.resumeFile, options.files) : body,
        signal: options.signal,
      });
    },

    deleted: (
      query: { deleted_at_start?: number; deleted_at_end?: number } = {},
      options: CallOptions = {},
    ) => paginate<DeletedItem>(t, { path: '/opportunities/deleted', query, ...options }),

    changeStage: (id: string, stage: string, options: WriteOptions = {}) =>
      action(id, 'stage', { stage }, options, 'PUT'),
    /** `reason: null` unarchives. */
    setArchived: (id: string, body: ArchivedUpdate, options: WriteOptions = {}) =>
      action(id, 'archived', body, options, 'PUT'),
    addTags: (id: string, tags: string[], options: WriteOptions = {}) =>
      action(id, 'addTags', { tags }, options),
    removeTags: (id: string, tags: string[], options: WriteOptions = {}) =>
      action(id, 'removeTags', { tags }, options),
    addSources: (id: string, sources: string[], options: WriteOptions = {}) =>
      action(id, 'addSources', { sources }, options),
    removeSources: (id: string, sources: string[], options: WriteOptions = {}) =>
      action(id, 'removeSources', { sources }, options),
    addLinks: (id: string, links: string[], options: WriteOptions = {}) =>
      action(id, 'addLinks', { links }, options),
    removeLinks: (id: string, links: string[], options: WriteOptions = {}) =>
      action(id, 'removeLinks', { links }, options),

    notes: notesApi(t),
    files: filesApi(t),
    resumes: resumesApi(t),
    offers: offersApi(t),
    referrals: referralsApi(t),
    applications: applicationsApi(t),
  };
};
