// Test support for the OAuth and sign-in tests (never imported by production code): a browser-like cookie
// jar over app.inject, sign-in, and a whole consent round trip that returns the authorization code.
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { hashPassword } from '@hireloop/platform/passwords';
import { createPkcePair } from '@hireloop/lever/oauth';
import type { Http } from '@hireloop/platform';
import type { AtsDb } from '../db.ts';
import type { UserRow } from '../domain/users/user.repository.ts';
import { createOAuthClient } from './oauth-client.service.ts';

export const PASSWORD = 'correct horse battery staple';
export const REDIRECT_URI = 'https://app.example.com/oauth/callback';

export async function setPassword(db: Kysely<AtsDb>, user: UserRow, password = PASSWORD): Promise<void> {
  await db
    .updateTable('ats.user')
    .set({ password_hash: await hashPassword(password) })
    .where('id', '=', user.id)
    .execute();
}

export async function registerClient(
  db: Kysely<AtsDb>,
  options: { isPublic?: boolean; redirectUris?: string[]; name?: string } = {},
) {
  const { client, clientSecret } = await createOAuthClient(db, {
    name: options.name ?? 'Acme Sync',
    redirectUris: options.redirectUris ?? [REDIRECT_URI],
    isPublic: options.isPublic,
  });
  return { clientId: client.client_id, clientSecret, row: client };
}

/** The `_csrf` hidden field of a rendered form. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m?.[1], 'page has a CSRF field');
  return m[1];
}

/** A browser: keeps the session cookie across injected requests. */
export class Browser {
  cookie = '';
  readonly app: Http;
  constructor(app: Http) {
    this.app = app;
  }
  private keep(res: { headers: Record<string, unknown> }) {
    const set = res.headers['set-cookie'];
    const first = (Array.isArray(set) ? set : set ? [set] : [])
      .map(String)
      .find((c) => c.startsWith('hl_ats='));
    if (first) this.cookie = first.split(';')[0] ?? '';
  }
  async get(url: string) {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookie, accept: 'text/html' },
    });
    this.keep(res);
    return res;
  }
  async post(url: string, form: Record<string, string>) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookie,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams(form).toString(),
    });
    this.keep(res);
    return res;
  }
  async signIn(email: string, password = PASSWORD, returnTo = '/ats') {
    const page = await this.get(`/ats/sign-in?${new URLSearchParams({ returnTo })}`);
    return this.post('/ats/sign-in', { email, password, returnTo, _csrf: csrfFrom(page.body) });
  }
}

export interface AuthorizeInput {
  clientId: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  pkce?: boolean;
  extra?: Record<string, string>;
}

export function authorizeQuery(input: AuthorizeInput & { challenge?: string }): Record<string, string> {
  return {
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri ?? REDIRECT_URI,
    state: input.state ?? 'st-123',
    scope: input.scope ?? 'offline_access opportunities:read:admin',
    audience: 'https://api.lever.co/v1/',
    ...(input.challenge ? { code_challenge: input.challenge, code_challenge_method: 'S256' } : {}),
    ...input.extra,
  };
}

/** Signed-in browser → consent page → Accept → the code (and the PKCE verifier used). */
export async function authorizeAndGetCode(
  browser: Browser,
  input: AuthorizeInput,
): Promise<{ code: string; verifier?: string; location: URL }> {
  const pkce = input.pkce === false ? undefined : createPkcePair();
  const query = authorizeQuery({ ...input, challenge: pkce?.challenge });
  const consent = await browser.get(`/oauth/authorize?${new URLSearchParams(query)}`);
  assert.equal(consent.statusCode, 200, consent.body);
  const res = await browser.post('/oauth/authorize', {
    ...query,
    _csrf: csrfFrom(consent.body),
    decision: 'accept',
  });
  assert.equal(res.statusCode, 303, res.body);
  const location = new URL(String(res.headers.location));
  const code = location.searchParams.get('code');
  assert.ok(code, `redirect carries a code: ${location}`);
  return { code, verifier: pkce?.verifier, location };
}

export async function tokenRequest(
  app: Http,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}
