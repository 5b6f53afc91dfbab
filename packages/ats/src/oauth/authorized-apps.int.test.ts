// Authorized Apps JSON API (/ats/api/authorized-apps): signed-out 401, non-Super Admin 403 saying why,
// another tenant sees nothing; the list shows app, scopes in words, granted by, when, last used; DELETE
// needs the CSRF header, answers 204 and every token of the grant is rejected at once; then 404.
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

describe('Authorized Apps API', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let admin: Browser;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      await setPassword(t.db, tenant.superAdmin);
      await setPassword(t.db, tenant.limitedMember);
      admin = new Browser(t.app);
      await admin.signIn(tenant.superAdmin.email);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  const list = (cookie: string) => t.app.inject({ url: '/ats/api/authorized-apps', headers: { cookie } });
  const v1 = (token: string) =>
    t.app.inject({ url: '/v1/opportunities', headers: { authorization: `Bearer ${token}` } });

  it('rejects the signed-out, non-Super Admins and other tenants', async () => {
    assert.equal((await t.app.inject({ url: '/ats/api/authorized-apps' })).statusCode, 401);
    const member = new Browser(t.app);
    await member.signIn(tenant.limitedMember.email);
    const refused = await list(member.cookie);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'ForbiddenError');
    assert.match(refused.json().message, /Only Super Admins/);
    const other = await createTestTenant(t.db);
    await setPassword(t.db, other.superAdmin);
    const stranger = new Browser(t.app);
    await stranger.signIn(other.superAdmin.email);
    const client = await registerClient(t.db, { name: 'Seen By One' });
    await authorizeAndGetCode(admin, { clientId: client.clientId });
    assert.deepEqual((await list(stranger.cookie)).json(), { data: [] });
    const mine = (await list(admin.cookie)).json().data as { id: string }[];
    const { csrfToken } = (
      await t.app.inject({ url: '/ats/api/csrf', headers: { cookie: stranger.cookie } })
    ).json();
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/ats/api/authorized-apps/${mine[0]?.id}`,
      headers: { cookie: stranger.cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(res.statusCode, 404);
  });

  it('lists the app with scopes, granted by, when and last used; revoke needs CSRF and kills its tokens', async () => {
    const client = await registerClient(t.db, { name: 'Revoke Me' });
    const { code, verifier } = await authorizeAndGetCode(admin, {
      clientId: client.clientId,
      scope: 'opportunities:read:admin',
    });
    const tokens = (
      await tokenRequest(t.app, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier!,
        client_id: client.clientId,
        client_secret: client.clientSecret!,
      })
    ).json();
    assert.equal((await v1(tokens.access_token)).statusCode, 200);

    const res = await list(admin.cookie);
    assert.equal(res.statusCode, 200);
    const app = res.json().data.find((a: { name: string }) => a.name === 'Revoke Me');
    assert.deepEqual(Object.keys(app).sort(), [
      'clientId',
      'grantedAt',
      'grantedBy',
      'id',
      'lastUsedAt',
      'name',
      'scopes',
      'updatedAt',
    ]);
    assert.deepEqual(app.scopes, [
      { scope: 'opportunities:read:admin', description: 'View all opportunities' },
    ]);
    assert.deepEqual(app.grantedBy, {
      id: tenant.superAdmin.id,
      name: tenant.superAdmin.name,
      email: tenant.superAdmin.email,
    });
    assert.equal(app.clientId, client.clientId);
    assert.equal(typeof app.grantedAt, 'number');
    assert.equal(typeof app.lastUsedAt, 'number', 'the API call above is recorded');

    const url = `/ats/api/authorized-apps/${app.id}`;
    assert.equal(
      (await t.app.inject({ method: 'DELETE', url, headers: { cookie: admin.cookie } })).statusCode,
      403,
    );
    const { csrfToken } = (
      await t.app.inject({ url: '/ats/api/csrf', headers: { cookie: admin.cookie } })
    ).json();
    const revoked = await t.app.inject({
      method: 'DELETE',
      url,
      headers: { cookie: admin.cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(revoked.statusCode, 204);
    assert.equal(revoked.body, '');
    assert.equal((await v1(tokens.access_token)).statusCode, 401);
    assert.equal(
      (await list(admin.cookie)).json().data.some((a: { id: string }) => a.id === app.id),
      false,
    );
    assert.equal(
      (
        await t.app.inject({
          method: 'DELETE',
          url,
          headers: { cookie: admin.cookie, 'x-csrf-token': csrfToken },
        })
      ).statusCode,
      404,
    );
    const bad = await t.app.inject({
      method: 'DELETE',
      url: '/ats/api/authorized-apps/not-a-uuid',
      headers: { cookie: admin.cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(bad.statusCode, 400);

    // Consent again after a revoke: a new grant, asked again.
    const again = await authorizeAndGetCode(admin, {
      clientId: client.clientId,
      scope: 'opportunities:read:admin',
    });
    assert.ok(again.code);
  });
});
