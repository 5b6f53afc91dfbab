// Settings › Integrations and API over HTTP (app.inject, real PGlite/PostgreSQL): who may open it (and a 403
// page that says why), API keys shown once, refused input that changes nothing, webhook rows on/off with
// the SSRF guard, token reveal and rotation, API-made webhooks read-only, delivery log re-send, and
// Authorized Apps revoke.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RECRUITMENT_MARKETING_PRESET } from '@hireloop/lever/permissions';
import {
  createAtsTestApp,
  createTestTenant,
  countRows,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';
import { Browser, csrfFrom, registerClient, setPassword } from '../../oauth/oauth-test-support.ts';
import { insertUser, type UserRow } from '../../domain/users/user.repository.ts';
import { findApiKeyBySecret } from '../../domain/api-keys/api-key.service.ts';
import { createWebhook } from '../../domain/webhooks/webhook.service.ts';
import { setWebhookDeps, webhookDeps } from '../../domain/webhooks/webhook-deps.ts';
import { upsertGrant } from '../../oauth/oauth-grant.repository.ts';
import { TURNED_OFF_REASON } from './webhook-settings.service.ts';

const BASE = '/ats/settings/integrations';
const HOOK_URL = 'http://127.0.0.1:9/hooks';

describe('Settings › Integrations and API pages', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let admin: UserRow;
  let sam: Browser;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db, 'integrations');
      admin = await insertUser(t.db, {
        accountId: tenant.account.id,
        name: 'Ada Admin',
        email: 'ada@integrations.test',
        accessRole: 'admin',
      });
      for (const u of [tenant.superAdmin, tenant.limitedMember, admin]) await setPassword(t.db, u);
      sam = new Browser(t.app);
      await sam.signIn(tenant.superAdmin.email);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  const csrf = async (b: Browser = sam, path = `${BASE}/api-keys`) => csrfFrom((await b.get(path)).body);
  const accountRows = async (table: 'ats.api_key' | 'ats.webhook') =>
    (await t.db.selectFrom(table).selectAll().where('account_id', '=', tenant.account.id).execute()).length;

  it('sends nobody to sign-in; tells a Limited Team Member and an Admin without the permission why not', async () => {
    const anonymous = await new Browser(t.app).get(`${BASE}/webhooks`);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(
      anonymous.headers.location,
      `/ats/sign-in?returnTo=${encodeURIComponent(`${BASE}/webhooks`)}`,
    );

    const limited = new Browser(t.app);
    await limited.signIn(tenant.limitedMember.email);
    const refused = await limited.get(`${BASE}/api-keys`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /open to Super Admins, and to Admins who have been given/);
    assert.match(refused.body, /limited team member/);

    const ada = new Browser(t.app);
    await ada.signIn(admin.email);
    const adminRefused = await ada.get(`${BASE}/apps`);
    assert.equal(adminRefused.statusCode, 403);
    assert.match(adminRefused.body, /without that permission\. Ask a Super Admin/);
    assert.doesNotMatch((await ada.get('/ats/settings/company')).body, /Integrations &amp; API/);

    // A Super Admin gives Ada the permission on the API Credentials tab; then she is in (and sees the tab).
    const given = await sam.post(`${BASE}/api-keys/managers`, { userIds: admin.id, _csrf: await csrf() });
    assert.equal(given.statusCode, 303);
    const page = await ada.get(`${BASE}/apps`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Integrations &amp; API/);
    // … but she cannot grant it to others: that stays with Super Admins.
    const grant = await ada.post(`${BASE}/api-keys/managers`, { _csrf: await csrf(ada) });
    assert.equal(grant.statusCode, 403);
    const flag = await t.db
      .selectFrom('ats.user')
      .select('can_manage_integrations')
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    assert.equal(flag.can_manage_integrations, true);
  });

  it('refuses a key without CSRF, without a name or without permissions, and keeps what was typed', async () => {
    const before = await countRows(t.db, 'ats.api_key');
    assert.equal(
      (await sam.post(`${BASE}/api-keys`, { name: 'x', permissions: 'postings:list' })).statusCode,
      403,
    );
    const noName = await sam.post(`${BASE}/api-keys`, { permissions: 'postings:list', _csrf: await csrf() });
    assert.equal(noName.statusCode, 400);
    assert.match(noName.body, /Give the key a name/);
    const noPerms = await sam.post(`${BASE}/api-keys`, { name: 'Careers sync', _csrf: await csrf() });
    assert.equal(noPerms.statusCode, 400);
    assert.match(noPerms.body, /Choose at least one permission/);
    assert.match(noPerms.body, /value="Careers sync"/);
    const bogus = await sam.post(`${BASE}/api-keys`, {
      name: 'x',
      permissions: 'postings:hack',
      _csrf: await csrf(),
    });
    assert.equal(bogus.statusCode, 400);
    assert.equal(await countRows(t.db, 'ats.api_key'), before);
  });

  it('fills the Recruitment marketing preset, generates the key and shows it exactly once', async () => {
    const filled = await sam.post(`${BASE}/api-keys`, {
      name: 'PageUp',
      preset: 'recruitment-marketing',
      _csrf: await csrf(),
    });
    assert.equal(filled.statusCode, 200);
    const checked = [...filled.body.matchAll(/name="permissions" value="([^"]+)" checked/g)].map((m) => m[1]);
    assert.deepEqual(checked.sort(), [...RECRUITMENT_MARKETING_PRESET.permissions].sort());
    assert.match(filled.body, /name="confidential" value="on" checked/);
    assert.match(filled.body, /value="PageUp"/);

    const form = new URLSearchParams({ name: 'PageUp', confidential: 'on', _csrf: csrfFrom(filled.body) });
    for (const p of RECRUITMENT_MARKETING_PRESET.permissions) form.append('permissions', p);
    const created = await t.app.inject({
      method: 'POST',
      url: `${BASE}/api-keys`,
      headers: {
        cookie: sam.cookie,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form.toString(),
    });
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, `${BASE}/api-keys`);
    const once = await sam.get(`${BASE}/api-keys`);
    const secret = /id="new-api-key"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="new-api-key"/.exec(
      once.body,
    );
    const value = secret?.[1] ?? secret?.[2];
    assert.ok(value, 'the new key is on the page');
    assert.match(once.body, /This is the only time the key is shown/);
    const key = await findApiKeyBySecret(t.db, value);
    assert.ok(key);
    assert.equal(key.name, 'PageUp');
    assert.equal(key.confidential_access, true);
    assert.equal(key.created_by, tenant.superAdmin.id);
    assert.deepEqual([...key.permissions].sort(), [...RECRUITMENT_MARKETING_PRESET.permissions].sort());
    assert.match(once.body, /19 permissions, read only/);
    assert.match(once.body, /Sam Super/);

    const again = await sam.get(`${BASE}/api-keys`);
    assert.ok(!again.body.includes(value), 'never shown twice');
    assert.ok(again.body.includes(`${key.prefix}…`));

    const confirm = await sam.get(`${BASE}/api-keys/${key.id}/revoke`);
    assert.match(confirm.body, /Revoke the API key “PageUp”\?/);
    const revoked = await sam.post(`${BASE}/api-keys/${key.id}/revoke`, { _csrf: csrfFrom(confirm.body) });
    assert.equal(revoked.statusCode, 303);
    assert.equal(await findApiKeyBySecret(t.db, value), undefined);
    const other = await sam.post(`${BASE}/api-keys/00000000-0000-4000-8000-000000000000/revoke`, {
      _csrf: await csrf(),
    });
    assert.equal(other.statusCode, 404);
  });

  it('blocks a private webhook URL without the development flag and changes nothing', async () => {
    setWebhookDeps(t.runtime, { allowLoopback: false });
    const before = await accountRows('ats.webhook');
    const res = await sam.post(`${BASE}/webhooks/events/candidateHired`, {
      enabled: 'on',
      url: HOOK_URL,
      origins: 'applied',
      _csrf: await csrf(),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /is not allowed/);
    assert.match(res.body, new RegExp(`value="${HOOK_URL}"`));
    const noOrigin = await sam.post(`${BASE}/webhooks/events/candidateHired`, {
      enabled: 'on',
      url: HOOK_URL,
      _csrf: await csrf(),
    });
    assert.equal(noOrigin.statusCode, 400);
    assert.match(noOrigin.body, /Choose at least one origin/);
    const noUrl = await sam.post(`${BASE}/webhooks/events/candidateHired`, {
      enabled: 'on',
      _csrf: await csrf(),
    });
    assert.equal(noUrl.statusCode, 400);
    assert.match(noUrl.body, /Enter the URL/);
    assert.equal(await accountRows('ats.webhook'), before);
  });

  it('turns an event on and off, reveals and rotates its token; API-made webhooks stay read-only', async () => {
    setWebhookDeps(t.runtime, { allowLoopback: true });
    const on = await sam.post(`${BASE}/webhooks/events/candidateStageChange`, {
      enabled: 'on',
      url: HOOK_URL,
      origins: 'applied',
      _csrf: await csrf(),
    });
    assert.equal(on.statusCode, 303);
    const row = await t.db
      .selectFrom('ats.webhook')
      .selectAll()
      .where('account_id', '=', tenant.account.id)
      .where('event', '=', 'candidateStageChange')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.created_via, row.url, row.origins, row.disabled_at],
      ['settings', HOOK_URL, ['applied'], null],
    );

    const off = await sam.post(`${BASE}/webhooks/events/candidateStageChange`, {
      url: HOOK_URL,
      origins: 'applied',
      _csrf: await csrf(),
    });
    assert.equal(off.statusCode, 303);
    const offRow = await t.db
      .selectFrom('ats.webhook')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(offRow.disabled_reason, TURNED_OFF_REASON);

    const page = await sam.get(`${BASE}/webhooks`);
    assert.ok(!page.body.includes(row.signature_token), 'token hidden until revealed');
    const partial = await t.app.inject({
      method: 'GET',
      url: `${BASE}/webhooks/${row.id}/token`,
      headers: { cookie: sam.cookie, 'hx-request': 'true' },
    });
    assert.equal(partial.statusCode, 200);
    assert.ok(partial.body.includes(row.signature_token));
    assert.doesNotMatch(partial.body, /<html/);

    const rotated = await sam.post(`${BASE}/webhooks/${row.id}/rotate`, {
      overlap: '0',
      _csrf: await csrf(),
    });
    assert.equal(rotated.statusCode, 303);
    const after = await t.db
      .selectFrom('ats.webhook')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(after.signature_token, row.signature_token);
    assert.equal(after.previous_signature_token, null);
    const overlapped = await sam.post(`${BASE}/webhooks/${row.id}/rotate`, {
      overlap: '86400',
      _csrf: await csrf(),
    });
    assert.equal(overlapped.statusCode, 303);
    const later = await t.db
      .selectFrom('ats.webhook')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(later.previous_signature_token, after.signature_token);
    const revealed = await sam.get(String(overlapped.headers.location).replace(/#.*/, ''));
    assert.ok(revealed.body.includes(later.signature_token), 'shown after a rotation');

    const viaApi = await createWebhook(
      t.db,
      webhookDeps(t.runtime),
      tenant.account.id,
      { url: HOOK_URL, event: 'candidateDeleted' },
      'api',
    );
    const listed = await sam.get(`${BASE}/webhooks`);
    assert.match(listed.body, /Webhooks created through the API/);
    assert.match(listed.body, /<code>candidateDeleted<\/code>/);
    const refused = await sam.post(`${BASE}/webhooks/${viaApi.id}/rotate`, {
      overlap: '0',
      _csrf: await csrf(),
    });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /created through the API/);
  });

  it('lists deliveries with their attempts and re-sends one with its original id', async () => {
    const hook = await t.db
      .selectFrom('ats.webhook')
      .selectAll()
      .where('account_id', '=', tenant.account.id)
      .where('event', '=', 'candidateStageChange')
      .executeTakeFirstOrThrow();
    await sam.post(`${BASE}/webhooks/${hook.id}/enable`, { _csrf: await csrf() });
    const delivery = await t.db
      .insertInto('ats.webhook_delivery')
      .values({
        account_id: tenant.account.id,
        webhook_id: hook.id,
        event: 'candidateStageChange',
        data: JSON.stringify({ opportunityId: 'x' }),
        token: 'tok',
        triggered_at: new Date(),
        status: 'exhausted',
        attempts: 1,
        completed_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('ats.webhook_attempt')
      .values({
        delivery_id: delivery.id,
        attempt: 1,
        attempted_at: new Date(),
        latency_ms: 42,
        status_code: 500,
        outcome: 'http_error',
        response_excerpt: 'receiver exploded',
      })
      .execute();
    const list = await sam.get(`${BASE}/webhooks/deliveries?webhook=${hook.id}&status=exhausted`);
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(delivery.id));
    assert.match(list.body, /HTTP 500/);
    assert.match(list.body, /42\s+ms/);
    assert.match(list.body, /receiver exploded/);
    const none = await sam.get(`${BASE}/webhooks/deliveries?status=succeeded`);
    assert.ok(!none.body.includes(delivery.id));
    assert.equal((await sam.get(`${BASE}/webhooks/deliveries?offset=nope`)).statusCode, 400);

    const resent = await sam.post(`${BASE}/webhooks/deliveries/${delivery.id}/resend`, {
      returnTo: `${BASE}/webhooks/deliveries?webhook=${hook.id}`,
      _csrf: csrfFrom(list.body),
    });
    assert.equal(resent.statusCode, 303);
    assert.equal(resent.headers.location, `${BASE}/webhooks/deliveries?webhook=${hook.id}`);
    const row = await t.db
      .selectFrom('ats.webhook_delivery')
      .selectAll()
      .where('id', '=', delivery.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    const offsite = await sam.post(`${BASE}/webhooks/deliveries/resend`, {
      from: 'x',
      to: 'y',
      returnTo: '//evil.example',
      _csrf: await csrf(),
    });
    assert.equal(offsite.headers.location, `${BASE}/webhooks/deliveries`);
  });

  it('lists authorized apps with scopes in words and revokes one', async () => {
    const client = await registerClient(t.db, { name: 'Demo app' });
    const grant = await upsertGrant(t.db, {
      accountId: tenant.account.id,
      clientRowId: client.row.id,
      scopes: ['opportunities:read:admin', 'offline_access'],
      grantedBy: tenant.superAdmin.id,
    });
    const page = await sam.get(`${BASE}/apps`);
    assert.match(page.body, /Demo app/);
    assert.match(page.body, /<code class="cell-sub">opportunities:read:admin<\/code>/);
    const confirm = await sam.get(`${BASE}/apps/${grant.id}/revoke`);
    assert.match(confirm.body, /Revoke access of “Demo app”\?/);
    const revoked = await sam.post(`${BASE}/apps/${grant.id}/revoke`, { _csrf: csrfFrom(confirm.body) });
    assert.equal(revoked.statusCode, 303);
    const row = await t.db
      .selectFrom('ats.oauth_grant')
      .selectAll()
      .where('id', '=', grant.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.revoked_at);
    assert.equal(
      (await sam.post(`${BASE}/apps/${grant.id}/revoke`, { _csrf: await csrf() })).statusCode,
      404,
    );
  });
});
