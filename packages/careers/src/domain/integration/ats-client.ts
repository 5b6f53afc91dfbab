// The careers app's only way to the ATS: a Lever client over HTTP that can only read. Its fetch refuses any
// method but GET before a byte leaves the process (the app never writes to the ATS — the key need not even
// allow it), and counts requests for the sync-run record. Rate budget and 429 back-off come from the
// client (10 req/s, burst 20, Retry-After honoured); one sync per organization runs at a time (pg-boss
// singleton), so one key's budget is spent by one client.
import {
  createLeverClient,
  createPostingsV0Client,
  type LeverClient,
  type TransportOptions,
} from '@hireloop/lever';

/**
 * The key's budget is 10 req/s with bursts of 20 (Lever, and the embedded ATS by default). We send at the
 * full rate but with half the burst: the server's bucket keeps ~10 tokens of slack, so network jitter (a
 * request arriving a little early) never meets an empty bucket — 0 × 429 in P5 instead of a few, each of
 * which would pause the client for the Retry-After.
 */
export const CLIENT_RATE_LIMIT = Object.freeze({ perSecond: 10, burst: 10 });

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
): ReadOnlyClient {
  let count = 0;
  const lever = createLeverClient({
    userAgent: 'Hireloop Careers',
    rateLimit: CLIENT_RATE_LIMIT,
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
