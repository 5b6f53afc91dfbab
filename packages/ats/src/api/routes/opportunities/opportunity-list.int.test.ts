import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Value } from 'typebox/value';
import { Application, Contact, ListEnvelope, Opportunity, Stage, User } from '@hireloop/lever/wire';
import {
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../../test-support.ts';
import { api, createViaApi, insertPosting, type Api } from './opportunity.test-factory.ts';

describe('GET /v1/opportunities', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let call: Api;
  let as: string;
  const ids = async (query: string, auth?: string): Promise<string[]> => {
    const res = await call('GET', `/v1/opportunities?${query}`, undefined, auth);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.data.map((o: { id: string }) => o.id).sort();
  };
  const sorted = (...xs: string[]) => [...xs].sort();

  // A small fixed world for the filters.
  let a: Opportunity, b: Opportunity, c: Opportunity, conf: Opportunity;
  let posting: { id: string }, posting2: { id: string }, timing: { id: string };

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      other = await createTestTenant(t.db);
      call = api(t.app, tenant.auth);
      as = tenant.superAdmin.id;
      posting = await insertPosting(t.db, tenant.account.id);
      posting2 = await insertPosting(t.db, tenant.account.id, { text: 'Designer', team: 'Design' });
      const confPosting = await insertPosting(t.db, tenant.account.id, { confidentiality: 'confidential' });
      timing = await t.db
        .selectFrom('ats.archive_reason')
        .select('id')
        .where('account_id', '=', tenant.account.id)
        .where('text', '=', 'Timing')
        .executeTakeFirstOrThrow();
      a = await createViaApi(call, as, {
        name: 'A',
        emails: ['a@example.com'],
        tags: ['red'],
        sources: ['LinkedIn'],
        origin: 'sourced',
        postings: [posting.id],
        createdAt: 1_600_000_000_000,
      });
      b = await createViaApi(call, as, {
        name: 'B',
        emails: ['b@example.com'],
        tags: ['blue'],
        sources: ['Referral'],
        origin: 'referred',
        postings: [posting2.id],
        stage: 'offer',
        createdAt: 1_600_000_100_000,
      });
      c = await createViaApi(call, as, {
        name: 'C',
        tags: ['red', 'blue'],
        origin: 'applied',
        createdAt: 1_600_000_200_000,
        archived: { reason: timing.id, archivedAt: 1_600_000_300_000 },
      });
      conf = await createViaApi(
        call,
        as,
        { name: 'Conf', postings: [confPosting.id], createdAt: 1_600_000_050_000 },
        tenant.confidentialAuth,
      );
      await t.db
        .updateTable('ats.opportunity')
        .set({ snoozed_until: new Date(Date.now() + 86_400_000) })
        .where('id', '=', b.id)
        .execute();
      await createViaApi(call, other.superAdmin.id, { name: 'Other tenant', tags: ['red'] }, other.auth);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  it('rejects without auth, without the permission; another tenant sees none of these', async () => {
    assert.equal((await call('GET', '/v1/opportunities', undefined, '')).status, 401);
    const res = await call('GET', '/v1/opportunities', undefined, await tenant.key(['opportunities:read']));
    assert.equal(res.status, 403);
    assert.equal(res.body.permission, 'opportunities:list');
    const theirs = await ids('limit=100', other.auth);
    assert.equal(theirs.length, 1);
    assert.equal((await call('GET', `/v1/opportunities/${a.id}`, undefined, other.auth)).status, 404);
    assert.equal((await call('GET', `/v1/opportunities/not-a-uuid`)).status, 404);
  });

  it('lists newest first in the Lever envelope, omitting next on the last page', async () => {
    const res = await call('GET', '/v1/opportunities');
    assert.ok(Value.Check(ListEnvelope(Opportunity), res.body));
    assert.deepEqual(
      res.body.data.map((o: { id: string }) => o.id),
      [c.id, b.id, a.id],
    );
    assert.equal(res.body.hasNext, false);
    assert.equal('next' in res.body, false);
    assert.equal(res.body.data[2]?.opportunityLocation, 'San Francisco, CA');
  });

  it('applies every filter (repeated values are a union)', async () => {
    const cases: [string, string[]][] = [
      ['tag=red', [a.id, c.id]],
      ['tag=red&tag=blue', [a.id, b.id, c.id]],
      ['tag=Red', []],
      ['email=A@EXAMPLE.com', [a.id]],
      ['email=a@example.com&email=b@example.com', [a.id, b.id]],
      ['origin=referred', [b.id]],
      ['origin=referred&origin=applied', [b.id, c.id]],
      ['source=LinkedIn', [a.id]],
      ['stage_id=offer', [b.id]],
      ['stage_id=lead-new&stage_id=offer', [a.id, b.id, c.id]],
      [`posting_id=${posting.id}`, [a.id]],
      [`posting_id=${posting.id}&posting_id=${posting2.id}`, [a.id, b.id]],
      [`archived_posting_id=${posting.id}`, []],
      ['created_at_start=1600000100000', [b.id, c.id]],
      ['created_at_start=1600000000000&created_at_end=1600000100000', [a.id, b.id]],
      ['archived=true', [c.id]],
      ['archived=False', [a.id, b.id]],
      ['archived=TRUE', [c.id]],
      [`archive_reason_id=${timing.id}`, [c.id]],
      ['archived_at_start=1600000300000&archived_at_end=1600000300000', [c.id]],
      ['snoozed=true', [b.id]],
      ['snoozed=false', [a.id, c.id]],
      [`contact_id=${a.contact}`, [a.id]],
      ['confidentiality=all', [a.id, b.id, c.id]],
      ['confidentiality=confidential', []],
    ];
    for (const [query, expected] of cases) assert.deepEqual(await ids(query), sorted(...expected), query);
    // With confidential access, the filter decides.
    assert.deepEqual(await ids('confidentiality=confidential', tenant.confidentialAuth), [conf.id]);
    assert.deepEqual(
      await ids('confidentiality=all', tenant.confidentialAuth),
      sorted(a.id, b.id, c.id, conf.id),
    );
    assert.deepEqual(
      await ids('', tenant.confidentialAuth),
      sorted(a.id, b.id, c.id),
      'lists exclude confidential by default',
    );
    const now = Date.now();
    assert.deepEqual(await ids(`updated_at_start=${now - 60_000}`), sorted(a.id, b.id, c.id));
    assert.deepEqual(await ids(`advanced_at_end=1600000050000`), sorted(a.id));
    // archived_posting_id: archived from that posting.
    await call('PUT', `/v1/opportunities/${a.id}/archived`, { reason: timing.id });
    assert.deepEqual(await ids(`archived_posting_id=${posting.id}`), [a.id]);
    await call('PUT', `/v1/opportunities/${a.id}/archived`, { reason: null });
  });

  it('rejects bad filter values with 400 naming the parameter', async () => {
    const bad: [string, string][] = [
      ['email=not-an-email', 'Email address is not valid'],
      ['origin=telepathy', 'origin'],
      ['confidentiality=secret', 'confidentiality'],
      ['posting_id=nope', 'posting_id'],
      ['archived=maybe', 'archived'],
      ['snoozed=1', 'snoozed'],
      ['created_at_start=yesterday', 'created_at_start'],
      ['expand=everything', 'expand'],
      ['include=content', 'include'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=garbage', 'Invalid offset token'],
    ];
    for (const [query, text] of bad) {
      const res = await call('GET', `/v1/opportunities?${query}`);
      assert.equal(res.status, 400, query);
      assert.ok(JSON.stringify(res.body).includes(text), `${query}: ${JSON.stringify(res.body)}`);
    }
    const email = await call('GET', '/v1/opportunities?email=nope');
    assert.equal(email.body.message, 'Email address is not valid');
  });

  it('expands applications, stage, owner, followers, sourcedBy and contact (repeated or comma list)', async () => {
    const one = (
      await call(
        'GET',
        `/v1/opportunities/${a.id}?expand=applications,stage&expand=owner&expand=followers,sourcedBy,contact`,
      )
    ).body.data;
    assert.ok(Value.Check(Application, one.applications[0]));
    assert.equal(one.applications[0].posting, posting.id);
    assert.deepEqual(one.stage, { id: 'lead-new', text: 'New lead' });
    assert.ok(Value.Check(Stage, one.stage));
    for (const u of [one.owner, one.sourcedBy, ...one.followers]) assert.ok(Value.Check(User, u));
    assert.equal(one.owner.id, as);
    assert.ok(Value.Check(Contact, one.contact));
    assert.deepEqual(one.contact.location, { name: '' });
    const list = (await call('GET', '/v1/opportunities?expand=stage&include=followers')).body.data;
    assert.deepEqual(
      list.map((o: { stage: unknown }) => o.stage),
      [
        { id: 'lead-new', text: 'New lead' },
        { id: 'offer', text: 'Offer' },
        { id: 'lead-new', text: 'New lead' },
      ],
    );
    assert.equal(typeof list[0].owner, 'string', 'unrequested expansions stay ids');
  });

  it('keeps the stored wire (migration 0008) true through every kind of change', async () => {
    const o = await createViaApi(call, as, {
      name: 'Wire',
      emails: ['wire@example.com'],
      tags: ['x'],
      postings: [posting.id],
    });
    assert.equal(o.applications.length, 1);
    const listed = async () => {
      const res = await call('GET', `/v1/opportunities?contact_id=${o.contact}`);
      assert.equal(res.status, 200);
      const one = await call('GET', `/v1/opportunities/${o.id}`);
      assert.deepEqual(res.body.data, [one.body.data], 'list and get send the same opportunity');
      assert.ok(Value.Check(Opportunity, one.body.data));
      return one.body.data as Opportunity;
    };
    await call('PUT', `/v1/opportunities/${o.id}/stage?perform_as=${as}`, { stage: 'offer' });
    assert.deepEqual(
      (await listed()).stageChanges.map((s) => s.toStageId),
      [...o.stageChanges.map((s) => s.toStageId), 'offer'],
    );
    await call('POST', `/v1/opportunities/${o.id}/addTags`, { tags: ['y'] });
    await call('PUT', `/v1/opportunities/${o.id}/archived`, { reason: timing.id });
    let now = await listed();
    assert.deepEqual(now.tags, [...o.tags, 'y']);
    assert.equal(now.archived?.reason, timing.id);
    const put = await call('PUT', `/v1/contacts/${o.contact}`, {
      name: 'Wire “Quoted” \\ Renamed',
      headline: 'Line\nbreak',
      emails: ['new@example.com'],
      phones: [{ type: 'mobile', value: '+1 555 0100' }],
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    now = await listed();
    assert.equal(now.name, 'Wire “Quoted” \\ Renamed');
    assert.equal(now.headline, 'Line\nbreak');
    assert.deepEqual(now.emails, ['new@example.com']);
    assert.deepEqual(now.phones, [{ type: 'mobile', value: '+1 555 0100' }]);
    // Writes that bypass the API (bulk SQL, as the scale seed does) are kept too, by the statement triggers.
    await t.db.deleteFrom('ats.stage_change').where('opportunity_id', '=', o.id).execute();
    assert.deepEqual((await listed()).stageChanges, []);
    await t.db
      .updateTable('ats.application')
      .set({ deleted_at: new Date() })
      .where('opportunity_id', '=', o.id)
      .execute();
    assert.deepEqual((await listed()).applications, []);
    const stale = await sql<{ n: number }>`select count(*)::int as n from ats.opportunity o
      where o.wire_fields <> ats.opportunity_wire_fields(o)
        or o.wire_application_ids <> ats.opportunity_wire_application_ids(o.id)`.execute(t.db);
    assert.equal(stale.rows[0]?.n, 0, 'every stored wire equals a fresh computation');
  });

  describe('pagination', () => {
    let tenant: TestTenant;
    let call: Api;

    before(async () => {
      {
        tenant = await createTestTenant(t.db);
        call = api(t.app, tenant.auth);
        const contact = await t.db
          .insertInto('ats.contact')
          .values({ account_id: tenant.account.id, name: 'Bulk' })
          .returning('id')
          .executeTakeFirstOrThrow();
        // 300 rows, many sharing a created_at (sub-millisecond and equal timestamps must not skip or repeat).
        const base = Date.now() - 1_000_000;
        await t.db
          .insertInto('ats.opportunity')
          .values(
            Array.from({ length: 300 }, (_, i) => ({
              account_id: tenant.account.id,
              contact_id: contact.id,
              stage_id: 'lead-new',
              created_at: new Date(base + Math.floor(i / 7)),
            })),
          )
          .execute();
        await sql`update ats.opportunity set created_at = created_at + random() * interval '0.0009 seconds' where account_id = ${tenant.account.id} and random() < 0.5`.execute(
          t.db,
        );
      }
    });

    it('walks every row exactly once with limit 50 while rows are inserted mid-walk', async () => {
      const seen: string[] = [];
      let url = '/v1/opportunities?limit=50';
      let pages = 0;
      for (;;) {
        const res = await call('GET', url);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        seen.push(...res.body.data.map((o: { id: string }) => o.id));
        pages++;
        if (pages === 2) await createViaApi(call, tenant.superAdmin.id, { name: 'Mid walk' });
        if (!res.body.hasNext) {
          assert.equal('next' in res.body, false);
          break;
        }
        assert.equal(typeof res.body.next, 'string');
        url = `/v1/opportunities?limit=50&offset=${encodeURIComponent(res.body.next)}`;
      }
      assert.equal(pages, 6);
      assert.equal(seen.length, 300);
      assert.equal(new Set(seen).size, 300);
    });

    it('accepts the token raw, once and twice more URL-encoded; rejects a token from another list', async () => {
      const first = (await call('GET', '/v1/opportunities?limit=10')).body;
      const next: string = first.next;
      assert.match(next, /^%5B/);
      const expected = (await call('GET', `/v1/opportunities?limit=10&offset=${next}`)).body.data.map(
        (o: { id: string }) => o.id,
      );
      assert.equal(expected.length, 10);
      for (const token of [encodeURIComponent(next), encodeURIComponent(encodeURIComponent(next))]) {
        const res = await call('GET', `/v1/opportunities?limit=10&offset=${token}`);
        assert.equal(res.status, 200);
        assert.deepEqual(
          res.body.data.map((o: { id: string }) => o.id),
          expected,
        );
      }
      const postingsToken = encodeURIComponent(JSON.stringify(['postings', 1, 'x']));
      const deletedToken = encodeURIComponent(
        JSON.stringify(['deleted-opportunities', 1, '00000000-0000-4000-8000-000000000000']),
      );
      for (const token of [postingsToken, deletedToken, '%5B%22opportunities%22%2C1.5%2C%22x%22%5D']) {
        const res = await call('GET', `/v1/opportunities?offset=${encodeURIComponent(token)}`);
        assert.equal(res.status, 400);
        assert.match(res.body.message, /^Invalid offset token/);
      }
    });
  });
});
