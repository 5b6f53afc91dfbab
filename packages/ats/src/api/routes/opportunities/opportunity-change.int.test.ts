import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { Application, Contact, ListEnvelope, Opportunity, SingleEnvelope } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../../test-support.ts';
import { api, createViaApi, insertPosting, limitedAuth, type Api } from './opportunity.test-factory.ts';

describe('opportunity changes, contacts and applications', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let call: Api;
  let as: string;
  let reasons: Record<string, string>;
  const events = async (opportunityId: string) =>
    (
      await t.db
        .selectFrom('ats.event_log')
        .selectAll()
        .where('account_id', '=', tenant.account.id)
        .orderBy('seq')
        .execute()
    ).filter((e) => (e.data as { opportunityId?: string }).opportunityId === opportunityId);

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      other = await createTestTenant(t.db);
      call = api(t.app, tenant.auth);
      as = tenant.superAdmin.id;
      const rows = await t.db
        .selectFrom('ats.archive_reason')
        .select(['id', 'text'])
        .where('account_id', '=', tenant.account.id)
        .execute();
      reasons = Object.fromEntries(rows.map((r) => [r.text, r.id]));
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  it('every change endpoint rejects no auth, a key without its permission, and another tenant (404)', async () => {
    const o = await createViaApi(call, as, { name: 'Guarded' });
    const endpoints: [
      method: 'PUT' | 'POST' | 'DELETE' | 'GET',
      path: string,
      body: unknown,
      permission: string,
    ][] = [
      ['PUT', `/v1/opportunities/${o.id}/stage`, { stage: 'offer' }, 'opportunity_stage:update'],
      ['PUT', `/v1/opportunities/${o.id}/archived`, { reason: null }, 'opportunity_archived:update'],
      ['POST', `/v1/opportunities/${o.id}/addTags`, { tags: ['x'] }, 'opportunity_tags:update'],
      ['POST', `/v1/opportunities/${o.id}/removeSources`, { sources: ['x'] }, 'opportunity_sources:update'],
      ['POST', `/v1/opportunities/${o.id}/addLinks`, { links: ['x'] }, 'opportunity_links:update'],
      ['DELETE', `/v1/opportunities/${o.id}`, undefined, 'opportunities:delete'],
      ['GET', `/v1/contacts/${o.contact}`, undefined, 'contacts:read'],
      ['PUT', `/v1/contacts/${o.contact}`, { name: 'x', emails: [], phones: [] }, 'contacts:update'],
      ['GET', `/v1/opportunities/${o.id}/applications`, undefined, 'applications:list'],
      ['GET', '/v1/applications/deleted', undefined, 'deleted_applications:list'],
      ['GET', '/v1/opportunities/deleted', undefined, 'deleted_opportunities:list'],
    ];
    const weak = await tenant.key(['opportunities:read']);
    const before = await countRows(t.db, 'ats.event_log');
    for (const [method, path, body, permission] of endpoints) {
      assert.equal((await call(method, path, body, '')).status, 401, path);
      const denied = await call(method, path, body, weak);
      assert.equal(denied.status, 403, path);
      assert.equal(denied.body.permission, permission);
      if (!path.includes('deleted'))
        assert.equal(
          (await call(method, path, body, other.auth)).status,
          404,
          `${method} ${path} other tenant`,
        );
    }
    assert.equal(await countRows(t.db, 'ats.event_log'), before);
    assert.equal((await call('GET', `/v1/opportunities/${o.id}`)).body.data.stage, 'lead-new');
  });

  it('PUT stage adds a stage change, moves lastAdvancedAt and reports candidateStageChange', async () => {
    const o = await createViaApi(call, as, { name: 'Stager', origin: 'applied' });
    const res = await call('PUT', `/v1/opportunities/${o.id}/stage?perform_as=${as}`, { stage: 'offer' });
    assert.equal(res.status, 200);
    assert.ok(Value.Check(SingleEnvelope(Opportunity), res.body));
    const d = res.body.data;
    assert.equal(d.stage, 'offer');
    assert.equal(d.stageChanges.length, 2);
    assert.deepEqual(
      { ...d.stageChanges[1], updatedAt: 0 },
      { toStageId: 'offer', toStageIndex: 8, updatedAt: 0, userId: as },
    );
    assert.equal(d.lastAdvancedAt, d.stageChanges[1]?.updatedAt);
    assert.equal('opportunityLocation' in d, false);
    const e = await events(o.id);
    assert.deepEqual(
      e.map((x) => [x.event, x.data, x.origin]),
      [
        [
          'candidateStageChange',
          {
            opportunityId: o.id,
            candidateId: o.id,
            contactId: o.contact,
            fromStageId: 'lead-new',
            toStageId: 'offer',
          },
          'applied',
        ],
      ],
    );
    // Same stage: no new change, no event. Unknown stage: 400 naming it, nothing changed.
    assert.equal(
      (await call('PUT', `/v1/opportunities/${o.id}/stage`, { stage: 'offer' })).body.data.stageChanges
        .length,
      2,
    );
    const bad = await call('PUT', `/v1/opportunities/${o.id}/stage`, { stage: 'nope' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.fields[0].field, 'stage');
    assert.equal(
      (await call('PUT', `/v1/opportunities/${o.id}/stage?perform_as=nope`, { stage: 'lead-new' })).status,
      400,
    );
    assert.equal((await call('PUT', `/v1/opportunities/${o.id}/stage`, {})).status, 400);
    assert.equal((await events(o.id)).length, 1);
  });

  it('PUT archived archives, changes the reason, hires (application hired) and unarchives, with events', async () => {
    const posting = await insertPosting(t.db, tenant.account.id);
    const o = await createViaApi(call, as, { name: 'Archie', postings: [posting.id] });
    const archived = await call('PUT', `/v1/opportunities/${o.id}/archived`, {
      reason: reasons.Timing,
      cleanInterviews: false,
    });
    assert.equal(archived.status, 200);
    const a1 = archived.body.data.archived;
    assert.equal(a1.reason, reasons.Timing);
    const hired = await call('PUT', `/v1/opportunities/${o.id}/archived`, {
      reason: reasons.Hired,
      requisitionId: 'REQ-1',
    });
    const a2 = hired.body.data.archived;
    assert.equal(a2.reason, reasons.Hired);
    const app = (await call('GET', `/v1/opportunities/${o.id}/applications`)).body;
    assert.ok(Value.Check(ListEnvelope(Application), app));
    assert.deepEqual(app.data[0]?.archived, a2);
    assert.deepEqual(app.data[0]?.requisitionForHire, {
      id: 'REQ-1',
      requisitionCode: null,
      hiringManagerOnHire: null,
    });
    const row = await t.db
      .selectFrom('ats.application')
      .select('hired_at')
      .where('opportunity_id', '=', o.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.hired_at);
    const un = await call('PUT', `/v1/opportunities/${o.id}/archived`, { reason: null });
    assert.equal(un.body.data.archived, null);
    const e = (await events(o.id)).map((x) => [x.event, x.data]);
    const ids = { opportunityId: o.id, candidateId: o.id, contactId: o.contact };
    assert.deepEqual(e, [
      ['applicationCreated', { applicationId: o.applications[0], ...ids }],
      ['candidateArchiveChange', { ...ids, fromArchived: null, toArchived: a1 }],
      ['candidateArchiveChange', { ...ids, fromArchived: a1, toArchived: a2 }],
      ['candidateHired', ids],
      ['candidateArchiveChange', { ...ids, fromArchived: a2, toArchived: null }],
    ]);
    const bad = await call('PUT', `/v1/opportunities/${o.id}/archived`, { reason: 'not-a-reason' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.fields[0].field, 'reason');
    assert.equal((await call('PUT', `/v1/opportunities/${o.id}/archived`, {})).status, 400);
  });

  it('adds and removes tags, sources and links (set semantics, order kept)', async () => {
    const o = await createViaApi(call, as, { name: 'Labels', tags: ['a'], sources: ['s1'], links: ['l1'] });
    const step = async (path: string, body: unknown) => {
      const res = await call('POST', `/v1/opportunities/${o.id}/${path}`, body);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.data;
    };
    assert.deepEqual((await step('addTags', { tags: ['b', 'a', 'c'] })).tags, ['a', 'b', 'c']);
    assert.deepEqual((await step('removeTags', { tags: ['b', 'zzz'] })).tags, ['a', 'c']);
    assert.deepEqual((await step('addSources', { sources: ['s2'] })).sources, ['s1', 's2']);
    assert.deepEqual((await step('removeSources', { sources: ['s1'] })).sources, ['s2']);
    assert.deepEqual((await step('addLinks', { links: ['l2'] })).links, ['l1', 'l2']);
    assert.deepEqual((await step('removeLinks', { links: ['l1', 'l2'] })).links, []);
    assert.equal(
      (await call('POST', `/v1/opportunities/${o.id}/addTags`, { tags: 'not-a-list' })).status,
      200,
      'a single value is coerced to a list',
    );
    assert.equal((await call('POST', `/v1/opportunities/${o.id}/addTags`, { nope: [] })).status, 400);
  });

  it('DELETE soft-deletes (204), then it is 404, listed in /deleted with its application, and candidateDeleted is reported', async () => {
    const posting = await insertPosting(t.db, tenant.account.id);
    const o = await createViaApi(call, as, { name: 'Doomed', postings: [posting.id] });
    const since = Date.now() - 1;
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/v1/opportunities/${o.id}?perform_as=${as}`,
      headers: { authorization: tenant.auth },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await call('GET', `/v1/opportunities/${o.id}`)).status, 404);
    assert.equal((await call('PUT', `/v1/opportunities/${o.id}/stage`, { stage: 'offer' })).status, 404);
    assert.equal((await call('DELETE', `/v1/opportunities/${o.id}`)).status, 404);
    const deleted = (await call('GET', `/v1/opportunities/deleted?deleted_at_start=${since}`)).body;
    assert.deepEqual(
      deleted.data.map((d: { id: string }) => d.id),
      [o.id],
    );
    assert.equal(deleted.hasNext, false);
    assert.equal('next' in deleted, false);
    assert.equal(typeof deleted.data[0].deletedAt, 'number');
    assert.deepEqual(
      (await call('GET', `/v1/opportunities/deleted?deleted_at_end=${since - 10}`)).body.data,
      [],
    );
    const apps = (await call('GET', `/v1/applications/deleted?deleted_at_start=${since}`)).body;
    assert.deepEqual(
      apps.data.map((d: { id: string; opportunityId: string }) => [d.id, d.opportunityId]),
      [[o.applications[0], o.id]],
    );
    assert.deepEqual(
      await call('GET', '/v1/applications/deleted', undefined, other.auth).then((r) => r.body.data),
      [],
    );
    const e = (await events(o.id)).at(-1);
    assert.deepEqual(
      [e?.event, e?.data],
      ['candidateDeleted', { opportunityId: o.id, candidateId: o.id, contactId: o.contact, deletedBy: as }],
    );
  });

  it('deleted lists page by keyset tokens', async () => {
    const since = Date.now() - 1;
    for (let i = 0; i < 3; i++) {
      const o = await createViaApi(call, as, { name: `Gone ${i}` });
      await call('DELETE', `/v1/opportunities/${o.id}`);
    }
    const first = (await call('GET', `/v1/opportunities/deleted?limit=2&deleted_at_start=${since}`)).body;
    assert.equal(first.data.length, 2);
    assert.equal(first.hasNext, true);
    const second = (
      await call(
        'GET',
        `/v1/opportunities/deleted?limit=2&deleted_at_start=${since}&offset=${encodeURIComponent(first.next)}`,
      )
    ).body;
    assert.equal(second.data.length, 1);
    assert.equal(new Set([...first.data, ...second.data].map((d: { id: string }) => d.id)).size, 3);
    assert.equal(
      (await call('GET', `/v1/applications/deleted?offset=${encodeURIComponent(first.next)}`)).status,
      400,
    );
  });

  it('GET/PUT /contacts/:id: location is an object; PUT replaces fields, bumps the opportunity and reports contactUpdated', async () => {
    const o = await createViaApi(call, as, {
      name: 'Connie',
      headline: 'H',
      location: 'Paris',
      emails: ['connie@example.com'],
      phones: [{ type: 'mobile', value: '1' }],
    });
    const got = await call('GET', `/v1/contacts/${o.contact}`);
    assert.equal(got.status, 200);
    assert.ok(Value.Check(SingleEnvelope(Contact), got.body));
    assert.deepEqual(got.body.data, {
      id: o.contact,
      name: 'Connie',
      headline: 'H',
      isAnonymized: false,
      location: { name: 'Paris' },
      emails: ['connie@example.com'],
      phones: [{ type: 'mobile', value: '1' }],
      dataProtection: null,
    });
    const put = await call('PUT', `/v1/contacts/${o.contact}`, {
      name: 'Connie B',
      location: { name: 'Lyon' },
      emails: ['New@Example.com'],
      phones: [],
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.data.location, { name: 'Lyon' });
    assert.deepEqual(put.body.data.emails, ['new@example.com']);
    const after = (await call('GET', `/v1/opportunities/${o.id}`)).body.data;
    assert.equal(after.name, 'Connie B');
    assert.equal(after.location, 'Lyon');
    assert.ok(after.updatedAt >= o.updatedAt);
    assert.equal(
      (
        await call('PUT', `/v1/contacts/${o.contact}`, {
          name: 'X',
          location: 'Nice',
          emails: [],
          phones: [],
        })
      ).body.data.location.name,
      'Nice',
    );
    const updates = await t.db
      .selectFrom('ats.event_log')
      .select('data')
      .where('event', '=', 'contactUpdated')
      .execute();
    assert.equal(updates.filter((u) => (u.data as { contactId: string }).contactId === o.contact).length, 2);
    assert.equal(
      (await call('PUT', `/v1/contacts/${o.contact}`, { name: 'X', emails: ['bad'], phones: [] })).status,
      400,
    );
    assert.equal((await call('PUT', `/v1/contacts/${o.contact}`, { emails: [], phones: [] })).status, 400);
    assert.equal((await call('GET', '/v1/contacts/not-a-uuid')).status, 404);
    assert.equal((await call('GET', `/v1/contacts/${o.contact}`, undefined, other.auth)).status, 404);
  });

  it('GET applications: list and one, 404 for another opportunity’s or unknown application', async () => {
    const posting = await insertPosting(t.db, tenant.account.id, { owner_id: as });
    const o = await createViaApi(call, as, { name: 'Appy', postings: [posting.id] });
    const plain = await createViaApi(call, as, { name: 'No posting' });
    const one = await call('GET', `/v1/opportunities/${o.id}/applications/${o.applications[0]}`);
    assert.ok(Value.Check(SingleEnvelope(Application), one.body));
    const { createdAt, ...rest } = one.body.data;
    assert.equal(typeof createdAt, 'number');
    assert.deepEqual(rest, {
      id: o.applications[0],
      type: 'user',
      candidateId: o.id,
      opportunityId: o.id,
      posting: posting.id,
      postingHiringManager: null,
      postingOwner: as,
      name: null,
      company: null,
      phone: null,
      email: null,
      links: [],
      comments: null,
      user: as,
      customQuestions: [],
      archived: null,
      requisitionForHire: null,
      ipAddress: null,
      referer: null,
      userAgent: null,
      acceptLanguage: null,
      timezone: null,
    });
    assert.deepEqual((await call('GET', `/v1/opportunities/${plain.id}/applications`)).body, {
      data: [],
      hasNext: false,
    });
    assert.equal(
      (await call('GET', `/v1/opportunities/${plain.id}/applications/${o.applications[0]}`)).status,
      404,
    );
    assert.equal((await call('GET', `/v1/opportunities/${o.id}/applications/nope`)).status, 404);
  });

  it('a limited team member sees only opportunities of postings they own, hire for or follow — on list, get and sub-endpoints', async () => {
    const lee = tenant.limitedMember.id;
    const auth = limitedAuth(t.ctx, tenant.account.id, lee);
    const owned = await insertPosting(t.db, tenant.account.id, { owner_id: lee });
    const hiring = await insertPosting(t.db, tenant.account.id, { hiring_manager_id: lee });
    const followed = await insertPosting(t.db, tenant.account.id, { followers: [lee] });
    const foreign = await insertPosting(t.db, tenant.account.id);
    const mine = await Promise.all(
      [owned, hiring, followed].map((p) => createViaApi(call, as, { name: 'Mine', postings: [p.id] })),
    );
    const theirs = await createViaApi(call, as, { name: 'Not mine', postings: [foreign.id] });
    const unattached = await createViaApi(call, as, { name: 'No posting' });
    const listed = (await call('GET', '/v1/opportunities?limit=100', undefined, auth)).body.data
      .map((o: { id: string }) => o.id)
      .sort();
    assert.deepEqual(listed, mine.map((o) => o.id).sort());
    for (const hidden of [theirs, unattached]) {
      for (const path of [
        `/v1/opportunities/${hidden.id}`,
        `/v1/opportunities/${hidden.id}/applications`,
        `/v1/contacts/${hidden.contact}`,
      ])
        assert.equal((await call('GET', path, undefined, auth)).status, 404, path);
      assert.equal(
        (await call('PUT', `/v1/opportunities/${hidden.id}/stage`, { stage: 'offer' }, auth)).status,
        404,
      );
      assert.equal(
        (await call('POST', `/v1/opportunities/${hidden.id}/addTags`, { tags: ['x'] }, auth)).status,
        404,
      );
      assert.equal(
        (await call('PUT', `/v1/contacts/${hidden.contact}`, { name: 'x', emails: [], phones: [] }, auth))
          .status,
        404,
      );
      assert.equal((await call('DELETE', `/v1/opportunities/${hidden.id}`, undefined, auth)).status, 404);
    }
    assert.equal(
      (await call('GET', `/v1/opportunities/${mine[0]?.id}/applications`, undefined, auth)).body.data.length,
      1,
    );
    assert.equal((await call('GET', `/v1/contacts/${mine[1]?.contact}`, undefined, auth)).status, 200);
    assert.equal(
      (await call('PUT', `/v1/opportunities/${mine[2]?.id}/stage`, { stage: 'offer' }, auth)).status,
      200,
    );
  });

  it('confidential opportunities need confidential access on get, changes and sub-endpoints', async () => {
    const posting = await insertPosting(t.db, tenant.account.id, { confidentiality: 'confidential' });
    const o = await createViaApi(
      call,
      as,
      { name: 'Secret', postings: [posting.id] },
      tenant.confidentialAuth,
    );
    for (const path of [
      `/v1/opportunities/${o.id}`,
      `/v1/opportunities/${o.id}/applications`,
      `/v1/contacts/${o.contact}`,
    ]) {
      assert.equal((await call('GET', path)).status, 404, path);
      assert.equal((await call('GET', path, undefined, tenant.confidentialAuth)).status, 200, path);
    }
    assert.equal(
      (await call('PUT', `/v1/opportunities/${o.id}/archived`, { reason: reasons.Timing })).status,
      404,
    );
    assert.equal(
      (
        await call(
          'PUT',
          `/v1/opportunities/${o.id}/archived`,
          { reason: reasons.Timing },
          tenant.confidentialAuth,
        )
      ).status,
      200,
    );
  });
});
