// /oauth/authorize: error page vs redirect (never to an unvalidated URI), sign-in and back, the consent page,
// Deny, who may accept, PKCE rules, `state` echoed, prompt=none.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPkcePair } from '@hireloop/lever/oauth';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../test-support.ts';
import {
  Browser,
  REDIRECT_URI,
  authorizeAndGetCode,
  authorizeQuery,
  csrfFrom,
  registerClient,
  setPassword,
} from './oauth-test-support.ts';

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

describe('/oauth/authorize', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let admin: Browser;
  let client: Awaited<ReturnType<typeof registerClient>>;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      await setPassword(t.db, tenant.superAdmin);
      await setPassword(t.db, tenant.limitedMember);
      client = await registerClient(t.db);
      admin = new Browser(t.app);
      assert.equal((await admin.signIn(tenant.superAdmin.email)).statusCode, 303);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  const redirectOf = (res: { statusCode: number; headers: Record<string, unknown> }) => {
    assert.equal(res.statusCode, 303);
    return new URL(String(res.headers.location));
  };

  it('shows an error page, never a redirect, while the client or redirect URI is not validated', async () => {
    const cases: Record<string, string>[] = [
      {},
      { client_id: 'unknown-client', redirect_uri: REDIRECT_URI, response_type: 'code', state: 's' },
      {
        client_id: client.clientId,
        redirect_uri: 'https://evil.example/cb',
        response_type: 'code',
        state: 's',
      },
      { client_id: client.clientId, redirect_uri: 'javascript:alert(1)', state: 's' },
    ];
    for (const q of cases) {
      const res = await admin.get(`/oauth/authorize?${qs(q)}`);
      assert.equal(res.statusCode, 400, JSON.stringify(q));
      assert.equal(res.headers.location, undefined);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.ok(!res.body.includes('evil.example'), 'the bad URI is not echoed as a link');
    }
    // Repeated client_id / redirect_uri are not trusted either.
    const twice = await admin.get(
      `/oauth/authorize?client_id=${client.clientId}&client_id=x&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=s`,
    );
    assert.equal(twice.statusCode, 400);
    assert.equal(twice.headers.location, undefined);
    const page = await admin.get(
      `/oauth/authorize?${qs({ client_id: client.clientId, redirect_uri: 'https://evil.example/cb', response_type: 'code', state: 's' })}`,
    );
    assert.match(page.body, /not one that Acme Sync registered/);
  });

  it('sends errors back to a validated redirect URI per RFC 6749 §4.1.2.1, with state', async () => {
    const base = authorizeQuery({ clientId: client.clientId, state: 'xyz' });
    const expectations: [Record<string, string>, string][] = [
      [{ ...base, response_type: 'token' }, 'unsupported_response_type'],
      [{ ...base, scope: 'opportunities:read:admin candidates:read:admin' }, 'invalid_scope'],
      [{ ...base, scope: '' }, 'invalid_scope'],
      [{ ...base, audience: 'https://evil.example/v1/' }, 'invalid_request'],
      [{ ...base, prompt: 'sometimes' }, 'invalid_request'],
      [
        { ...base, code_challenge: createPkcePair().challenge, code_challenge_method: 'plain' },
        'invalid_request',
      ],
      [{ ...base, code_challenge: createPkcePair().challenge }, 'invalid_request'],
      [{ ...base, code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request'],
    ];
    for (const [q, error] of expectations) {
      const to = redirectOf(await admin.get(`/oauth/authorize?${qs(q)}`));
      assert.equal(`${to.origin}${to.pathname}`, REDIRECT_URI);
      assert.equal(to.searchParams.get('error'), error, JSON.stringify(q));
      assert.equal(to.searchParams.get('state'), 'xyz');
      assert.ok(to.searchParams.get('error_description'));
    }
    const noState = redirectOf(await admin.get(`/oauth/authorize?${qs({ ...base, state: '' })}`));
    assert.equal(noState.searchParams.get('error'), 'invalid_request');
    // The ATS's own audience is accepted as well as Lever's.
    const own = await admin.get(`/oauth/authorize?${qs({ ...base, audience: `${t.ctx.publicUrl}/v1/` })}`);
    assert.equal(own.statusCode, 200);
  });

  it('a public client must use PKCE', async () => {
    const pub = await registerClient(t.db, { isPublic: true, name: 'Public' });
    const to = redirectOf(
      await admin.get(`/oauth/authorize?${qs(authorizeQuery({ clientId: pub.clientId }))}`),
    );
    assert.equal(to.searchParams.get('error'), 'invalid_request');
    assert.match(to.searchParams.get('error_description') ?? '', /PKCE/);
  });

  it('signs a signed-out person in first, then comes back to the consent page', async () => {
    const browser = new Browser(t.app);
    const query = authorizeQuery({ clientId: client.clientId });
    const first = await browser.get(`/oauth/authorize?${qs(query)}`);
    assert.equal(first.statusCode, 303);
    const signInUrl = new URL(String(first.headers.location), 'http://x');
    assert.equal(signInUrl.pathname, '/ats/sign-in');
    const returnTo = signInUrl.searchParams.get('returnTo')!;
    assert.ok(returnTo.startsWith('/oauth/authorize?'));
    const page = await browser.get(`${signInUrl.pathname}${signInUrl.search}`);
    assert.match(page.body, /review the app/);
    const signedIn = await browser.post('/ats/sign-in', {
      email: tenant.superAdmin.email,
      password: 'correct horse battery staple',
      returnTo,
      _csrf: csrfFrom(page.body),
    });
    assert.equal(signedIn.headers.location, returnTo);
    const consent = await browser.get(returnTo);
    assert.equal(consent.statusCode, 200);
    assert.match(consent.body, /Authorize Acme Sync/);
  });

  it('the consent page names the app, the account and the signed-in person, and lists the scopes in words', async () => {
    const res = await admin.get(
      `/oauth/authorize?${qs(authorizeQuery({ clientId: client.clientId, scope: 'offline_access opportunities:write:admin contact:read:admin' }))}`,
    );
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    for (const text of [
      'Acme Sync',
      tenant.account.name,
      tenant.superAdmin.email,
      'Get a refresh token',
      'View and manage all opportunities',
      'View an opportunity&#39;s contact',
      'Accept',
      'Deny',
    ]) {
      assert.ok(res.body.includes(text), `consent page shows ${text}`);
    }
    assert.match(res.body, /whole company/);
  });

  it('Deny returns error=access_denied with state to the client', async () => {
    const query = authorizeQuery({ clientId: client.clientId, state: 'deny-state' });
    const consent = await admin.get(`/oauth/authorize?${qs(query)}`);
    const res = await admin.post('/oauth/authorize', {
      ...query,
      _csrf: csrfFrom(consent.body),
      decision: 'deny',
    });
    const to = redirectOf(res);
    assert.equal(to.searchParams.get('error'), 'access_denied');
    assert.equal(to.searchParams.get('state'), 'deny-state');
    assert.equal(to.searchParams.get('code'), null);
  });

  it('Accept issues a code and echoes state; the grant is account-wide and listed under Authorized Apps', async () => {
    const { location } = await authorizeAndGetCode(admin, {
      clientId: client.clientId,
      state: 'echo me / & ?',
    });
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
    assert.equal(location.searchParams.get('state'), 'echo me / & ?');
    const grants = await t.db
      .selectFrom('ats.oauth_grant')
      .selectAll()
      .where('revoked_at', 'is', null)
      .execute();
    assert.equal(grants.length, 1);
    assert.equal(grants[0]?.account_id, tenant.account.id);
    assert.equal(grants[0]?.granted_by, tenant.superAdmin.id);
  });

  it('the consent form needs its CSRF token', async () => {
    const query = authorizeQuery({ clientId: client.clientId });
    const res = await admin.post('/oauth/authorize', { ...query, decision: 'accept' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.headers.location, undefined);
  });

  it('a non-Super Admin sees why they cannot accept, and an Accept POST is refused with a 403 page', async () => {
    const member = new Browser(t.app);
    assert.equal((await member.signIn(tenant.limitedMember.email)).statusCode, 303);
    const query = authorizeQuery({ clientId: client.clientId });
    const consent = await member.get(`/oauth/authorize?${qs(query)}`);
    assert.equal(consent.statusCode, 200);
    assert.match(consent.body, /Only Super Admins of/);
    assert.ok(!consent.body.includes('value="accept"'), 'no Accept button');
    const codesBefore = await t.db.selectFrom('ats.oauth_code').select('id').execute();
    const res = await member.post('/oauth/authorize', {
      ...query,
      _csrf: csrfFrom(consent.body),
      decision: 'accept',
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Only Super Admins/);
    assert.equal((await t.db.selectFrom('ats.oauth_code').select('id').execute()).length, codesBefore.length);
  });

  it('prompt=login shows the sign-in form to a signed-in person once, then the consent page', async () => {
    const query = authorizeQuery({ clientId: client.clientId, extra: { prompt: 'login' } });
    const res = await admin.get(`/oauth/authorize?${qs(query)}`);
    assert.equal(res.statusCode, 303);
    const signIn = new URL(String(res.headers.location), 'http://x');
    assert.equal(signIn.searchParams.get('prompt'), 'login');
    const returnTo = signIn.searchParams.get('returnTo')!;
    assert.doesNotMatch(returnTo, /prompt/);
    const form = await admin.get(`${signIn.pathname}${signIn.search}`);
    assert.equal(form.statusCode, 200, 'the form is shown although signed in');
    const again = await admin.post('/ats/sign-in', {
      email: tenant.superAdmin.email,
      password: 'correct horse battery staple',
      returnTo,
      _csrf: csrfFrom(form.body),
    });
    assert.equal(again.headers.location, returnTo);
    assert.equal((await admin.get(returnTo)).statusCode, 200);
  });

  it('prompt=none: login_required when signed out, a code at once when the grant covers the scopes', async () => {
    const anon = new Browser(t.app);
    const signedOut = redirectOf(
      await anon.get(
        `/oauth/authorize?${qs(authorizeQuery({ clientId: client.clientId, extra: { prompt: 'none' } }))}`,
      ),
    );
    assert.equal(signedOut.searchParams.get('error'), 'login_required');
    const fresh = await registerClient(t.db, { name: 'Fresh' });
    const noGrant = redirectOf(
      await admin.get(
        `/oauth/authorize?${qs(authorizeQuery({ clientId: fresh.clientId, extra: { prompt: 'none' } }))}`,
      ),
    );
    assert.equal(noGrant.searchParams.get('error'), 'consent_required');
    await authorizeAndGetCode(admin, { clientId: fresh.clientId });
    const silent = redirectOf(
      await admin.get(
        `/oauth/authorize?${qs(authorizeQuery({ clientId: fresh.clientId, extra: { prompt: 'none' } }))}`,
      ),
    );
    assert.ok(silent.searchParams.get('code'));
  });
});
