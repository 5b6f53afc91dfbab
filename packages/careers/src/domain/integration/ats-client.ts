// The careers app's only way to the ATS: a Lever client over HTTP that can only read. Its fetch refuses any
// method but GET before a byte leaves the process (the app never writes to the ATS — the key need not even
// allow it), and counts requests for the sync-run record. Rate budget and 429 back-off come from the
// client (CLIENT_RATE_LIMIT, Retry-After honoured) through the key's shared bucket; one sync per
// organization runs at a time (pg-boss singleton + the running sync_run claim).
import {
  createLeverClient,
  createPostingsV0Client,
  type LeverClient,
  type TokenBucket,
  type TransportOptions,
} from '@hireloop/lever';

/**
 * The key's budget is ~10 req/s with bursts of 20 (Lever says the rate "may vary"; the embedded ATS enforces
 * exactly that). A client that targets exactly the server's rate meets an empty server bucket on jitter, so
 * we stay 5 % under it and burst only half of it: the server keeps ≥ 10 tokens of slack that the margin
 * refills, and a page arriving early never gets 429. Every client of one key in this process shares ONE
 * bucket (`CareersContext.rateBudget`): postings and candidates listed concurrently, a scheduled sync and
 * a CLI sync.
 */
export const CLIENT_RATE_LIMIT = Object.freeze({ perSecond: 9.5, burst: 10 });

export class ReadOnlyViolationError extends Error {
  constructor(method: string, url: string) {
    super(`The careers app never writes to the ATS; refused ${method} ${url}`);
    this.name = 'ReadOnlyViolationError';
  }
}

export interface ReadOnlyClient {
  readonly lever: LeverClient;
  /** Requests sent so far (every attempt, retries included). */
  requests(): number;
}

export function readOnlyFetch(base: typeof fetch, onRequest: () => void): typeof fetch {
  return (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = input instanceof Request ? input.url : String(input);
    if (method !== 'GET') return Promise.reject(new ReadOnlyViolationError(method, url));
    onRequest();
    return base(input, init);
  };
}

export function createReadOnlyClient(
  apiBaseUrl: string,
  apiKey: string,
  transport: Partial<TransportOptions> = {},
  /** The key's shared bucket (`CareersContext.rateBudget`); else a bucket of its own. */
  budget?: TokenBucket,
): ReadOnlyClient {
  let count = 0;
  const lever = createLeverClient({
    userAgent: 'Hireloop Careers',
    rateLimit: budget ?? CLIENT_RATE_LIMIT,
    ...transport,
    baseUrl: apiBaseUrl,
    auth: { type: 'apiKey', apiKey },
    fetch: readOnlyFetch(transport.fetch ?? globalThis.fetch, () => count++),
  });
  return { lever, requests: () => count };
}

export function createReadOnlyPostingsClient(
  postingsBaseUrl: string,
  transport: Partial<TransportOptions> = {},
) {
  return createPostingsV0Client({
    ...transport,
    baseUrl: postingsBaseUrl,
    retries: 1,
    fetch: readOnlyFetch(transport.fetch ?? globalThis.fetch, () => {}),
  });
}
