// A real OAuth client library (oauth4webapi) against the server listening on port 0: code + PKCE, refresh
// and revoke (RFC 7009); our own Lever client (@hireloop/lever/oauth) as a cross-check; and revocation seen within 1 s by a SECOND app instance (with DATABASE_URL: a second runtime and pool on
// the same PostgreSQL database, as a second process would be).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import pino from 'pino';
import { createHttp, startRuntime, stopRuntime, type Http, type Runtime } from '@hireloop/platform';
import {
  buildAuthorizeUrl,
  createPkcePair,
  createState,
  exchangeCode,
  refreshTokens,
} from '@hireloop/lever/oauth';
import { atsModule } from '../index.ts';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../test-support.ts';
import { Browser, REDIRECT_URI, csrfFrom, registerClient, setPassword } from './oauth-test-support.ts';

const insecure = { [oauth.allowInsecureRequests]: true };

/** The same app over the same database, as another process would serve it. */
async function secondInstance(t: AtsTestApp): Promise<{ app: Http; close(): Promise<void> }> {
  let runtime: Runtime = t.runtime;
  let own = false;
  if (t.runtime.config.databaseUrl) {
    runtime = await startRuntime({
      config: t.runtime.config,
      logger: pino({ level: 'silent' }),
      modules: [atsModule],
      command: 'test second instance',
      migrate: false,
      schedule: false,
    });
    own = true;
  }
  const app = await createHttp({ config: runtime.config, logger: runtime.logger, readiness: [] });
  await atsModule.routes?.(app, runtime);
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      if (own) await stopRuntime(runtime);
    },
  };
}

describe('OAuth with oauth4webapi against the server on port 0', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let base: string;
  let as: oauth.AuthorizationServer;
  let browser: Browser;
  let registered: Awaited<ReturnType<typeof registerClient>>;
  let second: Awaited<ReturnType<typeof secondInstance>>;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      await setPassword(t.db, tenant.superAdmin);
      registered = await registerClient(t.db, { name: 'Lib Client' });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      assert.ok(address && typeof address === 'object');
      base = `http://127.0.0.1:${address.port}`;
      as = {
        issuer: base,
        authorization_endpoint: `${base}/oauth/authorize`,
        token_endpoint: `${base}/oauth/token`,
        revocation_endpoint: `${base}/oauth/revoke`,
      };
      browser = new Browser(t.app);
      await browser.signIn(tenant.superAdmin.email);
      second = await secondInstance(t);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(async () => {
    await second?.close();
    await t.close();
  });

  /** Follows the authorize URL as the signed-in admin (consent + Accept) and returns the callback URL. */
  async function consent(authorizeUrl: string): Promise<URL> {
    const url = new URL(authorizeUrl);
    const page = await browser.get(`${url.pathname}${url.search}`);
    assert.equal(page.statusCode, 200, page.body);
    const res = await browser.post('/oauth/authorize', {
      ...Object.fromEntries(url.searchParams),
      _csrf: csrfFrom(page.body),
      decision: 'accept',
    });
    assert.equal(res.statusCode, 303);
    return new URL(String(res.headers.location));
  }

  const v1 = (app: Http, token: string) =>
    app.inject({ url: '/v1/opportunities', headers: { authorization: `Bearer ${token}` } });

  it('completes code + PKCE, refresh and revoke with oauth4webapi; revoke is seen by a second instance within 1 s', async () => {
    const client: oauth.Client = { client_id: registered.clientId };
    const auth = oauth.ClientSecretBasic(registered.clientSecret!);
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorizeUrl = new URL(as.authorization_endpoint!);
    authorizeUrl.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'offline_access opportunities:read:admin',
      audience: 'https://api.lever.co/v1/',
      prompt: 'consent',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();

    const callback = await consent(authorizeUrl.toString());
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const tokenResponse = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      auth,
      params,
      REDIRECT_URI,
      verifier,
      insecure,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse);
    assert.equal(tokens.token_type, 'bearer');
    assert.equal(tokens.expires_in, 3600);
    assert.equal(tokens.scope, 'offline_access opportunities:read:admin');
    assert.ok(tokens.refresh_token);
    assert.equal((await v1(t.app, tokens.access_token)).statusCode, 200);
    assert.equal((await v1(second.app, tokens.access_token)).statusCode, 200);

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(
        as,
        client,
        oauth.ClientSecretPost(registered.clientSecret!),
        tokens.refresh_token,
        insecure,
      ),
    );
    assert.ok(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token);
    assert.equal((await v1(second.app, refreshed.access_token)).statusCode, 200);

    // RFC 7009: unknown tokens are fine.
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, auth, 'hla_unknown', insecure),
    );

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, auth, refreshed.access_token, insecure),
    );
    const revokedAt = Date.now();
    let status = 0;
    while (Date.now() - revokedAt < 1000) {
      status = (await v1(second.app, refreshed.access_token)).statusCode;
      if (status === 401) break;
    }
    assert.equal(status, 401, 'second instance rejects the revoked token within 1 s');
    assert.ok(Date.now() - revokedAt < 1000);
    assert.equal((await v1(t.app, refreshed.access_token)).statusCode, 401);

    // Revoking the refresh token takes its chain along.
    const next = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, refreshed.refresh_token!, insecure),
    );
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, auth, next.refresh_token!, insecure),
    );
    assert.equal((await v1(second.app, next.access_token)).statusCode, 401);
  });

  it('our own Lever client (@hireloop/lever/oauth) works against it too', async () => {
    const pkce = createPkcePair();
    const state = createState();
    const url = buildAuthorizeUrl({
      authorizeUrl: `${base}/oauth/authorize`,
      clientId: registered.clientId,
      redirectUri: REDIRECT_URI,
      state,
      scopes: ['offline_access', 'opportunities:read:admin'],
      audience: `${t.ctx.publicUrl}/v1/`,
      prompt: 'consent',
      codeChallenge: pkce.challenge,
    });
    const callback = await consent(url);
    assert.equal(callback.searchParams.get('state'), state);
    const common = {
      tokenUrl: `${base}/oauth/token`,
      clientId: registered.clientId,
      clientSecret: registered.clientSecret,
    };
    const tokens = await exchangeCode({
      ...common,
      code: callback.searchParams.get('code')!,
      redirectUri: REDIRECT_URI,
      codeVerifier: pkce.verifier,
    });
    assert.deepEqual(tokens.scopes, ['offline_access', 'opportunities:read:admin']);
    const refreshed = await refreshTokens({ ...common, refreshToken: tokens.refreshToken! });
    assert.equal((await v1(t.app, refreshed.accessToken)).statusCode, 200);
    await assert.rejects(refreshTokens({ ...common, refreshToken: tokens.refreshToken! }), {
      name: 'OAuthError',
      error: 'invalid_grant',
    });
  });
});
