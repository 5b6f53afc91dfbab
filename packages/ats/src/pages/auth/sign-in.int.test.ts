// Sign-in and sign-out of the ATS pages: CSRF, one generic error, no open redirect through returnTo,
// rate-limited attempts, deactivated users refused, one email in two companies, sign-out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../../test-support.ts';
import { insertUser } from '../../domain/users/user.repository.ts';
import { Browser, PASSWORD, csrfFrom, setPassword } from '../../oauth/oauth-test-support.ts';

describe('ATS sign-in', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      await setPassword(t.db, tenant.superAdmin);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  it('renders an accessible form with a CSRF field and no external assets', async () => {
    const res = await new Browser(t.app).get('/ats/sign-in');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /<label[^>]+for="field-email"/);
    assert.match(res.body, /<label[^>]+for="field-password"/);
    assert.match(res.body, /autocomplete="current-password"/);
    assert.match(res.body, /<main id="main"/);
    assert.ok(csrfFrom(res.body));
    assert.doesNotMatch(res.body, /(src|href)="https?:/);
    const css = await t.app.inject('/assets/hireloop.css');
    assert.equal(css.statusCode, 200);
    assert.match(css.body, /\.auth-panel/);
  });

  it('refuses a post without the CSRF token', async () => {
    const browser = new Browser(t.app);
    await browser.get('/ats/sign-in');
    const res = await browser.post('/ats/sign-in', { email: tenant.superAdmin.email, password: PASSWORD });
    assert.equal(res.statusCode, 403);
    assert.match(String(res.headers['content-type']), /text\/html/);
  });

  it('gives the same generic error for an unknown email and a wrong password', async () => {
    const messages: string[] = [];
    for (const [email, password] of [
      ['nobody@nowhere.test', PASSWORD],
      [tenant.superAdmin.email, 'wrong password'],
    ] as const) {
      const browser = new Browser(t.app);
      const page = await browser.get('/ats/sign-in');
      const res = await browser.post('/ats/sign-in', { email, password, _csrf: csrfFrom(page.body) });
      assert.equal(res.statusCode, 401);
      messages.push(/role="alert">.*?<p>([^<]+)<\/p>/s.exec(res.body)?.[1] ?? '');
    }
    assert.equal(messages[0], messages[1]);
    assert.match(messages[0] ?? '', /do not match/);
  });

  it('signs in with a new session id and never redirects off-site through returnTo', async () => {
    for (const [returnTo, expected] of [
      ['/ats/pipeline?stage=x', '/ats/pipeline?stage=x'],
      ['https://evil.example/', '/ats'],
      ['//evil.example/', '/ats'],
      ['/\\evil.example/', '/ats'],
      ['javascript:alert(1)', '/ats'],
      ['/ats\r\nLocation: https://evil.example', '/ats'],
    ] as const) {
      const browser = new Browser(t.app);
      const page = await browser.get('/ats/sign-in');
      const before = browser.cookie;
      const res = await browser.post('/ats/sign-in', {
        email: tenant.superAdmin.email,
        password: PASSWORD,
        returnTo,
        _csrf: csrfFrom(page.body),
      });
      assert.equal(res.statusCode, 303, returnTo);
      assert.equal(res.headers.location, expected, returnTo);
      assert.notEqual(browser.cookie, before);
    }
    const safe = await new Browser(t.app).get(
      `/ats/sign-in?returnTo=${encodeURIComponent('//evil.example')}`,
    );
    assert.match(safe.body, /name="returnTo" value="\/ats"/);
  });

  it('signs out (session gone) on a CSRF-checked POST', async () => {
    const browser = new Browser(t.app);
    await browser.signIn(tenant.superAdmin.email);
    assert.equal((await browser.get('/ats/sign-in')).statusCode, 303, 'a signed-in person is sent on');
    assert.equal(
      (await t.app.inject({ url: '/ats/api/authorized-apps', headers: { cookie: browser.cookie } }))
        .statusCode,
      200,
    );
    assert.equal((await browser.post('/ats/sign-out', {})).statusCode, 403);
    const { csrfToken } = (
      await t.app.inject({ url: '/ats/api/csrf', headers: { cookie: browser.cookie } })
    ).json();
    const out = await t.app.inject({
      method: 'POST',
      url: '/ats/sign-out',
      headers: { cookie: browser.cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/ats/sign-in');
    assert.equal(
      (await t.app.inject({ url: '/ats/api/authorized-apps', headers: { cookie: browser.cookie } }))
        .statusCode,
      401,
    );
  });

  it('refuses deactivated users, and asks for the site when one email has accounts in two companies', async () => {
    const gone = await insertUser(t.db, {
      accountId: tenant.account.id,
      name: 'Gone',
      email: `gone@${tenant.account.site}.test`,
      accessRole: 'admin',
    });
    await setPassword(t.db, gone);
    await t.db
      .updateTable('ats.user')
      .set({ deactivated_at: new Date() })
      .where('id', '=', gone.id)
      .execute();
    assert.equal((await new Browser(t.app).signIn(gone.email)).statusCode, 401);

    const other = await createTestTenant(t.db);
    const twin = await insertUser(t.db, {
      accountId: other.account.id,
      name: 'Sam Twin',
      email: tenant.superAdmin.email,
      accessRole: 'team member',
    });
    await setPassword(t.db, twin);
    const browser = new Browser(t.app);
    const ask = await browser.signIn(tenant.superAdmin.email);
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /Company site code/);
    const res = await browser.post('/ats/sign-in', {
      email: tenant.superAdmin.email,
      password: PASSWORD,
      site: other.account.site,
      returnTo: '/ats',
      _csrf: csrfFrom(ask.body),
    });
    assert.equal(res.statusCode, 303);
    const apps = await t.app.inject({ url: '/ats/api/authorized-apps', headers: { cookie: browser.cookie } });
    assert.equal(apps.statusCode, 403, 'signed in as the team member of the other company');
  });

  it('rate-limits sign-in attempts per email and address (429 after 10)', async () => {
    const browser = new Browser(t.app);
    const page = await browser.get('/ats/sign-in');
    const csrf = csrfFrom(page.body);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await browser.post('/ats/sign-in', {
            email: 'target@example.test',
            password: `guess ${i}`,
            _csrf: csrf,
          })
        ).statusCode,
      );
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.equal(statuses[10], 429);
    const other = await browser.post('/ats/sign-in', {
      email: 'someone-else@example.test',
      password: 'x',
      _csrf: csrf,
    });
    assert.equal(other.statusCode, 401);
  });
});
