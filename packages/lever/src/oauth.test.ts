import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendJson, startTestServer, type TestServer } from './client/test-server.ts';
import { LEVER_ENVIRONMENTS } from './hosts.ts';
import {
  buildAuthorizeUrl,
  createPkcePair,
  exchangeCode,
  needsRefresh,
  OAuthError,
  pkceChallenge,
  refreshTokens,
} from './oauth.ts';

void describe('authorize URL and PKCE', () => {
  void it('matches the RFC 7636 appendix B vector', () => {
    assert.equal(
      pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    const pair = createPkcePair();
    assert.match(pair.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(pair.challenge, pkceChallenge(pair.verifier));
  });

  void it('carries every Lever parameter', () => {
    const env = LEVER_ENVIRONMENTS.sandbox;
    const url = new URL(
      buildAuthorizeUrl({
        authorizeUrl: env.authorizeUrl,
        clientId: 'cid',
        redirectUri: 'https://app.example.com/cb',
        state: 'st',
        scopes: ['offline_access', 'postings:read:admin'],
        audience: env.audience,
        prompt: 'consent',
        codeChallenge: 'chal',
      }),
    );
    assert.equal(url.origin + url.pathname, 'https://sandbox-lever.auth0.com/authorize');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      client_id: 'cid',
      redirect_uri: 'https://app.example.com/cb',
      response_type: 'code',
      state: 'st',
      scope: 'offline_access postings:read:admin',
      audience: 'https://api.sandbox.lever.co/v1/',
      prompt: 'consent',
      code_challenge: 'chal',
      code_challenge_method: 'S256',
    });
  });
});

let server: TestServer;
before(async () => {
  // A token endpoint that checks the form like an authorization server would.
  server = await startTestServer((req, res) => {
    const form = new URLSearchParams(req.body.toString());
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return sendJson(res, 415, {});
    if (form.get('client_id') !== 'cid' || form.get('client_secret') !== 'secret')
      return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unknown client' });
    if (form.get('grant_type') === 'authorization_code') {
      const ok =
        form.get('code') === 'good' &&
        form.get('redirect_uri') === 'https://app/cb' &&
        pkceChallenge(form.get('code_verifier') ?? '') === CHALLENGE;
      if (!ok)
        return sendJson(res, 403, {
          error: 'invalid_grant',
          error_description: 'Invalid authorization code',
        });
      return sendJson(res, 200, {
        access_token: 'at1',
        refresh_token: 'rt1',
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'offline_access postings:read:admin',
      });
    }
    if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'rt1') {
      return sendJson(res, 200, {
        access_token: 'at2',
        refresh_token: 'rt2',
        token_type: 'Bearer',
        expires_in: 3600,
      });
    }
    if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'no-rotation') {
      return sendJson(res, 200, { access_token: 'at3', token_type: 'Bearer' });
    }
    return sendJson(res, 400, {
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    });
  });
});
after(() => server.close());
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const base = () => ({
  tokenUrl: `${server.url}/oauth/token`,
  clientId: 'cid',
  clientSecret: 'secret',
  now: 1_000,
});

void describe('token endpoint', () => {
  void it('exchanges a code with the PKCE verifier', async () => {
    const tokens = await exchangeCode({
      ...base(),
      code: 'good',
      redirectUri: 'https://app/cb',
      codeVerifier: VERIFIER,
    });
    assert.deepEqual(tokens, {
      accessToken: 'at1',
      tokenType: 'Bearer',
      refreshToken: 'rt1',
      expiresAt: 1_000 + 3_600_000,
      scopes: ['offline_access', 'postings:read:admin'],
    });
  });

  void it('maps errors to OAuthError', async () => {
    await assert.rejects(
      exchangeCode({ ...base(), code: 'good', redirectUri: 'https://app/cb', codeVerifier: 'wrong' }),
      (e: unknown) => {
        assert.ok(e instanceof OAuthError);
        assert.deepEqual(
          [e.status, e.error, e.message],
          [403, 'invalid_grant', 'Invalid authorization code'],
        );
        return true;
      },
    );
    await assert.rejects(
      exchangeCode({ ...base(), clientSecret: 'nope', code: 'good', redirectUri: 'https://app/cb' }),
      { error: 'invalid_client' },
    );
  });

  void it('refreshes with rotation and keeps the old refresh token when none is returned', async () => {
    const rotated = await refreshTokens({ ...base(), refreshToken: 'rt1' });
    assert.deepEqual([rotated.accessToken, rotated.refreshToken], ['at2', 'rt2']);
    const kept = await refreshTokens({ ...base(), refreshToken: 'no-rotation' });
    assert.deepEqual(
      [kept.accessToken, kept.refreshToken, kept.expiresAt],
      ['at3', 'no-rotation', undefined],
    );
    await assert.rejects(refreshTokens({ ...base(), refreshToken: 'revoked' }), {
      status: 400,
      error: 'invalid_grant',
    });
  });

  void it('says when to refresh proactively', () => {
    assert.equal(needsRefresh({ expiresAt: 200_000 }, 0), false);
    assert.equal(needsRefresh({ expiresAt: 200_000 }, 80_001), true);
    assert.equal(needsRefresh({}, 0), false);
  });
});
