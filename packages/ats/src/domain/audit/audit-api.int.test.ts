// The audit log of what the API, OAuth and the delivery engine change: each action is recorded with the
// right actor (API key, OAuth app, user, system) and target, no row carries a secret (API key secrets,
// webhook signature tokens, OAuth tokens and client secrets are searched for in every row), and a change
// that rolls back leaves no row.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit, type AuditEventRow } from '@hireloop/platform/audit/audit';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../../test-support.ts';
import { findApiKeyBySecret } from '../api-keys/api-key.service.ts';
import { setWebhookDeps } from '../webhooks/webhook-deps.ts';
import { emitStageChange, stageChangeFixture } from '../webhooks/webhook-test-support.ts';
import { fanOutAndDeliver } from '../webhooks/delivery-engine.ts';
import {
  Browser,
  REDIRECT_URI,
  authorizeAndGetCode,
  authorizeQuery,
  csrfFrom,
  registerClient,
  setPassword,
  tokenRequest,
} from '../../oauth/oauth-test-support.ts';
import { auditAts, systemActor } from './ats-audit.ts';

const HOOK = 'http://127.0.0.1:9/hooks/secret-path?key=receiver-own-secret';

describe(`audit log: API, OAuth, delivery engine (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let keyId: string;
  const secrets: string[] = [];

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db, 'audit-api');
      await setPassword(t.db, tenant.superAdmin);
      const secret = Buffer.from(tenant.auth.slice(6), 'base64').toString().replace(/:$/, '');
      secrets.push(secret);
      keyId = (await findApiKeyBySecret(t.db, secret))!.id;
      setWebhookDeps(t.runtime, { allowLoopback: true });
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  const events = async (action?: string): Promise<AuditEventRow[]> =>
    (await listAudit(t.db, { product: 'ats', tenantId: tenant.account.id, limit: 500, action })).events;
  const only = async (action: string) => {
    const rows = await events(action);
    assert.equal(rows.length, 1, `one ${action}: ${JSON.stringify(rows)}`);
    return rows[0]!;
  };
  const api = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, auth = tenant.auth) =>
    t.app.inject({ method, url, payload, headers: { authorization: auth } });

  it('records /v1 webhook changes by the API key, without the URL path or the signature token', async () => {
    const made = await api('POST', '/v1/webhooks', { url: HOOK, event: 'candidateHired' });
    assert.equal(made.statusCode, 201, made.body);
    const hook = made.json().data;
    secrets.push(hook.configuration.signatureToken);
    await api('PUT', `/v1/webhooks/${hook.id}`, { url: HOOK, event: 'candidateHired' });
    const rotated = await api('POST', `/v1/webhooks/${hook.id}/rotate_token`, { overlapSeconds: 0 });
    secrets.push(rotated.json().data.configuration.signatureToken);
    assert.equal((await api('DELETE', `/v1/webhooks/${hook.id}`)).statusCode, 204);

    const created = await only('webhook.created');
    assert.deepEqual(
      [created.actor_type, created.actor_id, created.target_type, created.target_id],
      ['api_key', keyId, 'webhook', hook.id],
    );
    assert.deepEqual(created.details, {
      event: 'candidateHired',
      receiver: 'http://127.0.0.1:9',
      origins: created.details.origins as string[],
      via: 'api',
    });
    assert.ok(created.ip && created.request_id);
    for (const action of ['webhook.updated', 'webhook.token_rotated', 'webhook.deleted'])
      assert.equal((await only(action)).target_id, hook.id);
    assert.deepEqual((await only('webhook.token_rotated')).details, { overlapSeconds: 0 });
  });

  it('records /v1 user changes: created, role changed, updated by field name, deactivated, reactivated', async () => {
    const made = await api('POST', '/v1/users', {
      name: 'Pat',
      email: 'pat@audit.test',
      accessRole: 'team member',
    });
    const id = made.json().data.id;
    await api('PUT', `/v1/users/${id}`, { name: 'Pat P', email: 'pat@audit.test', accessRole: 'admin' });
    await api('POST', `/v1/users/${id}/deactivate`);
    await api('POST', `/v1/users/${id}/deactivate`); // already deactivated: nothing new to record
    await api('POST', `/v1/users/${id}/reactivate`);
    assert.deepEqual((await only('user.created')).details, { role: 'team member' });
    assert.deepEqual((await only('user.role_changed')).details, { from: 'team member', to: 'admin' });
    assert.deepEqual((await only('user.updated')).details, { fields: ['name'] });
    assert.equal((await only('user.deactivated')).target_id, id);
    assert.equal((await only('user.reactivated')).actor_id, keyId);
  });

  it('records OAuth consent accepted and denied, calls by the app, revocation and refresh-token reuse', async () => {
    const client = await registerClient(t.db, { name: 'Audit Sync' });
    secrets.push(client.clientSecret!);
    const browser = new Browser(t.app);
    await browser.signIn(tenant.superAdmin.email);
    const consent = await browser.get(
      `/oauth/authorize?${new URLSearchParams(authorizeQuery({ clientId: client.clientId }))}`,
    );
    await browser.post('/oauth/authorize', {
      ...authorizeQuery({ clientId: client.clientId }),
      _csrf: csrfFrom(consent.body),
      decision: 'deny',
    });
    const denied = await only('oauth_grant.denied');
    assert.deepEqual(
      [denied.actor_type, denied.actor_id, denied.target_type, denied.target_id, denied.details.app],
      ['user', tenant.superAdmin.id, 'oauth_client', client.row.id, 'Audit Sync'],
    );

    const { code, verifier } = await authorizeAndGetCode(browser, { clientId: client.clientId });
    const accepted = await only('oauth_grant.accepted');
    assert.deepEqual(accepted.details, {
      app: 'Audit Sync',
      clientId: client.clientId,
      scopes: ['offline_access', 'opportunities:read:admin'],
      silent: false,
    });
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
    secrets.push(code, first.access_token, first.refresh_token);
    const second = (
      await tokenRequest(t.app, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...auth })
    ).json();
    secrets.push(second.access_token, second.refresh_token);
    const reuse = await tokenRequest(t.app, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      ...auth,
    });
    assert.equal(reuse.json().error, 'invalid_grant');
    const reused = await only('oauth_grant.refresh_token_reused');
    assert.deepEqual(
      [reused.actor_type, reused.actor_id, reused.target_type, reused.target_id],
      ['system', null, 'oauth_grant', accepted.target_id],
    );

    // A new grant; its app acts through /v1 and the Super Admin revokes it.
    const again = await authorizeAndGetCode(browser, {
      clientId: client.clientId,
      scope: 'webhooks:write:admin',
    });
    const token = (
      await tokenRequest(t.app, {
        grant_type: 'authorization_code',
        code: again.code,
        redirect_uri: REDIRECT_URI,
        code_verifier: again.verifier!,
        ...auth,
      })
    ).json().access_token;
    secrets.push(again.code, token);
    const byApp = await api(
      'POST',
      '/v1/webhooks',
      { url: HOOK, event: 'candidateDeleted' },
      `Bearer ${token}`,
    );
    assert.equal(byApp.statusCode, 201, byApp.body);
    secrets.push(byApp.json().data.configuration.signatureToken);
    const appMade = (await events('webhook.created')).find((e) => e.target_id === byApp.json().data.id)!;
    assert.deepEqual([appMade.actor_type, appMade.actor_id], ['oauth_app', client.row.id]);

    const grantId = (await events('oauth_grant.accepted'))[0]!.target_id!;
    const csrfToken = (await browser.get('/ats/api/csrf')).json().csrfToken as string;
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/ats/api/authorized-apps/${grantId}`,
      headers: { cookie: browser.cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(revoked.statusCode, 204, revoked.body);
    const rev = await only('oauth_grant.revoked');
    assert.deepEqual([rev.actor_type, rev.actor_id, rev.target_id], ['user', tenant.superAdmin.id, grantId]);
  });

  it('records the delivery engine disabling a webhook (410) as the system', async () => {
    const { env, receiver, webhook: w } = await stageChangeFixture(t, tenant);
    try {
      secrets.push(w.signature_token);
      receiver.answer = { status: 410 };
      await fanOutAndDeliver(env, [await emitStageChange(t, tenant.account.id)]);
      const disabled = await only('webhook.disabled');
      assert.deepEqual(
        [disabled.actor_type, disabled.target_id, disabled.details],
        ['system', w.id, { event: 'candidateStageChange', reason: 'the receiver answered 410 Gone' }],
      );
    } finally {
      setWebhookDeps(t.runtime, { allowLoopback: true });
      await receiver.close();
    }
  });

  it('leaves no row when the change rolls back, or when a change is refused', async () => {
    const before = (await events()).length;
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await auditAts(trx, systemActor(tenant.account.id), 'api_key.revoked', ['api_key', keyId]);
        throw new Error('the revocation failed');
      }),
    );
    setWebhookDeps(t.runtime, { allowLoopback: false });
    const refused = await api('POST', '/v1/webhooks', {
      url: 'http://127.0.0.1:9/x',
      event: 'candidateHired',
    });
    setWebhookDeps(t.runtime, { allowLoopback: true });
    assert.equal(refused.statusCode, 400);
    assert.equal((await events()).length, before);
  });

  it('never stores a secret, token, URL path or typed password in any audit row', async () => {
    const rows = await t.db
      .selectFrom('platform.audit_event' as never)
      .selectAll()
      .execute();
    const text = JSON.stringify(rows);
    assert.ok(secrets.length >= 10);
    for (const s of secrets) assert.ok(!text.includes(s), `audit rows contain a secret (${s.slice(0, 6)}…)`);
    assert.ok(!text.includes('secret-path') && !text.includes('receiver-own-secret'));
  });
});
