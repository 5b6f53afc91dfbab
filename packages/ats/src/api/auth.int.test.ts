import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Http } from '@hireloop/platform';
import {
  basicAuth,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../test-support.ts';
import { createApiKey } from '../domain/api-keys/api-key.service.ts';
import { revokeApiKey } from '../domain/api-keys/api-key.repository.ts';
import { installApiAuth } from './auth.ts';

describe('/v1 authentication', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  before(async () => {
    t = await createAtsTestApp({
      apiRatePerSecond: 10,
      apiRateBurst: 20,
      // A probe inside the /v1 scope (auth hook) with a known permission.
      routes: (app: Http, ctx) =>
        void app.register(
          async (v1) => {
            installApiAuth(v1 as unknown as Http, {
              db: ctx.db,
              rateLimiter: ctx.rateLimiter,
              bearerResolvers: [],
            });
            v1.get('/_probe', { config: { permission: 'stages:list' } }, async () => ({ data: [] }));
          },
          { prefix: '/v1' },
        ),
    });
    tenant = await createTestTenant(t.db);
  });
  after(() => t.close());

  it('rejects a request without credentials, with Basic auth challenge', async () => {
    const res = await t.app.inject('/v1/_probe');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'UnauthorizedError');
    assert.match(String(res.headers['www-authenticate']), /^Basic/);
  });

  it('rejects an unknown key, a revoked key and an unknown scheme', async () => {
    assert.equal(
      (await t.app.inject({ url: '/v1/_probe', headers: { authorization: basicAuth('nope') } })).statusCode,
      401,
    );
    const { key, secret } = await createApiKey(t.db, {
      accountId: tenant.account.id,
      name: 'soon revoked',
      permissions: ['stages:list'],
    });
    await revokeApiKey(t.db, tenant.account.id, key.id);
    assert.equal(
      (await t.app.inject({ url: '/v1/_probe', headers: { authorization: basicAuth(secret) } })).statusCode,
      401,
    );
    assert.equal(
      (await t.app.inject({ url: '/v1/_probe', headers: { authorization: 'Digest abc' } })).statusCode,
      401,
    );
  });

  it('accepts the key as username with any password', async () => {
    const { secret } = await createApiKey(t.db, {
      accountId: tenant.account.id,
      name: 'pw',
      permissions: ['stages:list'],
    });
    const res = await t.app.inject({
      url: '/v1/_probe',
      headers: { authorization: `Basic ${Buffer.from(`${secret}:ignored`).toString('base64')}` },
    });
    assert.equal(res.statusCode, 200);
  });

  it('answers 403 naming the missing permission', async () => {
    const auth = await tenant.key(['postings:list']);
    const res = await t.app.inject({ url: '/v1/_probe', headers: { authorization: auth } });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json(), {
      code: 'MissingPermissionError',
      message: 'This API key lacks the permission stages:list',
      permission: 'stages:list',
    });
  });

  it('limits each key to a burst of 20 then answers 429 with Retry-After', async () => {
    const auth = await tenant.key(['stages:list']);
    // At once: one after another, a loaded machine spends long enough for the 10/s refill to add tokens.
    const responses = await Promise.all(
      Array.from({ length: 25 }, () => t.app.inject({ url: '/v1/_probe', headers: { authorization: auth } })),
    );
    const ok = responses.filter((r) => r.statusCode === 200).length;
    assert.ok(ok >= 20 && ok <= 22, `${ok} of 25 answered 200`);
    const limited = responses.find((r) => r.statusCode === 429);
    assert.ok(limited, 'some requests over the burst are refused');
    assert.equal(limited.json().code, 'TooManyRequestsError');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    // Another key has its own budget.
    assert.equal(
      (await t.app.inject({ url: '/v1/_probe', headers: { authorization: tenant.auth } })).statusCode,
      200,
    );
  });

  it('tells a credential what it may do (GET /v1/credential, extension)', async () => {
    const auth = await tenant.key(['stages:list', 'postings:read'], true);
    const res = await t.app.inject({ url: '/v1/credential', headers: { authorization: auth } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      data: {
        kind: 'api_key',
        accountId: tenant.account.id,
        confidentialAccess: true,
        permissions: ['postings:read', 'stages:list'],
        scopes: [],
      },
    });
  });
});
