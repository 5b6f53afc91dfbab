// One place where the client touches the network: base URL, auth header, per-attempt timeout
// (AbortSignal.timeout), the rate budget, retries with exponential back-off + full jitter (429 always;
// network errors and 5xx only for idempotent methods unless told otherwise, so a lost response never
// creates a duplicate candidate), `Retry-After`, and one refresh-and-retry on 401 for bearer auth.
import { authorizationHeader, type LeverAuth } from './auth.ts';
import { apiErrorFromResponse, LeverApiError } from './errors.ts';
import { buildUrl, type Query } from './query.ts';
import {
  createTokenBucket,
  isTokenBucket,
  sleep as defaultSleep,
  type RateLimitOptions,
  type Sleep,
  type TokenBucket,
} from './rate-limit.ts';

export interface TransportOptions {
  /** API root incl. version, e.g. `https://api.lever.co/v1` or `http://localhost:3000/v1`. */
  baseUrl: string;
  /** Omit for unauthenticated APIs (Postings API v0). */
  auth?: LeverAuth;
  fetch?: typeof fetch;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 3. */
  retries?: number;
  /** Back-off base and cap; default 500 ms, 30 s. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Give up instead of waiting when Retry-After asks for longer; default 120 s. */
  maxRetryAfterMs?: number;
  /** Also retry POSTs on network errors and 5xx; default false. */
  retryNonIdempotent?: boolean;
  /**
   * Client-side budget; `false` disables it. Default 10/s, burst 20. Pass a TokenBucket to share one budget
   * between several clients of the same key.
   */
  rateLimit?: RateLimitOptions | TokenBucket | false;
  userAgent?: string;
  sleep?: Sleep;
  random?: () => number;
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Query;
  /** Opaque pagination token, sent encoded once. */
  offset?: string;
  /** Plain values are sent as JSON; FormData / URLSearchParams as-is. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Transport {
  readonly baseUrl: string;
  /** Sends the request and returns the successful Response (2xx); throws LeverApiError otherwise. */
  send(options: RequestOptions): Promise<Response>;
  /** `send` + parse JSON; undefined for 204. */
  json<T>(options: RequestOptions): Promise<T>;
}

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);

/** Retry-After as ms from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export const parseRetryAfter = (value: string | null, now: number): number | undefined => {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

const encodeBody = (body: unknown): { body?: RequestInit['body']; contentType?: string } => {
  if (body === undefined) return {};
  if (body instanceof FormData || body instanceof URLSearchParams) return { body };
  return { body: JSON.stringify(body), contentType: 'application/json' };
};

export const createTransport = (options: TransportOptions): Transport => {
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const retries = options.retries ?? 3;
  const baseMs = options.backoff?.baseMs ?? 500;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const bucket =
    options.rateLimit === false
      ? undefined
      : isTokenBucket(options.rateLimit)
        ? options.rateLimit
        : createTokenBucket(options.rateLimit, { now: Date.now, sleep });
  const backoff = (attempt: number) => Math.round(random() * Math.min(maxMs, baseMs * 2 ** attempt));

  const send = async (req: RequestOptions): Promise<Response> => {
    const url = buildUrl(options.baseUrl, req.path, req.query, req.offset);
    const { body, contentType } = encodeBody(req.body);
    const retryable = IDEMPOTENT.has(req.method) || options.retryNonIdempotent === true;
    let refreshed: string | undefined;
    for (let attempt = 0; ; attempt++) {
      await bucket?.take(req.signal);
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      if (contentType) headers['content-type'] = contentType;
      if (options.userAgent) headers['user-agent'] = options.userAgent;
      if (options.auth)
        headers.authorization = refreshed ? `Bearer ${refreshed}` : await authorizationHeader(options.auth);
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
        response = await doFetch(url, { method: req.method, headers, body, signal });
      } catch (error) {
        if (req.signal?.aborted || !retryable || attempt >= retries) throw error;
        await sleep(backoff(attempt), req.signal);
        continue;
      }
      if (response.ok) return response;
      const auth = options.auth;
      if (response.status === 401 && auth?.type === 'bearer' && auth.refreshAccessToken && !refreshed) {
        await response.body?.cancel();
        refreshed = await auth.refreshAccessToken();
        attempt--; // the refresh retry does not count against the back-off budget
        continue;
      }
      const wantsRetry = response.status === 429 || (response.status >= 500 && retryable);
      if (!wantsRetry || attempt >= retries) throw await apiErrorFromResponse(response, req.method);
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs)
        throw await apiErrorFromResponse(response, req.method);
      await response.body?.cancel();
      const delay = Math.max(retryAfter ?? 0, backoff(attempt));
      if (response.status === 429) bucket?.pauseUntil(Date.now() + delay);
      await sleep(delay, req.signal);
    }
  };

  return {
    baseUrl: options.baseUrl,
    send,
    async json<T>(req: RequestOptions): Promise<T> {
      const response = await send(req);
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      try {
        return (text ? JSON.parse(text) : undefined) as T;
      } catch {
        throw new LeverApiError({
          status: response.status,
          code: 'InvalidResponseError',
          message: `${req.method} ${response.url} returned a body that is not JSON`,
          body: text,
          method: req.method,
          url: response.url,
        });
      }
    },
  };
};
