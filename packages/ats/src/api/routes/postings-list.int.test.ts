import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { DeletedItem, ListEnvelope, Posting } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';

describe('/v1/postings lists, delete, apply, users', () => {
  let t: AtsTestApp;
  let a: TestTenant;
  let b: TestTenant;
  const ids: Record<string, string> = {};
  const get = (url: string, auth = a.auth) => t.app.inject({ url, headers: { authorization: auth } });
  const post = (url: string, payload: object, auth = a.auth) =>
    t.app.inject({ method: 'POST', url, headers: { authorization: auth }, payload });
  const texts = async (query: string, auth = a.auth): Promise<string[]> => {
    const res = await get(`/v1/postings${query}`, auth);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().data as Posting[]).map((p) => p.text).sort();
  };

  before(async () => {
    t = await createAtsTestApp();
    a = await createTestTenant(t.db);
    b = await createTestTenant(t.db);
    const make = async (text: string, body: object, auth = a.auth) => {
      const res = await post(`/v1/postings?perform_as=${a.superAdmin.id}`, { text, ...body }, auth);
      assert.equal(res.statusCode, 201, res.body);
      ids[text] = res.json().data.id;
    };
    await make('P1', {
      state: 'published',
      categories: {
        team: 'Eng',
        location: 'Berlin',
        commitment: 'Full-time',
        department: 'R&D',
        level: 'Senior',
      },
      tags: ['referralbonus:3000'],
    });
    await make('P2', {
      state: 'published',
      distributionChannels: ['internal'],
      categories: { team: 'Sales', location: 'Paris' },
      tags: ['Hot'],
    });
    await make('P3', { state: 'internal', categories: { team: 'eng' } });
    await make('P4', { state: 'closed', categories: { commitment: 'Part-time' } });
    await make('P5', { state: 'draft' });
    await make('C1', { state: 'published', confidentiality: 'confidential' }, a.confidentialAuth);
    await post(`/v1/postings?perform_as=${b.superAdmin.id}`, { text: 'B1', state: 'published' }, b.auth);
    // Distinct creation times make the default order (newest first) deterministic.
    const base = Date.now() - 60_000;
    for (const [i, name] of ['P1', 'P2', 'P3', 'P4', 'P5', 'C1'].entries()) {
      await t.db
        .updateTable('ats.posting')
        .set({ created_at: new Date(base + i * 1000) } as never)
        .where('id', '=', ids[name] as string)
        .execute();
    }
  });
  after(() => t.close());

  it('rejects without auth and keeps tenants apart', async () => {
    assert.equal((await t.app.inject('/v1/postings')).statusCode, 401);
    assert.deepEqual(await texts('', b.auth), ['B1']);
    assert.equal((await get('/v1/postings/deleted', await a.key(['postings:list']))).statusCode, 403);
  });

  it('lists non-confidential postings by default with the envelope', async () => {
    const res = await get('/v1/postings');
    const body = res.json();
    assert.ok(Value.Check(ListEnvelope(Posting), body));
    assert.equal(body.hasNext, false);
    assert.equal('next' in body, false);
    assert.deepEqual(
      body.data.map((p: Posting) => p.text),
      ['P5', 'P4', 'P3', 'P2', 'P1'],
    );
  });

  it('filters by state, channel, categories and tags (repeatable, case-sensitive union)', async () => {
    assert.deepEqual(await texts('?state=published'), ['P1', 'P2']);
    assert.deepEqual(await texts('?state=published&state=internal'), ['P1', 'P2', 'P3']);
    assert.deepEqual(await texts('?distribution_channel=public'), ['P1']);
    assert.deepEqual(await texts('?distributionChannel=internal'), ['P1', 'P2']);
    assert.deepEqual(await texts('?team=Eng'), ['P1']);
    assert.deepEqual(await texts('?team=Eng&team=eng'), ['P1', 'P3']);
    assert.deepEqual(await texts('?location=Paris&location=Berlin'), ['P1', 'P2']);
    assert.deepEqual(await texts('?commitment=Part-time'), ['P4']);
    assert.deepEqual(await texts('?department=R%26D&level=Senior'), ['P1']);
    assert.deepEqual(await texts('?tag=referralbonus:3000&tag=Hot'), ['P1', 'P2']);
    assert.deepEqual(await texts('?tag=hot'), []);
    assert.deepEqual(await texts('?include=content&include=followers'), ['P1', 'P2', 'P3', 'P4', 'P5']);
  });

  it('filters by updated_at range (ms, inclusive)', async () => {
    const p3 = (await get(`/v1/postings/${ids.P3}`)).json().data as Posting;
    assert.deepEqual(await texts(`?updated_at_start=${p3.updatedAt}&updated_at_end=${p3.updatedAt}`), ['P3']);
    assert.deepEqual(await texts(`?updated_at_start=${Date.now() + 60_000}`), []);
  });

  it('applies confidentiality: confidential and all need a confidential credential', async () => {
    assert.equal((await get('/v1/postings?confidentiality=all')).statusCode, 403);
    assert.equal((await get('/v1/postings?confidentiality=confidential')).json().code, 'ForbiddenError');
    assert.deepEqual(await texts('?confidentiality=confidential', a.confidentialAuth), ['C1']);
    assert.equal((await texts('?confidentiality=all', a.confidentialAuth)).length, 6);
    assert.deepEqual(await texts('', a.confidentialAuth), ['P1', 'P2', 'P3', 'P4', 'P5']);
    assert.equal((await get(`/v1/postings/${ids.C1}`)).statusCode, 404);
    assert.equal(
      (await get(`/v1/postings/${ids.C1}`, a.confidentialAuth)).json().data.confidentiality,
      'confidential',
    );
  });

  it('rejects bad query values naming the parameter', async () => {
    for (const [q, name] of [
      ['state=open', 'state'],
      ['distribution_channel=everywhere', 'distribution_channel'],
      ['confidentiality=secret', 'confidentiality'],
      ['updated_at_start=yesterday', 'updated_at_start'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['expand=stage', 'expand'],
      ['include=everything', 'include'],
    ]) {
      const res = await get(`/v1/postings?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.match(res.json().message, new RegExp(name as string));
    }
    const bad = await get('/v1/postings?offset=garbage');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /^Invalid offset token/);
    const foreign = await get(
      `/v1/postings?offset=${encodeURIComponent(JSON.stringify(['opportunities', 1, 'x']))}`,
    );
    assert.equal(foreign.statusCode, 400);
  });

  it('paginates with stable keyset tokens, accepting double-encoded tokens', async () => {
    const seen: string[] = [];
    let url = '/v1/postings?limit=2';
    const tokens: string[] = [];
    for (;;) {
      const body = (await get(url)).json();
      seen.push(...body.data.map((p: Posting) => p.text));
      if (!body.hasNext) {
        assert.equal('next' in body, false);
        break;
      }
      tokens.push(body.next);
      url = `/v1/postings?limit=2&offset=${encodeURIComponent(body.next)}`;
    }
    assert.deepEqual(seen, ['P5', 'P4', 'P3', 'P2', 'P1']);
    // Editing a posting does not move it between pages; the same token gives the same page.
    await post(`/v1/postings/${ids.P4}`, { text: 'P4' });
    const again = (await get(`/v1/postings?limit=2&offset=${tokens[0]}`)).json();
    assert.deepEqual(
      again.data.map((p: Posting) => p.text),
      ['P3', 'P2'],
    );
  });

  it('soft-deletes (204) and lists deleted postings by deleted_at range', async () => {
    const before = Date.now();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/v1/postings/${ids.P5}`,
      headers: { authorization: a.auth },
    });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await get(`/v1/postings/${ids.P5}`)).statusCode, 404);
    assert.equal(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/v1/postings/${ids.P5}`,
          headers: { authorization: a.auth },
        })
      ).statusCode,
      404,
    );
    const list = (await get(`/v1/postings/deleted?deleted_at_start=${before - 1000}`)).json();
    assert.ok(Value.Check(ListEnvelope(DeletedItem), list));
    assert.deepEqual(
      list.data.map((d: { id: string }) => d.id),
      [ids.P5],
    );
    assert.equal(list.hasNext, false);
    assert.deepEqual((await get(`/v1/postings/deleted?deleted_at_end=${before - 1000}`)).json(), {
      data: [],
      hasNext: false,
    });
    assert.deepEqual((await get('/v1/postings/deleted', b.auth)).json(), { data: [], hasNext: false });
    assert.equal((await get('/v1/postings/deleted?deleted_at_start=x')).statusCode, 400);
    assert.ok(!(await texts('')).includes('P5'));
  });

  it('serves the application form and the posting users', async () => {
    const form = (await get(`/v1/postings/${ids.P1}/apply`)).json().data;
    assert.equal(form.id, ids.P1);
    assert.deepEqual(
      form.personalInformation.map((f: { name: string }) => f.name),
      ['fullName', 'email', 'currentCompany', 'currentLocation', 'phone', 'resume', 'additionalInformation'],
    );
    assert.deepEqual(form.customQuestions, []);
    const users = (await get(`/v1/postings/${ids.P1}/users`)).json();
    assert.deepEqual(Object.keys(users), ['posting', 'users', 'roles']);
    assert.deepEqual(users.posting, { id: ids.P1, text: 'P1' });
    assert.deepEqual(
      users.users.map((u: { id: string }) => u.id),
      [a.superAdmin.id],
    );
    assert.deepEqual(
      users.roles.map((r: { id: string }) => r.id),
      ['admin', 'limited', 'owner', 'team'],
    );
    assert.equal((await get(`/v1/postings/${ids.P1}/users`, b.auth)).statusCode, 404);
  });

  it('applies on behalf of a candidate (201 {data:{applicationId}}), deduping by email', async () => {
    const body = {
      personalInformation: [
        { name: 'fullName', value: 'Ada Lovelace' },
        { name: 'email', value: 'Ada@Example.com' },
        { name: 'phone', value: '+1 555' },
      ],
      urls: [{ name: 'GitHub', value: 'https://github.com/ada' }],
      source: 'LinkedIn',
      origin: 'sourced',
    };
    const before = await countRows(t.db, 'ats.opportunity');
    for (const [payload, code] of [
      [{ personalInformation: [{ name: 'email', value: 'x@y' }] }, 400],
      [
        {
          personalInformation: [
            { name: 'fullName', value: 'X' },
            { name: 'email', value: 'nope' },
          ],
        },
        400,
      ],
      [{ ...body, origin: 'walk-in' }, 400],
    ] as const) {
      assert.equal((await post(`/v1/postings/${ids.P1}/apply`, payload)).statusCode, code);
    }
    assert.equal((await post(`/v1/postings/${ids.P4}/apply`, body)).statusCode, 400, 'closed posting');
    assert.equal((await post(`/v1/postings/${ids.P1}/apply`, body, b.auth)).statusCode, 404);
    assert.equal(
      (await post(`/v1/postings/${ids.P1}/apply`, body, await a.key(['postings:read']))).statusCode,
      403,
    );
    assert.equal(await countRows(t.db, 'ats.opportunity'), before);

    const res = await post(`/v1/postings/${ids.P1}/apply?send_confirmation_email=false`, body);
    assert.equal(res.statusCode, 201, res.body);
    const { applicationId } = res.json().data;
    assert.deepEqual(res.json(), { data: { applicationId } });
    const app = await t.db
      .selectFrom('ats.application')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const opp = await t.db
      .selectFrom('ats.opportunity')
      .selectAll()
      .where('id', '=', app.opportunity_id)
      .executeTakeFirstOrThrow();
    assert.equal(app.type, 'posting');
    assert.equal(app.email, 'ada@example.com');
    assert.equal(opp.stage_id, 'applicant-new');
    assert.equal(opp.origin, 'sourced');
    assert.deepEqual(opp.sources, ['LinkedIn']);
    assert.deepEqual(opp.tags, ['P1', 'R&D', 'Eng', 'Berlin', 'Full-time']);
    assert.deepEqual(opp.links, ['https://github.com/ada']);
    assert.equal(opp.opportunity_location, 'Berlin');
    const change = await t.db
      .selectFrom('ats.stage_change')
      .selectAll()
      .where('opportunity_id', '=', opp.id)
      .executeTakeFirstOrThrow();
    assert.equal(change.to_stage_id, 'applicant-new');
    assert.equal(change.to_stage_index, 3);

    // Same email on another posting: same contact, new opportunity. Same posting again: same application.
    const second = (await post(`/v1/postings/${ids.P2}/apply`, body)).json().data.applicationId;
    const app2 = await t.db
      .selectFrom('ats.application')
      .selectAll()
      .where('id', '=', second)
      .executeTakeFirstOrThrow();
    const opp2 = await t.db
      .selectFrom('ats.opportunity')
      .selectAll()
      .where('id', '=', app2.opportunity_id)
      .executeTakeFirstOrThrow();
    assert.equal(opp2.contact_id, opp.contact_id);
    assert.notEqual(opp2.id, opp.id);
    const again = await post(`/v1/postings/${ids.P1}/apply`, { ...body, source: 'Indeed' });
    assert.equal(again.json().data.applicationId, applicationId);
    const opp3 = await t.db
      .selectFrom('ats.opportunity')
      .select('sources')
      .where('id', '=', opp.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([...opp3.sources].sort(), ['Indeed', 'LinkedIn']);
  });
});
