import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import {
  ArchiveReason,
  BUILT_IN_STAGES,
  DispositionStages,
  ListEnvelope,
  SingleEnvelope,
  Source,
  Stage,
  Tag,
} from '@hireloop/lever/wire';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../../test-support.ts';
import { DEFAULT_ARCHIVE_REASONS, DEFAULT_STAGES } from '../../domain/accounts/pipeline-defaults.ts';

/** Schema conformance as a plain boolean (Value.Check would narrow the body's type for the rest of the test). */
const conforms = (schema: TSchema, value: unknown): boolean => Value.Check(schema, value);
describe('/v1 stages, archive reasons, sources and tags', () => {
  let t: AtsTestApp;
  let a: TestTenant;
  let b: TestTenant;
  const get = (auth: string, url: string) => t.app.inject({ url, headers: { authorization: auth } });

  before(async () => {
    t = await createAtsTestApp();
    a = await createTestTenant(t.db);
    b = await createTestTenant(t.db);
    // Opportunities with labels: two public, one confidential (its tag and source must stay hidden).
    const opp = async (
      tenant: TestTenant,
      tags: string[],
      sources: string[],
      confidential = false,
      deleted = false,
    ) => {
      const contact = await t.db
        .insertInto('ats.contact')
        .values({ account_id: tenant.account.id, name: 'C' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('ats.opportunity')
        .values({
          account_id: tenant.account.id,
          contact_id: contact.id,
          stage_id: 'lead-new',
          tags,
          sources,
          confidentiality: confidential ? 'confidential' : 'non-confidential',
          deleted_at: deleted ? new Date() : null,
        })
        .execute();
    };
    await opp(a, ['Referral', 'Python'], ['LinkedIn']);
    await opp(a, ['Referral'], ['Referral', 'LinkedIn']);
    await opp(a, ['Secret project'], ['Headhunter'], true);
    await opp(a, ['Deleted tag'], ['Deleted source'], false, true);
    await opp(b, ['Other tenant'], ['Other source']);
  });
  after(() => t.close());

  it('rejects without auth and without the permission; other tenants see none of it', async () => {
    for (const url of [
      '/v1/stages',
      '/v1/stages/lead-new',
      '/v1/disposition_stages',
      '/v1/archive_reasons',
      '/v1/sources',
      '/v1/tags',
    ]) {
      assert.equal((await t.app.inject(url)).statusCode, 401, url);
    }
    const none = await a.key(['users:list']);
    const expected: [string, string][] = [
      ['/v1/stages', 'stages:list'],
      ['/v1/stages/lead-new', 'stages:read'],
      ['/v1/disposition_stages', 'stages:list'],
      ['/v1/archive_reasons', 'archive_reasons:list'],
      ['/v1/sources', 'sources:list'],
      ['/v1/tags', 'tags:list'],
    ];
    for (const [url, permission] of expected) {
      const res = await get(none, url);
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().permission, permission);
    }
    const reason = (await get(a.auth, '/v1/archive_reasons?type=hired')).json().data[0];
    assert.equal((await get(b.auth, `/v1/archive_reasons/${reason.id}`)).statusCode, 404);
    const custom = (await get(a.auth, '/v1/stages'))
      .json()
      .data.find((s: { id: string }) => s.id.length === 36);
    assert.equal((await get(b.auth, `/v1/stages/${custom.id}`)).statusCode, 404);
    assert.deepEqual((await get(b.auth, '/v1/tags')).json(), {
      data: [{ text: 'Other tenant', count: 1 }],
      hasNext: false,
    });
  });

  it('validates limit, offset and type', async () => {
    for (const url of [
      '/v1/stages?limit=0',
      '/v1/tags?limit=500',
      '/v1/archive_reasons?type=fired',
      '/v1/stages?offset=x',
      '/v1/tags?offset=%5B%22stages%22%2C1%2C%22a%22%5D',
      '/v1/archive_reasons?offset=%5B%22archive_reasons%22%2C%22a%22%2C%22b%22%5D',
    ]) {
      const res = await get(a.auth, url);
      assert.equal(res.statusCode, 400, url);
    }
    assert.match((await get(a.auth, '/v1/archive_reasons?type=fired')).json().message, /type/);
    assert.match((await get(a.auth, '/v1/tags?offset=zzz')).json().message, /Invalid offset token/);
    assert.equal((await get(a.auth, '/v1/stages/nope')).statusCode, 404);
    assert.equal((await get(a.auth, '/v1/archive_reasons/not-a-uuid')).statusCode, 404);
  });

  it('lists stages in pipeline order with Lever built-in ids, paginated', async () => {
    const res = (await get(a.auth, '/v1/stages')).json();
    assert.ok(conforms(ListEnvelope(Stage), res));
    assert.equal(res.hasNext, false);
    assert.ok(!('next' in res));
    assert.deepEqual(
      res.data.map((s: { text: string }) => s.text),
      DEFAULT_STAGES.map((s) => s.text),
    );
    for (const b of BUILT_IN_STAGES)
      assert.deepEqual(
        res.data.find((s: { id: string }) => s.id === b.id),
        { id: b.id, text: b.text },
      );
    const first = (await get(a.auth, '/v1/stages?limit=4')).json();
    assert.equal(first.hasNext, true);
    const second = (await get(a.auth, `/v1/stages?limit=50&offset=${first.next}`)).json();
    assert.deepEqual([...first.data, ...second.data], res.data);
    assert.deepEqual((await get(a.auth, '/v1/stages/offer')).json(), {
      data: { id: 'offer', text: 'Offer' },
    });
  });

  it('disposition_stages has pipeline, rank, hasInterview and active reasons typed hired or null', async () => {
    const res = (await get(a.auth, '/v1/disposition_stages')).json();
    assert.ok(conforms(SingleEnvelope(DispositionStages), res));
    assert.deepEqual(res.data.stages[0], {
      id: 'lead-new',
      text: 'New lead',
      pipeline: 'lead',
      rank: 1,
      hasInterview: false,
    });
    assert.ok(res.data.stages.some((s: { rank: number }) => s.rank === 230.5));
    assert.equal(res.data.archiveReasons.length, DEFAULT_ARCHIVE_REASONS.length);
    const hired = res.data.archiveReasons.filter((r: { type: string | null }) => r.type === 'hired');
    assert.deepEqual(
      hired.map((r: { text: string }) => r.text),
      ['Hired'],
    );
    assert.ok(
      res.data.archiveReasons
        .filter((r: { type: string | null }) => r.type !== 'hired')
        .every((r: { type: null }) => r.type === null),
    );
  });

  it('lists and gets archive reasons, filtered by type', async () => {
    const all = (await get(a.auth, '/v1/archive_reasons')).json();
    assert.ok(conforms(ListEnvelope(ArchiveReason), all));
    assert.equal(all.data.length, DEFAULT_ARCHIVE_REASONS.length);
    const hired = (await get(a.auth, '/v1/archive_reasons?type=hired')).json().data;
    assert.deepEqual(hired, [{ id: hired[0].id, text: 'Hired', status: 'active', type: 'hired' }]);
    const nonHired = (await get(a.auth, '/v1/archive_reasons?type=non-hired')).json().data;
    assert.equal(nonHired.length, DEFAULT_ARCHIVE_REASONS.length - 1);
    const [reason] = hired as { id: string }[];
    assert.ok(reason);
    assert.deepEqual((await get(a.auth, `/v1/archive_reasons/${reason.id}`)).json(), { data: reason });
    const page1 = (await get(a.auth, '/v1/archive_reasons?limit=5')).json();
    const page2 = (
      await get(a.auth, `/v1/archive_reasons?limit=5&offset=${encodeURIComponent(page1.next)}`)
    ).json();
    assert.deepEqual([...page1.data, ...page2.data], all.data);
  });

  it('sources and tags count visible opportunities; confidential labels need confidential access', async () => {
    const tags = (await get(a.auth, '/v1/tags')).json();
    assert.ok(conforms(ListEnvelope(Tag), tags));
    assert.deepEqual(tags, {
      data: [
        { text: 'Python', count: 1 },
        { text: 'Referral', count: 2 },
      ],
      hasNext: false,
    });
    const sources = (await get(a.auth, '/v1/sources')).json();
    assert.ok(conforms(ListEnvelope(Source), sources));
    assert.deepEqual(sources, {
      data: [
        { text: 'LinkedIn', count: 2 },
        { text: 'Referral', count: 1 },
      ],
      hasNext: false,
    });
    const confidential = (await get(a.confidentialAuth, '/v1/tags'))
      .json()
      .data.map((x: { text: string }) => x.text);
    assert.deepEqual(confidential, ['Python', 'Referral', 'Secret project']);
    const p1 = (await get(a.confidentialAuth, '/v1/sources?limit=2')).json();
    assert.deepEqual(
      p1.data.map((x: { text: string }) => x.text),
      ['Headhunter', 'LinkedIn'],
    );
    const p2 = (await get(a.confidentialAuth, `/v1/sources?limit=2&offset=${p1.next}`)).json();
    assert.deepEqual(p2, { data: [{ text: 'Referral', count: 1 }], hasNext: false });
  });
});
