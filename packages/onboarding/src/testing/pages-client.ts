// TEST ONLY. Drives the onboarding pages like a browser through Fastify inject: keeps the session cookie,
// reads the CSRF token from the last page, follows nothing automatically.
import type { Http } from '@hireloop/platform';

export interface PageResponse {
  status: number;
  location: string | undefined;
  body: string;
}

export function pagesClient(app: Http) {
  let cookie = '';
  let csrf = '';
  const asPage = (res: {
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
  }): PageResponse => {
    const set = res.headers['set-cookie'];
    const first = (Array.isArray(set) ? set : set ? [String(set)] : []).find((c: string) =>
      c.startsWith('hl_onboarding='),
    );
    if (first) cookie = first.split(';')[0]!;
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) csrf = m[1]!;
    return { status: res.statusCode, location: res.headers.location as string | undefined, body: res.body };
  };
  return {
    get: async (url: string) =>
      asPage(await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })),
    post: async (url: string, form: Record<string, string>) =>
      asPage(
        await app.inject({
          method: 'POST',
          url,
          payload: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        }),
      ),
  };
}
