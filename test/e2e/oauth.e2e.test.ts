// "Sign in with Lever" end to end against real server processes: the demo seed, `hireloop oauth-client
// create --json`, a person signing in and accepting on the consent page (plain fetch with a cookie jar), then
// oauth4webapi exchanging the code with PKCE, refreshing, and revoking. The revoked access token is rejected
// within 1 s by ANOTHER web process on the same PostgreSQL database (with DATABASE_URL), or by the one
// embedded-database process (without).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { createTestDatabase } from '@hireloop/platform/testing';
import { killAll, makeDataDir, removeDataDir, spawnHireloop } from './support/hireloop-process.ts';

const STARTUP_MS = 90_000;
const REDIRECT_URI = 'http://127.0.0.1:9/callback';
const SUPER_ADMIN = { email: 'morgan@acme-robotics.example', password: 'hireloop-demo' };
const insecure = { [oauth.allowInsecureRequests]: true };

async function runCli(args: string[], env: Record<string, string>): Promise<string> {
  const proc = spawnHireloop(args, { env });
  const exit = await proc.waitForExit(120_000);
  assert.equal(exit.code, 0, `hireloop ${args.join(' ')}: ${proc.stderr()}`);
  return proc.stdout();
}

/** A person's browser: one session cookie, redirects not followed. */
class Person {
  private cookie = '';
  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form) : undefined,
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('hl_ats='));
    if (set) this.cookie = set.split(';')[0] ?? '';
    return res;
  }
}

const csrfOf = (html: string): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m?.[1]);
  return m[1];
};

describe('OAuth end to end against server processes', () => {
  const dataDir = makeDataDir();
  let database: { url: string; drop(): Promise<void> } | undefined;
  let env: Record<string, string>;
  let first: string;
  let second: string;

  before(async () => {
    env = { DATA_DIR: dataDir };
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase(process.env.DATABASE_URL);
      env.DATABASE_URL = database.url;
      // One after the other: this test is about revocation across processes, not about a startup race.
      first = await spawnHireloop(['serve', '--role', 'web'], { env }).waitForUrl(STARTUP_MS);
      second = await spawnHireloop(['serve', '--role', 'web'], { env }).waitForUrl(STARTUP_MS);
    } else {
      first = second = await spawnHireloop(['serve'], { env }).waitForUrl(STARTUP_MS);
    }
    await runCli(['seed', '--demo'], env);
  });
  after(async () => {
    await killAll();
    await database?.drop();
    removeDataDir(dataDir);
  });

  it('registers an app, consents as the Super Admin, and uses, refreshes and revokes its tokens', async () => {
    const registered = JSON.parse(
      await runCli(
        ['--json', 'oauth-client', 'create', '--name', 'E2E App', '--redirect-uri', REDIRECT_URI],
        env,
      ),
    ) as { clientId: string; clientSecret: string };
    assert.match(registered.clientSecret, /^hls_/);

    const as: oauth.AuthorizationServer = {
      issuer: first,
      authorization_endpoint: `${first}/oauth/authorize`,
      token_endpoint: `${first}/oauth/token`,
      revocation_endpoint: `${first}/oauth/revoke`,
    };
    const client: oauth.Client = { client_id: registered.clientId };
    const auth = oauth.ClientSecretPost(registered.clientSecret);
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorize = new URL(as.authorization_endpoint!);
    authorize.search = new URLSearchParams({
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

    // Signed out: the authorize URL sends the person to sign in, then back.
    const person = new Person();
    const toSignIn = await person.request(authorize.toString());
    assert.equal(toSignIn.status, 303);
    const signInUrl = new URL(toSignIn.headers.get('location')!, first);
    const signInPage = await person.request(signInUrl.toString());
    const signedIn = await person.request(`${first}/ats/sign-in`, {
      method: 'POST',
      form: {
        ...SUPER_ADMIN,
        returnTo: signInUrl.searchParams.get('returnTo')!,
        _csrf: csrfOf(await signInPage.text()),
      },
    });
    assert.equal(signedIn.status, 303);
    const consentPage = await person.request(new URL(signedIn.headers.get('location')!, first).toString());
    assert.equal(consentPage.status, 200);
    const consentHtml = await consentPage.text();
    assert.match(consentHtml, /Authorize E2E App/);
    assert.match(consentHtml, /View all opportunities/);
    const accepted = await person.request(`${first}/oauth/authorize`, {
      method: 'POST',
      form: { ...Object.fromEntries(authorize.searchParams), _csrf: csrfOf(consentHtml), decision: 'accept' },
    });
    assert.equal(accepted.status, 303);
    const callback = new URL(accepted.headers.get('location')!);
    assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);

    const params = oauth.validateAuthResponse(as, client, callback, state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, auth, params, REDIRECT_URI, verifier, insecure),
    );
    assert.equal(tokens.expires_in, 3600);
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token!, insecure),
    );

    const api = (base: string) =>
      fetch(`${base}/v1/opportunities?limit=1`, {
        headers: { authorization: `Bearer ${refreshed.access_token}` },
      });
    const listed = await api(second);
    assert.equal(listed.status, 200);
    assert.equal(((await listed.json()) as { data: unknown[] }).data.length, 1);

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, auth, refreshed.refresh_token!, insecure),
    );
    const revokedAt = Date.now();
    let status = 0;
    while (Date.now() - revokedAt < 1000) {
      status = (await api(second)).status;
      if (status === 401) break;
    }
    assert.equal(status, 401, 'the other process rejects the revoked token within 1 s');
  });
});
