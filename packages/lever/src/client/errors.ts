// Errors thrown by the client. HTTP errors carry Lever's `{code, message}` (reference §1.9); network
// failures and timeouts surface as the fetch error itself (TypeError / DOMException) after retries.

export class LeverApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: unknown;
  readonly method: string;
  readonly url: string;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    body: unknown;
    method: string;
    url: string;
  }) {
    super(init.message);
    this.name = 'LeverApiError';
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.method = init.method;
    this.url = init.url;
  }
}

/** Build a LeverApiError from a non-2xx response, reading `{code, message}` or v0's `{ok:false, error}`. */
export const apiErrorFromResponse = async (response: Response, method: string): Promise<LeverApiError> => {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): keep the text as the body.
  }
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === 'string' ? record.code : `Http${response.status}Error`;
  const message =
    typeof record.message === 'string'
      ? record.message
      : typeof record.error === 'string'
        ? record.error
        : `${method} ${response.url} failed with ${response.status}`;
  return new LeverApiError({ status: response.status, code, message, body, method, url: response.url });
};
