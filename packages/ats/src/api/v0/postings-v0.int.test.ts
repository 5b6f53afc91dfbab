import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { PostingV0, PostingV0Grouped } from '@hireloop/lever/wire';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../../test-support.ts';

describe('GET /v0/postings/:site', () => {
  let t: AtsTestApp;
  let a: TestTenant;
  const ids: Record<string, string> = {};
  const list = async (query = '', headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ url: `/v0/postings/${a.account.site}${query}`, headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as PostingV0[];
  };
  const names = async (query = '') => (await list(query)).map((p) => p.text);

  before(async () => {
    t = await createAtsTestApp();
    a = await createTestTenant(t.db);
    const b = await createTestTenant(t.db);
    const make = async (text: string, body: object, tenant = a, auth = tenant.auth) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/postings?perform_as=${tenant.superAdmin.id}`,
        headers: { authorization: auth },
        payload: { text, ...body },
      });
      assert.equal(res.statusCode, 201, res.body);
      ids[text] = res.json().data.id;
    };
    await make('Backend', {
      state: 'published',
      categories: { team: 'Eng', location: 'Berlin', commitment: 'Full-time', department: 'R&D' },
      content: {
        description: 'Build APIs',
        lists: [{ text: 'You have', content: '<li>TS</li>' }],
        closing: 'Join us',
      },
      workplaceType: 'hybrid',
      country: 'DE',
      salaryRange: { min: 1, max: 2, currency: 'EUR', interval: 'per-year-salary' },
      salaryDescription: 'Good pay',
    });
    await make('Sales', {
      state: 'published',
      distributionChannels: ['public'],
      categories: { team: 'Sales', location: 'Paris', commitment: 'Part-time' },
    });
    await make('Designer', {
      state: 'published',
      distributionChannels: ['public', 'internal'],
      categories: { location: 'Berlin', level: 'Senior' },
    });
    await make('InternalOnly', { state: 'published', distributionChannels: ['internal'] });
    await make('InternalState', { state: 'internal' });
    await make('Draft', {});
    await make('Closed', { state: 'closed' });
    await make('Secret', { state: 'published', confidentiality: 'confidential' }, a, a.confidentialAuth);
    await make('OtherSite', { state: 'published' }, b);
    const base = Date.now() - 60_000;
    for (const [i, name] of ['Backend', 'Sales', 'Designer'].entries()) {
      await t.db
        .updateTable('ats.posting')
        .set({ created_at: new Date(base + i * 1000) } as never)
        .where('id', '=', ids[name] as string)
        .execute();
    }
  });
  after(() => t.close());

  it('404s an unknown site with {ok:false, error}', async () => {
    const res = await t.app.inject('/v0/postings/no-such-site');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { ok: false, error: 'Document not found' });
  });

  it('lists only published public postings as a bare JSON array (no mode, no Accept)', async () => {
    const res = await t.app.inject({ url: `/v0/postings/${a.account.site}` });
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(String(res.headers['content-type']), /application\/json/);
    const body = res.json() as PostingV0[];
    assert.deepEqual(
      body.map((p) => p.text),
      ['Designer', 'Sales', 'Backend'],
    );
    for (const p of body)
      assert.ok(Value.Check(PostingV0, p), JSON.stringify([...Value.Errors(PostingV0, p)]));
    const backend = body.find((p) => p.text === 'Backend');
    assert.deepEqual(backend, {
      id: ids.Backend,
      text: 'Backend',
      categories: {
        allLocations: ['Berlin'],
        location: 'Berlin',
        commitment: 'Full-time',
        team: 'Eng',
        department: 'R&D',
      },
      country: 'DE',
      createdAt: backend?.createdAt,
      opening: '',
      openingPlain: '',
      description: '<div>Build APIs</div>',
      descriptionPlain: 'Build APIs',
      descriptionBody: '<div>Build APIs</div>',
      descriptionBodyPlain: 'Build APIs',
      lists: [{ text: 'You have', content: '<li>TS</li>' }],
      additional: '<div>Join us</div>',
      additionalPlain: 'Join us',
      hostedUrl: `${t.ctx.publicUrl}/jobs/${a.account.site}/${ids.Backend}`,
      applyUrl: `${t.ctx.publicUrl}/jobs/${a.account.site}/${ids.Backend}/apply`,
      workplaceType: 'hybrid',
      salaryRange: { min: 1, max: 2, currency: 'EUR', interval: 'per-year-salary' },
      salaryDescription: 'Good pay',
      salaryDescriptionPlain: 'Good pay',
    });
    assert.deepEqual(await names('?mode=json'), ['Designer', 'Sales', 'Backend']);
  });

  it('filters (repeatable, case-sensitive), skips and limits', async () => {
    assert.deepEqual(await names('?location=Berlin'), ['Designer', 'Backend']);
    assert.deepEqual(await names('?location=berlin'), []);
    assert.deepEqual(await names('?team=Eng&team=Sales'), ['Sales', 'Backend']);
    assert.deepEqual(await names('?commitment=Part-time'), ['Sales']);
    assert.deepEqual(await names('?department=R%26D'), ['Backend']);
    assert.deepEqual(await names('?level=Senior'), ['Designer']);
    assert.deepEqual(await names('?skip=1&limit=1'), ['Sales']);
    assert.deepEqual(await names('?skip=5'), []);
  });

  it('groups by a category', async () => {
    const res = await t.app.inject(`/v0/postings/${a.account.site}?group=location`);
    const groups = res.json() as PostingV0Grouped[];
    for (const g of groups) assert.ok(Value.Check(PostingV0Grouped, g));
    assert.deepEqual(
      groups.map((g) => [g.title, g.postings.map((p) => p.text)]),
      [
        ['Berlin', ['Designer', 'Backend']],
        ['Paris', ['Sales']],
      ],
    );
    const teams = (
      await t.app.inject(`/v0/postings/${a.account.site}?group=team`)
    ).json() as PostingV0Grouped[];
    assert.deepEqual(
      teams.map((g) => g.title),
      ['Eng', 'Sales', ''],
    );
  });

  it('rejects bad parameters with 400 {ok:false, error}', async () => {
    for (const q of ['mode=xml', 'group=level', 'skip=-1', 'limit=ten']) {
      const res = await t.app.inject(`/v0/postings/${a.account.site}?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json().ok, false);
      assert.equal(typeof res.json().error, 'string');
    }
  });

  it('renders html on mode=html or when the browser asks for it', async () => {
    const res = await t.app.inject(`/v0/postings/${a.account.site}?mode=html`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /Jobs at Tenant/);
    assert.match(res.body, new RegExp(`/jobs/${a.account.site}/${ids.Backend}`));
    assert.doesNotMatch(res.body, /InternalOnly|Secret|Draft/);
    const browser = await t.app.inject({
      url: `/v0/postings/${a.account.site}`,
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    assert.match(String(browser.headers['content-type']), /text\/html/);
    assert.deepEqual((await list('?mode=json', { accept: 'text/html' })).length, 3);
  });

  it('gets one public posting; anything not public is 404', async () => {
    const res = await t.app.inject(`/v0/postings/${a.account.site}/${ids.Backend}`);
    assert.equal(res.statusCode, 200);
    assert.ok(Value.Check(PostingV0, res.json()));
    assert.equal(res.json().id, ids.Backend);
    for (const name of ['InternalOnly', 'InternalState', 'Draft', 'Closed', 'Secret', 'OtherSite']) {
      const r = await t.app.inject(`/v0/postings/${a.account.site}/${ids[name]}`);
      assert.equal(r.statusCode, 404, name);
      assert.deepEqual(r.json(), { ok: false, error: 'Document not found' });
    }
    assert.equal((await t.app.inject(`/v0/postings/${a.account.site}/not-a-uuid`)).statusCode, 404);
  });

  it('answers CORS preflight for reads', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: `/v0/postings/${a.account.site}`,
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(String(res.headers['access-control-allow-methods']), /GET/);
  });
});
