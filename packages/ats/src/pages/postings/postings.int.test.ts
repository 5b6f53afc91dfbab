// Postings pages: who may (Limited Team Members get a 403 page saying why), create through the same
// service as the API (draft by default, creator as perform_as), form errors that keep the input and save
// nothing (Lever's team-not-in-department rule), publish/unpublish/close, list filters and keyset pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createAtsTestApp,
  createTestTenant,
  countRows,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';
import { Browser, csrfFrom, setPassword } from '../../oauth/oauth-test-support.ts';

const PATH = '/ats/postings';

describe('Postings pages', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let admin: Browser;

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db, 'postingpages');
      await setPassword(t.db, tenant.superAdmin);
      await setPassword(t.db, tenant.limitedMember);
      const accountId = tenant.account.id;
      const [eng, sales] = await t.db
        .insertInto('ats.department')
        .values([
          { account_id: accountId, name: 'Engineering' },
          { account_id: accountId, name: 'Sales' },
        ])
        .returning('id')
        .execute();
      await t.db
        .insertInto('ats.team')
        .values({ account_id: accountId, department_id: eng!.id, name: 'Perception' })
        .execute();
      await t.db
        .insertInto('ats.team')
        .values({ account_id: accountId, department_id: sales!.id, name: 'EMEA' })
        .execute();
      await t.db.insertInto('ats.location').values({ account_id: accountId, name: 'Lisbon' }).execute();
      admin = new Browser(t.app);
      await admin.signIn(tenant.superAdmin.email);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  /** Posts a form whose `channels` may repeat (URLSearchParams keeps repeated keys). */
  const submit = async (url: string, fields: [string, string][]) => {
    const page = await admin.get(`${PATH}/new`);
    const form = new URLSearchParams([...fields, ['_csrf', csrfFrom(page.body)]]);
    return t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: admin.cookie,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form.toString(),
    });
  };
  const fields = (overrides: Record<string, string> = {}): [string, string][] => [
    ...Object.entries({
      title: 'Perception Engineer',
      department: 'Engineering',
      team: 'Perception',
      location: 'Lisbon',
      commitment: 'Full-time',
      workplaceType: 'hybrid',
      description: 'See things.\r\n\r\nBuild things.',
      state: 'draft',
      tags: 'referralbonus:3000, robots',
      ...overrides,
    }),
    ['channels', 'public'],
  ];

  it('sends nobody to sign-in and tells a Limited Team Member why not', async () => {
    const anonymous = await new Browser(t.app).get(PATH);
    assert.equal(anonymous.statusCode, 303);
    const limited = new Browser(t.app);
    await limited.signIn(tenant.limitedMember.email);
    const res = await limited.get(`${PATH}/new`);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Postings are managed by Super Admins, Admins and Team Members/);
  });

  it('form errors keep the input and save nothing', async () => {
    const before = await countRows(t.db, 'ats.posting');
    const res = await submit(
      PATH,
      fields({ title: 'Keep me', department: 'Sales', tags: 'referralbonus:lots' }),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Perception is a team in Engineering, not Sales\./);
    assert.match(res.body, /Write the referral bonus as a number, like referralbonus:3000/);
    assert.match(res.body, /value="Keep me"/);
    assert.match(res.body, /value="referralbonus:lots"/);
    const blank = await submit(PATH, fields({ title: '' }));
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter the job title candidates will see/);
    assert.equal(await countRows(t.db, 'ats.posting'), before);
  });

  let id = '';
  it('creates a draft through the posting service, then publishes, unpublishes and closes it', async () => {
    const res = await submit(PATH, fields());
    assert.equal(res.statusCode, 303);
    id = String(res.headers.location).split('/').pop() ?? '';
    const row = await t.db
      .selectFrom('ats.posting')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      {
        text: row.text,
        state: row.state,
        team: row.team,
        department: row.department,
        location: row.location,
        all_locations: row.all_locations,
        commitment: row.commitment,
        workplace_type: row.workplace_type,
        distribution_channels: row.distribution_channels,
        tags: row.tags,
        content: row.content,
        user_id: row.user_id,
        owner_id: row.owner_id,
      },
      {
        text: 'Perception Engineer',
        state: 'draft',
        team: 'Perception',
        department: 'Engineering',
        location: 'Lisbon',
        all_locations: ['Lisbon'],
        commitment: 'Full-time',
        workplace_type: 'hybrid',
        distribution_channels: ['public'],
        tags: ['referralbonus:3000', 'robots'],
        content: { description: 'See things.\n\nBuild things.' },
        user_id: tenant.superAdmin.id,
        owner_id: tenant.superAdmin.id,
      },
    );
    const page = await admin.get(`${PATH}/${id}`);
    assert.match(page.body, /Created “Perception Engineer” \(draft\)\./);

    const state = async (target: string) => {
      const r = await admin.post(`${PATH}/${id}/state`, {
        state: target,
        _csrf: csrfFrom((await admin.get(`${PATH}/${id}`)).body),
      });
      assert.equal(r.statusCode, 303);
      return t.db
        .selectFrom('ats.posting')
        .select(['state', 'distribution_channels'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    };
    assert.deepEqual(await state('published'), { state: 'published', distribution_channels: ['public'] });
    assert.equal((await t.app.inject(`/jobs/postingpages/${id}`)).statusCode, 200);
    assert.match((await admin.get(`${PATH}/${id}`)).body, /View on job site/);
    assert.equal((await state('draft')).state, 'draft');
    assert.equal((await state('closed')).state, 'closed');
    assert.equal((await t.app.inject(`/jobs/postingpages/${id}`)).statusCode, 410);
    const bad = await admin.post(`${PATH}/${id}/state`, {
      state: 'rejected',
      _csrf: csrfFrom((await admin.get(`${PATH}/${id}`)).body),
    });
    assert.equal(bad.statusCode, 400);
  });

  it('edits keep what the form does not show (HTML descriptions written through the API)', async () => {
    await t.db
      .updateTable('ats.posting')
      .set({ content: JSON.stringify({ descriptionHtml: '<p>Rich <b>text</b></p>' }) as never })
      .where('id', '=', id)
      .execute();
    const form = await admin.get(`${PATH}/${id}`);
    assert.match(form.body, />Rich text\n?<\/textarea>/);
    const res = await submit(
      `${PATH}/${id}`,
      fields({ title: 'Senior Perception Engineer', description: 'Rich text\n', state: 'closed' }),
    );
    assert.equal(res.statusCode, 303);
    const row = await t.db
      .selectFrom('ats.posting')
      .select(['text', 'content'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      text: 'Senior Perception Engineer',
      content: { descriptionHtml: '<p>Rich <b>text</b></p>' },
    });
  });

  it('lists with filters and keyset pages; a bad page token is a 400', async () => {
    const accountId = tenant.account.id;
    const base = Date.now() - 1_000_000;
    await t.db
      .insertInto('ats.posting')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          account_id: accountId,
          text: `Bulk ${String(i).padStart(2, '0')}`,
          state: i % 2 ? 'published' : 'draft',
          team: 'EMEA',
          created_at: new Date(base + i * 1000),
          updated_at: new Date(base + i * 1000),
        })) as never,
      )
      .execute();
    const first = await admin.get(`${PATH}?team=EMEA`);
    assert.equal(first.statusCode, 200);
    const titles = (body: string) => [...body.matchAll(/>(Bulk \d\d)</g)].map((m) => m[1]);
    assert.equal(titles(first.body).length, 25);
    const next = /href="([^"]+offset=[^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next);
    const second = await admin.get(next);
    assert.equal(titles(second.body).length, 5);
    assert.equal(new Set([...titles(first.body), ...titles(second.body)]).size, 30);
    const published = await admin.get(`${PATH}?team=EMEA&state=published`);
    assert.equal(titles(published.body).length, 15);
    const tagged = await admin.get(`${PATH}?tag=${encodeURIComponent('referralbonus:3000')}`);
    assert.match(tagged.body, /Senior Perception Engineer/);
    assert.doesNotMatch(tagged.body, /Bulk/);
    assert.equal((await admin.get(`${PATH}?offset=garbage`)).statusCode, 400);
  });
});
