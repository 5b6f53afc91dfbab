// /oauth/token, part 2: PKCE downgrades (RFC 9700 §2.1.1, §4.8) and refresh-token rotation with reuse
// detection (reuse revokes the whole grant, RFC 9700 §4.14.2).
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

describe('/oauth/token: PKCE and refresh rotation', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let browser: Browser;
  let client: Awaited<ReturnType<typeof registerClient>>;
  let publicClient: Awaited<ReturnType<typeof registerClient>>;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      await setPassword(t.db, tenant.superAdmin);
      client = await registerClient(t.db);
      publicClient = await registerClient(t.db, { isPublic: true, name: 'Desk App' });
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

  it('PKCE downgrades fail: missing verifier, wrong verifier, verifier without challenge, public client without PKCE', async () => {
    const a = await authorizeAndGetCode(browser, { clientId: publicClient.clientId });
    const missing = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: a.code,
      redirect_uri: REDIRECT_URI,
      client_id: publicClient.clientId,
    });
    assert.equal(missing.statusCode, 400);
    assert.ok(['invalid_request', 'invalid_client'].includes(missing.json().error));

    const b = await authorizeAndGetCode(browser, { clientId: publicClient.clientId });
    const mismatch = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: b.code,
      redirect_uri: REDIRECT_URI,
      client_id: publicClient.clientId,
      code_verifier: 'x'.repeat(43),
    });
    assert.equal(mismatch.json().error, 'invalid_grant');
    // The failed attempt consumed the code: the right verifier no longer helps.
    const late = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: b.code,
      redirect_uri: REDIRECT_URI,
      client_id: publicClient.clientId,
      code_verifier: b.verifier!,
    });
    assert.equal(late.json().error, 'invalid_grant');

    const c = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const confidentialNoVerifier = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: c.code,
      redirect_uri: REDIRECT_URI,
      client_id: client.clientId,
      client_secret: client.clientSecret!,
    });
    assert.equal(confidentialNoVerifier.json().error, 'invalid_grant');

    const d = await authorizeAndGetCode(browser, { clientId: client.clientId, pkce: false });
    const injected = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: d.code,
      redirect_uri: REDIRECT_URI,
      client_id: client.clientId,
      client_secret: client.clientSecret!,
      code_verifier: 'y'.repeat(43),
    });
    assert.equal(injected.json().error, 'invalid_grant');

    // A confidential client cannot skip its secret by sending a verifier.
    const e = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const noSecret = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: e.code,
      redirect_uri: REDIRECT_URI,
      client_id: client.clientId,
      code_verifier: e.verifier!,
    });
    assert.equal(noSecret.json().error, 'invalid_client');

    const f = await authorizeAndGetCode(browser, { clientId: publicClient.clientId });
    const good = await tokenRequest(t.app, {
      grant_type: 'authorization_code',
      code: f.code,
      redirect_uri: REDIRECT_URI,
      client_id: publicClient.clientId,
      code_verifier: f.verifier!,
    });
    assert.equal(good.statusCode, 200, good.body);
  });

  it('refresh rotates the refresh token; reusing an old one revokes the whole grant', async () => {
    const { code, verifier } = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const auth = { client_id: client.clientId, client_secret: client.clientSecret! };
    const first = (
      await tokenRequest(t.app, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier!,
        ...auth,
      })
    ).json();
    const second = await tokenRequest(t.app, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      ...auth,
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().expires_in, 3600);
    assert.notEqual(second.json().refresh_token, first.refresh_token);
    assert.notEqual(second.json().access_token, first.access_token);
    assert.equal((await api(second.json().access_token)).statusCode, 200);

    const noSecret = await tokenRequest(t.app, {
      grant_type: 'refresh_token',
      refresh_token: second.json().refresh_token,
      client_id: client.clientId,
    });
    assert.equal(noSecret.json().error, 'invalid_client');

    const reuse = await tokenRequest(t.app, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      ...auth,
    });
    assert.equal(reuse.statusCode, 400);
    assert.equal(reuse.json().error, 'invalid_grant');
    // The grant is gone: the newest tokens die with it.
    assert.equal((await api(second.json().access_token)).statusCode, 401);
    const newest = await tokenRequest(t.app, {
      grant_type: 'refresh_token',
      refresh_token: second.json().refresh_token,
      ...auth,
    });
    assert.equal(newest.json().error, 'invalid_grant');
    const grant = await t.db
      .selectFrom('ats.oauth_grant')
      .select(['revoked_at', 'revoked_reason'])
      .where('client_id', '=', client.row.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.ok(grant.revoked_at);
    assert.equal(grant.revoked_reason, 'refresh token reuse');
  });
});
