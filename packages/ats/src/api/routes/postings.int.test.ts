import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { Posting } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';

describe('/v1/postings', () => {
  let t: AtsTestApp;
  let a: TestTenant;
  let b: TestTenant;
  before(async () => {
    t = await createAtsTestApp();
    a = await createTestTenant(t.db);
    b = await createTestTenant(t.db);
  });
  after(() => t.close());

  const req = (method: 'GET' | 'POST' | 'DELETE', url: string, auth: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: auth },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const create = async (body: Record<string, unknown>, tenant = a, auth = tenant.auth) => {
    const res = await req('POST', `/v1/postings?perform_as=${tenant.superAdmin.id}`, auth, body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json().data as Posting;
  };

  describe('auth', () => {
    it('rejects without auth, with another tenant key, and without the permission', async () => {
      const p = await create({ text: 'Auth probe', state: 'published' });
      assert.equal((await t.app.inject(`/v1/postings/${p.id}`)).statusCode, 401);
      const other = await req('GET', `/v1/postings/${p.id}`, b.auth);
      assert.equal(other.statusCode, 404);
      assert.equal(other.json().code, 'NotFoundError');
      const noPerm = await req('GET', '/v1/postings', await a.key(['postings:read']));
      assert.equal(noPerm.statusCode, 403);
      assert.equal(noPerm.json().permission, 'postings:list');
      const noCreate = await req(
        'POST',
        `/v1/postings?perform_as=${a.superAdmin.id}`,
        await a.key(['postings:list']),
        { text: 'x' },
      );
      assert.equal(noCreate.statusCode, 403);
      assert.equal((await req('DELETE', `/v1/postings/${p.id}`, b.auth)).statusCode, 404);
      assert.equal((await req('POST', `/v1/postings/${p.id}`, b.auth, { text: 'stolen' })).statusCode, 404);
    });
  });

  describe('create and update', () => {
    it('rejects bad input and loses nothing', async () => {
      const before = await countRows(t.db, 'ats.posting');
      const cases: [string, unknown, RegExp][] = [
        [`/v1/postings`, { text: 'No perform_as' }, /perform_as/],
        [`/v1/postings?perform_as=${b.superAdmin.id}`, { text: 'Foreign perform_as' }, /perform_as/],
        [`/v1/postings?perform_as=not-a-uuid`, { text: 'Bad perform_as' }, /perform_as/],
        [`/v1/postings?perform_as=${a.superAdmin.id}`, { state: 'draft' }, /text/],
        [`/v1/postings?perform_as=${a.superAdmin.id}`, { text: 'x', state: 'open' }, /state/],
        [
          `/v1/postings?perform_as=${a.superAdmin.id}`,
          { text: 'x', workplaceType: 'office' },
          /workplaceType/,
        ],
        [
          `/v1/postings?perform_as=${a.superAdmin.id}`,
          { text: 'x', distributionChannels: ['everywhere'] },
          /distributionChannels/,
        ],
        [`/v1/postings?perform_as=${a.superAdmin.id}`, { text: 'x', owner: b.superAdmin.id }, /owner/],
        [
          `/v1/postings?perform_as=${a.superAdmin.id}`,
          { text: 'x', followers: [a.superAdmin.id, b.limitedMember.id] },
          /followers\.1/,
        ],
        [`/v1/postings?perform_as=${a.superAdmin.id}`, { text: 'x', country: 'USA' }, /country/],
      ];
      for (const [url, body, field] of cases) {
        const res = await req('POST', url, a.auth, body);
        assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(body)} → ${res.body}`);
        assert.match(res.json().message, field);
      }
      const malformed = await t.app.inject({
        method: 'POST',
        url: `/v1/postings?perform_as=${a.superAdmin.id}`,
        headers: { authorization: a.auth, 'content-type': 'application/json' },
        payload: '{"text":',
      });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().code, 'MalformedJsonError');
      const confidential = await req('POST', `/v1/postings?perform_as=${a.superAdmin.id}`, a.auth, {
        text: 'x',
        confidentiality: 'confidential',
      });
      assert.equal(confidential.statusCode, 403);
      assert.equal(await countRows(t.db, 'ats.posting'), before);
    });

    it('creates a draft with defaults and the full wire shape', async () => {
      const p = await create({ text: '  Platform Engineer ', unknownField: 1 });
      assert.ok(Value.Check(Posting, p), JSON.stringify([...Value.Errors(Posting, p)]));
      assert.deepEqual(
        { ...p, id: 'x', createdAt: 0, updatedAt: 0 },
        {
          id: 'x',
          text: 'Platform Engineer',
          state: 'draft',
          distributionChannels: null,
          user: a.superAdmin.id,
          owner: a.superAdmin.id,
          hiringManager: null,
          categories: {
            commitment: null,
            department: null,
            level: null,
            location: null,
            team: null,
            allLocations: [],
          },
          tags: [],
          content: { description: '', descriptionHtml: '', lists: [], closing: '', closingHtml: '' },
          country: null,
          followers: [a.superAdmin.id],
          reqCode: null,
          requisitionCodes: [],
          urls: null,
          confidentiality: 'non-confidential',
          createdAt: 0,
          updatedAt: 0,
          workplaceType: 'unspecified',
          transcribeInterviews: false,
          screening: { enabled: false },
          salaryRange: null,
          salaryDescription: null,
          salaryDescriptionHtml: null,
        },
      );
      assert.equal(p.createdAt, p.updatedAt);
    });

    it('stores every field, accepts onsite, publishes on both channels, and updates by POST', async () => {
      const p = await create({
        text: 'Backend Engineer',
        state: 'published',
        categories: {
          team: 'Platform',
          department: 'Engineering',
          location: 'Berlin',
          commitment: 'Full-time',
          level: 'Senior',
        },
        content: {
          description: 'Build <things>\nwell',
          lists: [{ text: 'Requirements', content: '<li>TS</li>' }],
          closingHtml: '<p>Apply &amp; join</p>',
        },
        tags: ['referralbonus:3000', 'referralbonus:3000', 'Hot'],
        owner: a.limitedMember.id,
        hiringManager: a.limitedMember.id,
        followers: [a.limitedMember.id],
        requisitionCodes: ['REQ-1', 'REQ-2'],
        workplaceType: 'onsite',
        country: 'de',
        salaryRange: { min: 60000, max: 80000, currency: 'EUR', interval: 'per-year-salary' },
        salaryDescription: 'Plus equity',
      });
      assert.ok(Value.Check(Posting, p));
      assert.equal(p.state, 'published');
      assert.deepEqual(p.distributionChannels, ['public', 'internal']);
      assert.deepEqual(p.categories, {
        commitment: 'Full-time',
        department: 'Engineering',
        level: 'Senior',
        location: 'Berlin',
        team: 'Platform',
        allLocations: ['Berlin'],
      });
      assert.deepEqual(p.tags, ['referralbonus:3000', 'Hot']);
      assert.deepEqual(p.content, {
        description: 'Build <things>\nwell',
        descriptionHtml: '<div>Build &lt;things&gt;</div><div>well</div>',
        lists: [{ text: 'Requirements', content: '<li>TS</li>' }],
        closing: 'Apply & join\n',
        closingHtml: '<p>Apply &amp; join</p>',
      });
      assert.equal(p.user, a.superAdmin.id);
      assert.equal(p.owner, a.limitedMember.id);
      assert.deepEqual(p.followers, [a.limitedMember.id]);
      assert.equal(p.reqCode, 'REQ-1');
      assert.equal(p.workplaceType, 'on-site');
      assert.equal(p.country, 'DE');
      assert.deepEqual(p.salaryRange, {
        min: 60000,
        max: 80000,
        currency: 'EUR',
        interval: 'per-year-salary',
      });
      assert.match(p.urls?.list ?? '', new RegExp(`/jobs/${a.account.site}$`));
      assert.equal(p.urls?.show, `${p.urls?.list}/${p.id}`);
      assert.equal(p.urls?.apply, `${p.urls?.list}/${p.id}/apply`);

      const upd = await req('POST', `/v1/postings/${p.id}?perform_as=${a.superAdmin.id}`, a.auth, {
        text: 'Senior Backend Engineer',
        categories: { location: 'Remote' },
        content: { descriptionHtml: '<b>New</b>' },
        workplaceType: 'remote',
      });
      assert.equal(upd.statusCode, 200, upd.body);
      const u = upd.json().data as Posting;
      assert.equal(u.text, 'Senior Backend Engineer');
      assert.equal(u.categories.team, 'Platform');
      assert.equal(u.categories.location, 'Remote');
      assert.deepEqual(u.categories.allLocations, ['Remote']);
      assert.equal(u.content.description, 'New');
      assert.equal(u.content.closingHtml, '<p>Apply &amp; join</p>');
      assert.equal(u.workplaceType, 'remote');
      assert.ok(u.updatedAt >= p.updatedAt);
      assert.deepEqual((await req('GET', `/v1/postings/${p.id}`, a.auth)).json().data, u);
      assert.equal((await req('POST', `/v1/postings/${p.id}`, a.auth, { state: 'nope' })).statusCode, 400);
      assert.equal((await req('POST', `/v1/postings/${p.id}`, a.auth, { text: ' ' })).statusCode, 400);
      assert.equal(
        (await req('POST', `/v1/postings/6c0b4a5e-0000-4000-8000-000000000000`, a.auth, { text: 'x' }))
          .statusCode,
        404,
      );
    });

    it('expands users on get', async () => {
      const p = await create({ text: 'Expand me', hiringManager: a.limitedMember.id });
      const res = await req(
        'GET',
        `/v1/postings/${p.id}?expand=owner&expand=hiringManager,followers&expand=user`,
        a.auth,
      );
      const d = res.json().data;
      assert.equal(d.owner.id, a.superAdmin.id);
      assert.equal(d.owner.accessRole, 'super admin');
      assert.equal(d.user.email, a.superAdmin.email);
      assert.equal(d.hiringManager.name, 'Lee Limited');
      assert.deepEqual(
        d.followers.map((f: { id: string }) => f.id),
        [a.superAdmin.id],
      );
      assert.equal((await req('GET', `/v1/postings/${p.id}?expand=stage`, a.auth)).statusCode, 400);
      assert.equal((await req('GET', `/v1/postings/not-a-uuid`, a.auth)).statusCode, 404);
    });
  });

  describe('extension events', () => {
    it('records postingCreated, postingUpdated and postingDeleted in the transaction of each change', async () => {
      const p = await create({ text: 'Event Engineer' });
      assert.equal(
        (await req('POST', `/v1/postings/${p.id}`, a.auth, { state: 'published' })).statusCode,
        200,
      );
      assert.equal((await req('DELETE', `/v1/postings/${p.id}`, a.auth)).statusCode, 204);
      const rows = await t.db
        .selectFrom('ats.event_log')
        .select(['event', 'data'])
        .where('account_id', '=', a.account.id)
        .where('event', 'like', 'posting%')
        .orderBy('seq')
        .execute();
      const mine = rows.filter((r) => (r.data as unknown as { postingId: string }).postingId === p.id);
      assert.deepEqual(
        mine.map((r) => r.event),
        ['postingCreated', 'postingUpdated', 'postingDeleted'],
      );
    });
  });
});
