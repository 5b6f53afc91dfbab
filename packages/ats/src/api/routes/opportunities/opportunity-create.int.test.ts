import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { Opportunity, OpportunityCreated } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../../test-support.ts';
import { api, insertPosting, type Api } from './opportunity.test-factory.ts';

const TABLES = [
  'ats.opportunity',
  'ats.contact',
  'ats.application',
  'ats.stage_change',
  'ats.event_log',
  'ats.file',
] as const;

describe('POST /v1/opportunities', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let call: Api;
  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (n) => [n, await countRows(t.db, n)])));

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db);
      other = await createTestTenant(t.db);
      call = api(t.app, tenant.auth);
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  it('rejects without auth, with another tenant’s user, and without the permission', async () => {
    const url = `/v1/opportunities?perform_as=${tenant.superAdmin.id}`;
    assert.equal((await call('POST', url, { name: 'A' }, '')).status, 401);
    const noPerm = await call('POST', url, { name: 'A' }, await tenant.key(['opportunities:list']));
    assert.equal(noPerm.status, 403);
    assert.equal(noPerm.body.permission, 'opportunities:create');
    const wrongTenant = await call('POST', url, { name: 'A' }, other.auth);
    assert.equal(wrongTenant.status, 400);
    assert.equal(wrongTenant.body.fields[0].field, 'perform_as');
  });

  it('creates with defaults and answers Lever’s OpportunityCreated shape', async () => {
    const res = await call('POST', `/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
      name: 'Ada Lovelace',
      headline: 'Analyst',
      location: 'London',
      emails: [' Ada@Example.COM '],
      phones: [{ type: 'mobile', value: '5555550100' }],
      links: ['https://ada.example'],
      tags: ['Referral'],
      sources: ['LinkedIn'],
      origin: 'referred',
      unknownField: 'ignored',
    });
    assert.equal(res.status, 201);
    assert.ok(
      Value.Check(OpportunityCreated, res.body),
      JSON.stringify([...Value.Errors(OpportunityCreated, res.body)]),
    );
    const o = res.body.data;
    assert.equal(res.body.deduped, false);
    assert.deepEqual(
      {
        ...o,
        id: undefined,
        contact: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        lastInteractionAt: undefined,
        lastAdvancedAt: undefined,
        stageChanges: undefined,
        urls: undefined,
      },
      {
        id: undefined,
        contact: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        lastInteractionAt: undefined,
        lastAdvancedAt: undefined,
        stageChanges: undefined,
        urls: undefined,
        name: 'Ada Lovelace',
        headline: 'Analyst',
        stage: 'lead-new',
        confidentiality: 'non-confidential',
        location: 'London',
        phones: [{ type: 'mobile', value: '5555550100' }],
        emails: ['ada@example.com'],
        links: ['https://ada.example'],
        archived: null,
        tags: ['Referral'],
        sources: ['LinkedIn'],
        origin: 'referred',
        sourcedBy: tenant.superAdmin.id,
        owner: tenant.superAdmin.id,
        followers: [tenant.superAdmin.id],
        applications: [],
        snoozedUntil: null,
        isAnonymized: false,
        dataProtection: null,
      },
    );
    assert.equal('opportunityLocation' in o, false, 'write responses omit opportunityLocation');
    assert.deepEqual(o.stageChanges, [
      { toStageId: 'lead-new', toStageIndex: 0, updatedAt: o.createdAt, userId: tenant.superAdmin.id },
    ]);
    assert.deepEqual(o.urls, {
      list: `${t.ctx.publicUrl}/ats/candidates`,
      show: `${t.ctx.publicUrl}/ats/candidates/${o.id}`,
    });
    const events = await t.db
      .selectFrom('ats.event_log')
      .selectAll()
      .where('account_id', '=', tenant.account.id)
      .execute();
    assert.deepEqual(
      events.map((e) => e.event),
      ['contactCreated'],
    );
  });

  it('dedupes by canonical email onto the existing contact', async () => {
    const first = await call('POST', `/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
      name: 'Grace',
      emails: ['grace@example.com'],
    });
    const second = await call('POST', `/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
      name: 'Grace H',
      emails: ['GRACE@example.com', 'g2@example.com'],
    });
    assert.equal(second.status, 201);
    assert.equal(second.body.deduped, true);
    assert.equal(second.body.data.contact, first.body.data.contact);
    assert.notEqual(second.body.data.id, first.body.data.id);
    assert.equal(second.body.data.name, 'Grace', 'an existing name is kept');
    assert.deepEqual(second.body.data.emails, ['grace@example.com', 'g2@example.com']);
    const linked = await call('POST', `/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
      contact: first.body.data.contact,
    });
    assert.equal(linked.body.deduped, true);
    assert.equal(linked.body.data.contact, first.body.data.contact);
  });

  it('attaches one posting: its title and categories become tags, its confidentiality the opportunity’s, and an application of type user', async () => {
    const posting = await insertPosting(t.db, tenant.account.id, { confidentiality: 'confidential' });
    const res = await call(
      'POST',
      `/v1/opportunities?perform_as=${tenant.superAdmin.id}`,
      { name: 'Linus', tags: ['Test'], postings: [posting.id], stage: 'applicant-new' },
      tenant.confidentialAuth,
    );
    assert.equal(res.status, 201);
    const o = res.body.data;
    assert.deepEqual(o.tags, [
      'Test',
      'Backend Engineer',
      'Research & Development',
      'Engineering',
      'San Francisco, CA',
      'Full-time',
    ]);
    assert.equal(o.confidentiality, 'confidential');
    assert.equal(o.stage, 'applicant-new');
    assert.equal(o.stageChanges[0].toStageIndex, 3);
    assert.equal(o.applications.length, 1);
    const app = await call(
      'GET',
      `/v1/opportunities/${o.id}/applications/${o.applications[0]}`,
      undefined,
      tenant.confidentialAuth,
    );
    assert.equal(app.body.data.type, 'user');
    assert.equal(app.body.data.posting, posting.id);
    // Without confidential access the posting does not exist for the caller.
    const hidden = await call('POST', `/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
      name: 'X',
      postings: [posting.id],
    });
    assert.equal(hidden.status, 400);
    assert.equal(hidden.body.fields[0].field, 'postings');
  });

  it('perform_as_posting_owner makes the posting owner the actor and default owner', async () => {
    const owner = await t.db
      .insertInto('ats.user')
      .values({
        account_id: tenant.account.id,
        name: 'Olive Owner',
        email: `olive-${Date.now()}@x.test`,
        access_role: 'team member',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const posting = await insertPosting(t.db, tenant.account.id, { owner_id: owner.id });
    const res = await call(
      'POST',
      `/v1/opportunities?perform_as=${tenant.superAdmin.id}&perform_as_posting_owner=true`,
      { name: 'P', postings: [posting.id] },
    );
    assert.equal(res.body.data.owner, owner.id);
    assert.equal(res.body.data.sourcedBy, owner.id);
  });

  it('archives on create and takes createdAt for historical imports', async () => {
    const reason = await t.db
      .selectFrom('ats.archive_reason')
      .selectAll()
      .where('account_id', '=', tenant.account.id)
      .where('text', '=', 'Timing')
      .executeTakeFirstOrThrow();
    const res = await call('POST', `/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
      name: 'Old',
      createdAt: 1500000000000,
      archived: { reason: reason.id, archivedAt: 1500000001000 },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.data.createdAt, 1500000000000);
    assert.deepEqual(res.body.data.archived, { reason: reason.id, archivedAt: 1500000001000 });
  });

  it('accepts multipart with bracketed arrays, JSON-string phones and a resumeFile', async () => {
    const posting = await insertPosting(t.db, tenant.account.id);
    const boundary = '----hireloop';
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(
        field('name', 'Multi Part') +
          field('emails[]', 'multi@example.com') +
          field('emails[]', 'multi2@example.com') +
          field('phones[]', '{"type":"work","value":"123"}') +
          field('tags[]', 'One') +
          field('sources[]', 'Job board') +
          field('links[]', 'https://m.example') +
          field('postings[]', posting.id) +
          `--${boundary}\r\nContent-Disposition: form-data; name="resumeFile"; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from('%PDF-1.4 resume bytes'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/opportunities?perform_as=${tenant.superAdmin.id}&parse=true`,
      headers: { authorization: tenant.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    const o = res.json().data;
    assert.deepEqual(o.emails, ['multi@example.com', 'multi2@example.com']);
    assert.deepEqual(o.phones, [{ type: 'work', value: '123' }]);
    assert.deepEqual(o.tags.slice(0, 2), ['One', 'Backend Engineer']);
    assert.deepEqual(o.sources, ['Job board']);
    assert.deepEqual(o.links, ['https://m.example']);
    const files = await t.db.selectFrom('ats.file').selectAll().where('opportunity_id', '=', o.id).execute();
    assert.deepEqual(
      files.map((f) => [f.kind, f.name, f.size]),
      [['resume', 'cv.pdf', 21]],
    );
  });

  it('accepts urlencoded bodies with bracketed arrays', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/opportunities?perform_as=${tenant.superAdmin.id}`,
      headers: { authorization: tenant.auth, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Form+Body&emails[]=form@example.com&tags[]=a&tags[]=b',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().data.tags, ['a', 'b']);
    assert.deepEqual(res.json().data.emails, ['form@example.com']);
  });

  it('bad input is a 4xx naming the problem and loses nothing', async () => {
    const before = await counts();
    const url = `/v1/opportunities?perform_as=${tenant.superAdmin.id}`;
    const raw = (payload: string | Buffer, contentType: string) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: tenant.auth, 'content-type': contentType },
        payload,
      });
    const malformed = await raw('{"name": ', 'application/json');
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, 'MalformedJsonError');
    assert.equal((await raw('name=x', 'text/plain')).statusCode, 415);
    assert.equal((await raw('<x/>', 'application/xml')).statusCode, 415);

    const cases: [unknown, string, string][] = [
      [{ name: 'A', stage: 'no-such-stage' }, url, 'stage'],
      [{ name: 'A', origin: 'telepathy' }, url, 'origin'],
      [{ name: 'A', emails: ['not-an-email'] }, url, 'emails'],
      [{ name: 'A', postings: ['00000000-0000-4000-8000-000000000000'] }, url, 'postings'],
      [{ name: 'A', owner: '00000000-0000-4000-8000-000000000000' }, url, 'owner'],
      [{ name: 'A', followers: ['nope'] }, url, 'followers'],
      [{ name: 'A', contact: 'nope' }, url, 'contact'],
      [{ name: 'A', archived: { reason: 'nope' } }, url, 'archived.reason'],
      [{ headline: 'no name, no email' }, url, 'name'],
      [{ name: 'A' }, '/v1/opportunities', 'perform_as'],
      [{ name: 'A' }, '/v1/opportunities?perform_as=nope', 'perform_as'],
    ];
    for (const [body, u, fieldName] of cases) {
      const res = await call('POST', u, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status}`);
      assert.equal(res.body.code, 'ValidationError');
      assert.ok(
        JSON.stringify(res.body.fields).includes(fieldName),
        `${JSON.stringify(res.body)} names ${fieldName}`,
      );
    }
    const twoPostings = await call('POST', url, { name: 'A', postings: ['a', 'b'] });
    assert.equal(twoPostings.status, 400);

    const deactivated = await t.db
      .insertInto('ats.user')
      .values({
        account_id: tenant.account.id,
        name: 'Gone',
        email: `gone-${Date.now()}@x.test`,
        deactivated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    assert.equal(
      (await call('POST', `/v1/opportunities?perform_as=${deactivated.id}`, { name: 'A' })).status,
      400,
    );
    assert.deepEqual(await counts(), before);
  });

  it('refuses a resume over 30 MB with 413 and keeps nothing', async () => {
    const before = await counts();
    const boundary = '----big';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nBig\r\n--${boundary}\r\nContent-Disposition: form-data; name="resumeFile"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.alloc(30 * 1024 * 1024 + 10, 0x41),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/opportunities?perform_as=${tenant.superAdmin.id}`,
      headers: { authorization: tenant.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().code, 'PayloadTooLargeError');
    assert.deepEqual(await counts(), before);
  });

  it('reads back with GET in the Opportunity shape, with opportunityLocation', async () => {
    const posting = await insertPosting(t.db, tenant.account.id);
    const o = (
      await call('POST', `/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
        name: 'Read Back',
        postings: [posting.id],
      })
    ).body.data;
    const res = await call('GET', `/v1/opportunities/${o.id}`);
    assert.equal(res.status, 200);
    assert.ok(Value.Check(Opportunity, res.body.data));
    assert.deepEqual(res.body.data, { ...o, opportunityLocation: 'San Francisco, CA' });
  });
});
