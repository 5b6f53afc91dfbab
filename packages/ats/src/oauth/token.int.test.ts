// /oauth/token, part 1: client authentication, code exchange (basic, post, JSON), single-use codes whose
// reuse revokes what they issued, expiry, and bearer use on /v1 with scope checks. Part 2 is
// token-pkce-refresh.int.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../test-support.ts';
import {
  Browser,
  REDIRECT_URI,
  authorizeAndGetCode,
  registerClient,
  setPassword,
  tokenRequest,
} from './oauth-test-support.ts';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('/oauth/token', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let browser: Browser;
  let client: Awaited<ReturnType<typeof registerClient>>;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      await setPassword(t.db, tenant.superAdmin);
      client = await registerClient(t.db);
      browser = new Browser(t.app);
      const signedIn = await browser.signIn(tenant.superAdmin.email);
      assert.equal(signedIn.statusCode, 303);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  const api = (token: string, url = '/v1/opportunities') =>
    t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  it('rejects unknown clients, wrong secrets and unsupported grants with RFC 6749 JSON errors', async () => {
    const { code } = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const noAuth = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    assert.equal(noAuth.statusCode, 400);
    assert.deepEqual(Object.keys(noAuth.json()).sort(), ['error', 'error_description']);
    assert.equal(noAuth.json().error, 'invalid_client');

    const wrong = await tokenRequest(
      t.app,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: basic(client.clientId, 'hls_wrong') },
    );
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error, 'invalid_client');
    assert.ok(wrong.headers['www-authenticate']);

    const unknown = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code,
      client_id: 'nope',
      client_secret: 'x',
      redirect_uri: REDIRECT_URI,
    });
    assert.equal(unknown.json().error, 'invalid_client');

    const grant = await tokenRequest(t.app, {
      grant_type: 'password',
      username: 'a',
      password: 'b',
      client_id: client.clientId,
      client_secret: client.clientSecret!,
    });
    assert.equal(grant.json().error, 'unauthorized_client');

    const badJson = await t.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json().error, 'invalid_request');
  });

  it('exchanges a code (client_secret_basic) for a 1-hour bearer token that works on /v1 with scope checks', async () => {
    const { code, verifier } = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const res = await tokenRequest(
      t.app,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier! },
      { authorization: basic(client.clientId, client.clientSecret!) },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), [
      'access_token',
      'expires_in',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.scope, 'offline_access opportunities:read:admin');
    assert.match(body.access_token, /^hla_/);
    assert.match(body.refresh_token, /^hlr_/);
    // Stored hashed only.
    const stored = await t.db.selectFrom('ats.oauth_token').select('token_hash').execute();
    assert.ok(stored.every((r) => r.token_hash !== body.access_token && r.token_hash !== body.refresh_token));

    const ok = await api(body.access_token);
    assert.equal(ok.statusCode, 200, ok.body);
    const forbidden = await api(body.access_token, '/v1/stages');
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().code, 'MissingScopeError');
    assert.equal(forbidden.json().scope, 'stages:read:admin');
    assert.match(forbidden.json().message, /stages:read:admin/);
    assert.equal((await api('hla_not-a-token')).statusCode, 401);
  });

  it('accepts client_secret_post and JSON bodies; no refresh token without offline_access', async () => {
    const { code, verifier } = await authorizeAndGetCode(browser, {
      clientId: client.clientId,
      scope: 'stages:read:admin opportunities:write:admin',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/oauth/token',
      payload: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().refresh_token, undefined);
    assert.equal(res.json().scope, 'stages:read:admin opportunities:write:admin');
    // write implies read
    assert.equal((await api(res.json().access_token)).statusCode, 200);
    assert.equal((await api(res.json().access_token, '/v1/stages')).statusCode, 200);
  });

  it('a code is single use: reuse is rejected and revokes the tokens issued from it', async () => {
    const { code, verifier } = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier!,
      client_id: client.clientId,
      client_secret: client.clientSecret!,
    };
    const first = await tokenRequest(t.app, form);
    assert.equal(first.statusCode, 200);
    assert.equal((await api(first.json().access_token)).statusCode, 200);
    const again = await tokenRequest(t.app, form);
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error, 'invalid_grant');
    assert.equal((await api(first.json().access_token)).statusCode, 401);
    const refresh = await tokenRequest(t.app, {
      grant_type: 'refresh_token',
      refresh_token: first.json().refresh_token,
      client_id: client.clientId,
      client_secret: client.clientSecret!,
    });
    assert.equal(refresh.json().error, 'invalid_grant');
  });

  it('an expired code (over 60 s) and a code for another redirect_uri or client are rejected', async () => {
    const { code, verifier } = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const row = await t.db
      .selectFrom('ats.oauth_code')
      .select(['id', 'created_at', 'expires_at'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.ok(row.expires_at.getTime() - row.created_at.getTime() <= 60_000);
    await t.db
      .updateTable('ats.oauth_code')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', row.id)
      .execute();
    const expired = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier!,
      client_id: client.clientId,
      client_secret: client.clientSecret!,
    });
    assert.equal(expired.json().error, 'invalid_grant');

    const second = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const otherUri = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: second.code,
      redirect_uri: `${REDIRECT_URI}/x`,
      code_verifier: second.verifier!,
      client_id: client.clientId,
      client_secret: client.clientSecret!,
    });
    assert.equal(otherUri.statusCode, 400);
    assert.equal(otherUri.json().error, 'invalid_request');

    const third = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const other = await registerClient(t.db, { name: 'Other' });
    const wrongClient = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: third.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: third.verifier!,
      client_id: other.clientId,
      client_secret: other.clientSecret!,
    });
    assert.equal(wrongClient.json().error, 'invalid_grant');
  });
});
