// TEST ONLY. Drives the referrals pages like a browser through Fastify inject: keeps the session cookie,
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
  const remember = (headers: Record<string, unknown>, body: string) => {
    const set = headers['set-cookie'];
    const first = (Array.isArray(set) ? set : set ? [String(set)] : []).find((c) =>
      c.startsWith('hl_referrals='),
    );
    if (first) cookie = first.split(';')[0]!;
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) csrf = m[1]!;
  };
  const asPage = (res: {
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
  }): PageResponse => {
    remember(res.headers, res.body);
    return { status: res.statusCode, location: res.headers.location as string | undefined, body: res.body };
  };
  return {
    get cookie() {
      return cookie;
    },
    async get(url: string): Promise<PageResponse> {
      return asPage(await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} }));
    },
    async post(
      url: string,
      form: Record<string, string>,
      options: { csrf?: boolean } = {},
    ): Promise<PageResponse> {
      const payload = new URLSearchParams({
        ...(options.csrf === false ? {} : { _csrf: csrf }),
        ...form,
      }).toString();
      return asPage(
        await app.inject({
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        }),
      );
    },
  };
}
