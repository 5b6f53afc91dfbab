// Settings › Audit log and what the settings pages record: who may open it (Super Admins; others get a 403
// page that says why; the nav links it only for them), sign-ins (failed ones without the typed email or
// password, rate-limited ones too), API keys made and revoked in the page (the secret never stored),
// integration managers, settings webhooks, users (invite, role, deactivate, reactivate, password set),
// company settings; filters and keyset pages.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { listAudit, recordAudit } from '@hireloop/platform/audit/audit';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../../test-support.ts';
import { Browser, PASSWORD, csrfFrom, setPassword } from '../../oauth/oauth-test-support.ts';
import { insertUser, type UserRow } from '../../domain/users/user.repository.ts';
import { setWebhookDeps } from '../../domain/webhooks/webhook-deps.ts';

const AUDIT = '/ats/settings/audit';
const INTEGRATIONS = '/ats/settings/integrations';
const HOOK_URL = 'http://127.0.0.1:9/hooks';

describe(`Settings › Audit log (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let admin: UserRow;
  let sam: Browser;
  let secret = '';

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db, 'audit-pages');
      admin = await insertUser(t.db, {
        accountId: tenant.account.id,
        name: 'Ada Admin',
        email: 'ada@audit-pages.test',
        accessRole: 'admin',
      });
      for (const u of [tenant.superAdmin, tenant.limitedMember, admin]) await setPassword(t.db, u);
      sam = new Browser(t.app);
      assert.equal((await sam.signIn(tenant.superAdmin.email)).statusCode, 303);
      setWebhookDeps(t.runtime, { allowLoopback: true });
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  const csrf = async (path = `${INTEGRATIONS}/api-keys`) => csrfFrom((await sam.get(path)).body);
  const events = async (action?: string) =>
    (await listAudit(t.db, { product: 'ats', tenantId: tenant.account.id, limit: 500, action })).events;
  const only = async (action: string) => {
    const rows = await events(action);
    assert.equal(rows.length, 1, `one ${action}: ${JSON.stringify(rows)}`);
    return rows[0]!;
  };

  it('is for Super Admins only: a 403 page says why, and only they get the Settings tab', async () => {
    for (const user of [admin, tenant.limitedMember]) {
      const b = new Browser(t.app);
      await b.signIn(user.email);
      const res = await b.get(AUDIT);
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /audit log is for Super Admins only/);
      assert.match(res.body, new RegExp(`role &quot;${user.access_role}&quot;|role "${user.access_role}"`));
      if (user === admin)
        assert.doesNotMatch((await b.get('/ats/settings/users')).body, /href="\/ats\/settings\/audit"/);
    }
    assert.equal((await new Browser(t.app).get(AUDIT)).statusCode, 303);
    const page = await sam.get(AUDIT);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<caption[^>]*>Audit events, newest first<\/caption>/);
    assert.match(page.body, /<label[^>]*for="field-action"/);
    assert.match(page.body, /<label[^>]*for="field-actor"/);
    assert.match((await sam.get('/ats/settings/users')).body, /href="\/ats\/settings\/audit"/);
  });

  it('records sign-ins: succeeded, failed without the typed email or password, and rate-limited', async () => {
    const ok = (await events('auth.sign_in_succeeded')).find((e) => e.actor_id === tenant.superAdmin.id)!;
    assert.deepEqual([ok.actor_type, ok.target_type, ok.target_id], ['user', 'user', tenant.superAdmin.id]);
    assert.ok(ok.ip);
    const b = new Browser(t.app);
    await b.signIn(admin.email, 'wrong-password-123');
    const failed = (await events('auth.sign_in_failed')).find((e) => e.target_id === admin.id)!;
    assert.deepEqual(
      [failed.actor_type, failed.actor_id, failed.details],
      ['user', null, { reason: 'invalid_credentials', knownEmail: true, deactivatedUser: false }],
    );
    await b.signIn('nobody-here@audit-pages.test', 'typed-secret-pw');
    const unknown = await t.db
      .selectFrom('platform.audit_event' as never)
      .selectAll()
      .where('tenant_id' as never, 'is', null)
      .execute();
    assert.ok(unknown.length >= 1);
    for (let i = 0; i < 11; i++) await b.signIn(tenant.limitedMember.email, 'wrong-again');
    const limited = (await events('auth.sign_in_failed')).filter((e) => e.details.reason === 'rate_limited');
    assert.ok(limited.length >= 1 && limited.every((e) => e.target_id === tenant.limitedMember.id));
    const text = JSON.stringify(
      await t.db
        .selectFrom('platform.audit_event' as never)
        .selectAll()
        .execute(),
    );
    for (const typed of ['wrong-password-123', 'typed-secret-pw', 'nobody-here', 'wrong-again', PASSWORD])
      assert.ok(!text.includes(typed), `audit rows contain "${typed}"`);
  });

  it('records API keys made and revoked in the page, never the secret, and integration managers', async () => {
    const made = await sam.post(`${INTEGRATIONS}/api-keys`, {
      name: 'Careers sync',
      permissions: 'postings:list',
      _csrf: await csrf(),
    });
    assert.equal(made.statusCode, 303);
    const shown = await sam.get(`${INTEGRATIONS}/api-keys`);
    const key = await t.db
      .selectFrom('ats.api_key')
      .selectAll()
      .where('account_id', '=', tenant.account.id)
      .where('name', '=', 'Careers sync')
      .executeTakeFirstOrThrow();
    secret = new RegExp(`(${key.prefix}[A-Za-z0-9_-]{35})`).exec(shown.body)?.[1] ?? '';
    assert.equal(secret.length, 43, 'the page showed the secret once');
    const created = await only('api_key.created');
    assert.deepEqual(
      [created.actor_type, created.actor_id, created.target_type, created.target_id, created.details],
      [
        'user',
        tenant.superAdmin.id,
        'api_key',
        key.id,
        {
          name: 'Careers sync',
          prefix: key.prefix,
          permissions: ['postings:list'],
          confidentialAccess: false,
        },
      ],
    );
    const confirm = await sam.get(`${INTEGRATIONS}/api-keys/${key.id}/revoke`);
    await sam.post(`${INTEGRATIONS}/api-keys/${key.id}/revoke`, { _csrf: csrfFrom(confirm.body) });
    assert.equal((await only('api_key.revoked')).target_id, key.id);

    await sam.post(`${INTEGRATIONS}/api-keys/managers`, { userIds: admin.id, _csrf: await csrf() });
    assert.deepEqual((await only('integration_managers.changed')).details, {
      granted: [admin.id],
      withdrawn: [],
    });
  });

  it('records settings webhooks: created, turned off, token rotated, re-enabled', async () => {
    const path = `${INTEGRATIONS}/webhooks`;
    const form = { url: HOOK_URL, origins: 'applied' };
    await sam.post(`${path}/events/candidateStageChange`, {
      ...form,
      enabled: 'on',
      _csrf: await csrf(path),
    });
    const created = await only('webhook.created');
    assert.deepEqual(created.details, {
      event: 'candidateStageChange',
      receiver: 'http://127.0.0.1:9',
      origins: ['applied'],
      via: 'settings',
      enabled: true,
    });
    await sam.post(`${path}/events/candidateStageChange`, { ...form, _csrf: await csrf(path) });
    assert.equal((await only('webhook.disabled')).actor_id, tenant.superAdmin.id);
    await sam.post(`${path}/${created.target_id}/rotate`, { overlap: '0', _csrf: await csrf(path) });
    assert.deepEqual((await only('webhook.token_rotated')).details, {
      event: 'candidateStageChange',
      overlapSeconds: 0,
    });
    await sam.post(`${path}/${created.target_id}/enable`, { _csrf: await csrf(path) });
    assert.equal((await only('webhook.reenabled')).details.previousReason, 'Turned off in Settings');
    const hook = await t.db
      .selectFrom('ats.webhook')
      .selectAll()
      .where('id', '=', created.target_id!)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(
      await t.db
        .selectFrom('platform.audit_event' as never)
        .selectAll()
        .execute(),
    );
    assert.ok(!text.includes(hook.signature_token) && !text.includes(secret));
  });

  it('records users invited, role changed, deactivated, reactivated, and the password set', async () => {
    const users = '/ats/settings/users';
    await sam.post(`${users}/invite`, {
      name: 'Ivy',
      email: 'ivy@audit-pages.test',
      role: 'team member',
      _csrf: await csrf(users),
    });
    const invited = await only('user.invited');
    const ivy = invited.target_id!;
    await sam.post(`${users}/${ivy}/role`, { role: 'admin', _csrf: await csrf(users) });
    await sam.post(`${users}/${ivy}/invite-again`, { _csrf: await csrf(users) });
    const { rows: mails } = await sql<{ text_body: string }>`select text_body from platform.mail_message
      where to_address = ${'ivy@audit-pages.test'} order by created_at desc limit 1`.execute(t.db);
    const link = /(\/ats\/set-password\?token=[^\s]+)/.exec(mails[0]?.text_body ?? '')?.[1];
    assert.ok(link);
    const ivyBrowser = new Browser(t.app);
    const form = await ivyBrowser.get(link);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const set = await ivyBrowser.post('/ats/set-password', {
      token,
      password: 'a long new password 42',
      confirm: 'a long new password 42',
      _csrf: csrfFrom(form.body),
    });
    assert.equal(set.statusCode, 303, set.body);
    await sam.post(`${users}/${ivy}/deactivate`, { _csrf: await csrf(users) });
    await sam.post(`${users}/${ivy}/reactivate`, { _csrf: await csrf(users) });
    assert.deepEqual((await only('user.role_changed')).details, { from: 'team member', to: 'admin' });
    assert.equal((await only('user.invitation_resent')).target_id, ivy);
    const pw = await only('user.password_set');
    assert.deepEqual([pw.actor_type, pw.actor_id, pw.target_id], ['user', ivy, ivy]);
    for (const a of ['user.deactivated', 'user.reactivated'])
      assert.equal((await only(a)).actor_id, tenant.superAdmin.id);
    const text = JSON.stringify(
      await t.db
        .selectFrom('platform.audit_event' as never)
        .selectAll()
        .execute(),
    );
    assert.ok(!text.includes(token) && !text.includes('a long new password'));
  });

  it('records company settings changes with the names of the items', async () => {
    const company = '/ats/settings/company';
    await sam.post(`${company}/locations`, { name: 'Lisbon', _csrf: await csrf(company) });
    const added = await only('company.item_added');
    assert.deepEqual([added.target_type, added.details], ['location', { name: 'Lisbon' }]);
    const loc = await t.db
      .selectFrom('ats.location')
      .selectAll()
      .where('account_id', '=', tenant.account.id)
      .where('name', '=', 'Lisbon')
      .executeTakeFirstOrThrow();
    await sam.post(`${company}/locations/${loc.id}/rename`, { name: 'Porto', _csrf: await csrf(company) });
    await sam.post(`${company}/locations/${loc.id}/remove`, { _csrf: await csrf(company) });
    assert.deepEqual((await only('company.item_renamed')).details, { from: 'Lisbon', to: 'Porto' });
    assert.deepEqual((await only('company.item_removed')).details, { name: 'Porto' });
  });

  it('lists newest first with names, filters by action and actor, and pages by keyset', async () => {
    let page = await sam.get(AUDIT);
    assert.match(page.body, /<code>company\.item_removed<\/code>[\s\S]*<code>company\.item_added<\/code>/);
    assert.match(page.body, /API key: Careers sync/);
    const filtered = await sam.get(`${AUDIT}?action=api_key.created`);
    assert.match(filtered.body, /<code>api_key\.created<\/code>/);
    assert.doesNotMatch(filtered.body, /<code>api_key\.revoked<\/code>/);
    const byIvy = await sam.get(`${AUDIT}?actor=system`);
    assert.match(byIvy.body, /No events match these filters/);
    assert.equal((await sam.get(`${AUDIT}?action=nope`)).statusCode, 400);
    assert.equal((await sam.get(`${AUDIT}?actor=user:nope`)).statusCode, 400);
    assert.equal((await sam.get(`${AUDIT}?offset=garbage`)).statusCode, 400);

    // Older events (written with past times) so there is more than one page.
    for (let i = 0; i < 40; i++)
      await recordAudit(t.db, {
        product: 'ats',
        tenantId: tenant.account.id,
        actorType: 'system',
        action: 'webhook.disabled',
        occurredAt: new Date(Date.UTC(2020, 0, 1, 0, 0, i)),
      });
    const total = (await events()).length;
    assert.ok(total > 50, `more than a page (${total})`);
    page = await sam.get(AUDIT);
    const next = /href="([^"]*offset=[^"]+)" rel="next"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next);
    const second = await sam.get(next);
    assert.equal(second.statusCode, 200);
    const rowsOf = (body: string) => (body.match(/<time datetime=/g) ?? []).length;
    assert.equal(rowsOf(page.body) + rowsOf(second.body), total);
  });
});
