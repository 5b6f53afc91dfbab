// RFC 9700 §4.1: the redirect URI is matched exactly. Every mutation of a registered URI (suffix, prefix,
// path, case, port, scheme, userinfo, encoded characters, fragments, whitespace, …) gets our 400 error page
// with NO redirect, on GET and on the consent POST alike.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAtsTestApp, createTestTenant, type AtsTestApp } from '../test-support.ts';
import {
  Browser,
  REDIRECT_URI,
  authorizeAndGetCode,
  authorizeQuery,
  csrfFrom,
  registerClient,
  setPassword,
} from './oauth-test-support.ts';

const WITH_QUERY = 'https://app.example.com:8443/cb?tenant=1';

const MUTATIONS: readonly string[] = [
  `${REDIRECT_URI}/`,
  `${REDIRECT_URI}x`,
  `${REDIRECT_URI}/../callback`,
  `${REDIRECT_URI}?x=1`,
  `${REDIRECT_URI}?`,
  `${REDIRECT_URI}#`,
  `${REDIRECT_URI}#frag`,
  `${REDIRECT_URI};x`,
  'https://app.example.com/oauth/Callback',
  'https://APP.example.com/oauth/callback',
  'HTTPS://app.example.com/oauth/callback',
  'http://app.example.com/oauth/callback',
  'https://app.example.com:443/oauth/callback',
  'https://app.example.com:8443/oauth/callback',
  'https://app.example.com./oauth/callback',
  'https://app.example.com.evil.com/oauth/callback',
  'https://evil.com/app.example.com/oauth/callback',
  'https://evilapp.example.com/oauth/callback',
  'https://sub.app.example.com/oauth/callback',
  'https://app.example.com@evil.com/oauth/callback',
  'https://user@app.example.com/oauth/callback',
  'https://user:pw@app.example.com/oauth/callback',
  'https://app.example.com\\@evil.com/oauth/callback',
  'https://app.example.com%2eevil.com/oauth/callback',
  'https://app.example.com/oauth/callback%2f..%2f..%2fevil',
  'https://app.example.com/oauth%2Fcallback',
  'https://app.example.com/oauth/callbac%6B',
  'https://app.example.com/oauth/callback%00',
  'https://app.example.com/oauth/callback%20',
  ` ${REDIRECT_URI}`,
  `${REDIRECT_URI} `,
  `${REDIRECT_URI}\t`,
  'https://app.example.com/oauth',
  'https://app.example.com/',
  'https://app.example.com',
  'https://app.example.com//oauth/callback',
  'https://app.example.com/./oauth/callback',
  '//app.example.com/oauth/callback',
  '/oauth/callback',
  'https:/app.example.com/oauth/callback',
  'https:app.example.com/oauth/callback',
  'javascript://app.example.com/oauth/callback',
  'data:text/html,<script>alert(1)</script>',
  'https://xn--pp-example-0db.com/oauth/callback',
  'https://app.example.com/oauth/callback\u2028',
  'https://app.example.com/oauth/caIlback',
  // mutations of a registered URI with a port and a query
  'https://app.example.com:8443/cb?tenant=2',
  'https://app.example.com:8443/cb?tenant=1&x=1',
  'https://app.example.com:8443/cb?tenant=1#',
  'https://app.example.com:8444/cb?tenant=1',
  'https://app.example.com/cb?tenant=1',
  'https://app.example.com:8443/cb',
  'https://app.example.com:08443/cb?tenant=1',
];

describe('redirect URI exact matching (RFC 9700)', () => {
  let t: AtsTestApp;
  let browser: Browser;
  let clientId: string;

  before(async () => {
    t = await createAtsTestApp();
    try {
      const tenant = await createTestTenant(t.db);
      await setPassword(t.db, tenant.superAdmin);
      clientId = (await registerClient(t.db, { redirectUris: [REDIRECT_URI, WITH_QUERY] })).clientId;
      browser = new Browser(t.app);
      await browser.signIn(tenant.superAdmin.email);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  it(`rejects ${MUTATIONS.length} mutated redirect URIs with an error page and no redirect`, async () => {
    assert.ok(MUTATIONS.length >= 30);
    for (const redirectUri of MUTATIONS) {
      const query = authorizeQuery({ clientId, redirectUri });
      const res = await browser.get(`/oauth/authorize?${new URLSearchParams(query)}`);
      assert.equal(res.statusCode, 400, `GET ${redirectUri}`);
      assert.equal(res.headers.location, undefined, `GET ${redirectUri} must not redirect`);
      assert.doesNotMatch(res.body, /href="(https?:|javascript:|data:|\/\/)[^"]*evil/);
      // Also with an otherwise broken request, where an error would be sent if the URI were trusted.
      const broken = await browser.get(
        `/oauth/authorize?${new URLSearchParams({ ...query, response_type: 'token', scope: 'nope' })}`,
      );
      assert.equal(broken.statusCode, 400, `GET (broken) ${redirectUri}`);
      assert.equal(broken.headers.location, undefined);
    }
  });

  it('rejects the same mutations on the consent POST, even with a valid CSRF token', async () => {
    const consent = await browser.get(
      `/oauth/authorize?${new URLSearchParams(authorizeQuery({ clientId }))}`,
    );
    const csrf = csrfFrom(consent.body);
    for (const redirectUri of MUTATIONS) {
      const res = await browser.post('/oauth/authorize', {
        ...authorizeQuery({ clientId, redirectUri }),
        _csrf: csrf,
        decision: 'deny',
      });
      assert.equal(res.statusCode, 400, `POST ${redirectUri}`);
      assert.equal(res.headers.location, undefined);
    }
  });

  it('the exact registered URIs work, and a registered query is kept', async () => {
    const a = await authorizeAndGetCode(browser, { clientId });
    assert.equal(`${a.location.origin}${a.location.pathname}`, REDIRECT_URI);
    const b = await authorizeAndGetCode(browser, { clientId, redirectUri: WITH_QUERY });
    assert.equal(b.location.host, 'app.example.com:8443');
    assert.equal(b.location.searchParams.get('tenant'), '1');
  });

  it('without redirect_uri, a client with several registered URIs gets an error page', async () => {
    const query = authorizeQuery({ clientId });
    delete (query as Record<string, string | undefined>).redirect_uri;
    const res = await browser.get(`/oauth/authorize?${new URLSearchParams(query)}`);
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers.location, undefined);
  });
});
