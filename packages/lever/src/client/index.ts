// The typed Lever API client: `createLeverClient({baseUrl, auth})` works the same against
// https://api.lever.co/v1 and the embedded ATS — pointing an app elsewhere is configuration only.
import { archiveReasonsApi } from './archive-reasons.ts';
import { contactsApi } from './contacts.ts';
import { opportunitiesApi } from './opportunities.ts';
import { paginate, type PageRequest } from './paginate.ts';
import { postingsApi } from './postings.ts';
import { sourcesApi } from './sources.ts';
import { stagesApi } from './stages.ts';
import { tagsApi } from './tags.ts';
import { createTransport, type RequestOptions, type TransportOptions } from './transport.ts';
import { uploadsApi } from './uploads.ts';
import { usersApi } from './users.ts';
import { webhooksApi } from './webhooks.ts';

export type LeverClientOptions = TransportOptions;

export const createLeverClient = (options: LeverClientOptions) => {
  const transport = createTransport(options);
  return {
    opportunities: opportunitiesApi(transport),
    contacts: contactsApi(transport),
    postings: postingsApi(transport),
    users: usersApi(transport),
    stages: stagesApi(transport),
    archiveReasons: archiveReasonsApi(transport),
    sources: sourcesApi(transport),
    tags: tagsApi(transport),
    webhooks: webhooksApi(transport),
    uploads: uploadsApi(transport),
    /** Escape hatch for endpoints without a typed wrapper (e.g. requisitions). */
    request: <T>(req: RequestOptions) => transport.json<T>(req),
    paginate: <T>(req: PageRequest) => paginate<T>(transport, req),
  };
};
export type LeverClient = ReturnType<typeof createLeverClient>;

export { basicAuthorization, type LeverAuth } from './auth.ts';
export type { CallOptions, FileInput, WriteOptions } from './common.ts';
export { LeverApiError } from './errors.ts';
export { opportunityForm, type CreateOpportunityOptions } from './opportunities.ts';
export { collect, fetchPage, paginate, paginatePages, type PageRequest } from './paginate.ts';
export {
  createPostingsV0Client,
  type PostingsV0Client,
  type PostingsV0ClientOptions,
} from './postings-v0.ts';
export { buildUrl, type Query, type QueryValue } from './query.ts';
export {
  createTokenBucket,
  DEFAULT_RATE_LIMIT,
  isTokenBucket,
  type RateLimitOptions,
  type TokenBucket,
} from './rate-limit.ts';
export {
  createTransport,
  parseRetryAfter,
  type RequestOptions,
  type Transport,
  type TransportOptions,
} from './transport.ts';
