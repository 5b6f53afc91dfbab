// The onboarding app end to end against a real local HTTP server standing in for the ATS
// (@hireloop/lever/testing/fake-lever): Sign in with Lever → its webhooks → signed candidateHired → new
// hire with office, team, start date from the offer, journey and mails; the mapping queue; token rotation;
// unhire; start-date change; re-hire linked; deletion; manual mode; disconnect. PGlite or PostgreSQL.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { createHttp, type Http } from '@hireloop/platform';
import { renderErrorHtml } from '@hireloop/platform/html';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import {
  FAKE_HIRED_REASON,
  FAKE_OTHER_REASON,
  makeOpportunity,
  makePosting,
  makeUser,
  startFakeLever,
  type FakeLever,
} from '@hireloop/lever/testing/fake-lever';
import type { Offer } from '@hireloop/lever';
import { createOnboardingModule, type OnboardingContext } from './index.ts';
import { createOrganizationWithAdmin } from './domain/orgs/accounts.service.ts';
import { addTarget } from './domain/matching/mapping.repository.ts';
import { setupConnection } from './jobs/onboarding.jobs.ts';
import { processEvent } from './domain/webhooks/process-event.service.ts';
import { pagesClient } from './testing/pages-client.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const PASSWORD = 'correct horse battery';
const START_MS = Date.parse('2030-03-04T00:00:00Z');

describe('onboarding: connect, hire → journey, corrections (fake Lever over HTTP)', () => {
  let fake: FakeLever;
  let rt: TestRuntime;
  let app: Http;
  let ctx: OnboardingContext;
  let orgId = '';
  let today = '2030-01-01';
  const client = () => pages;
  let pages: ReturnType<typeof pagesClient>;

  const offer = (opportunityId: string, startMs: number): Offer => ({
    id: randomUUID(),
    posting: null,
    createdAt: Date.now(),
    status: 'signed',
    creator: null,
    fields: [{ text: 'Anticipated start date', identifier: 'anticipated_start_date', value: startMs }],
    sentDocument: null,
    signedDocument: null,
    ...{ opportunityId },
  });

  /** A hired opportunity in the fake ATS for a posting at `location`/`team`. */
  const hireInAts = (input: {
    name: string;
    location: string;
    team: string;
    contact?: string;
    startMs?: number;
  }) => {
    const manager = makeUser({
      id: randomUUID(),
      name: 'Hannah Manager',
      email: `hm-${randomUUID().slice(0, 6)}@acme.test`,
    });
    fake.users.set(manager.id, manager);
    const posting = makePosting({ id: randomUUID(), text: 'Robotics Engineer', hiringManager: manager.id });
    posting.categories = { ...posting.categories, location: input.location, team: input.team };
    fake.postings.set(posting.id, posting);
    const appId = randomUUID();
    fake.applicationPostings.set(appId, posting.id);
    const opp = makeOpportunity({
      id: randomUUID(),
      name: input.name,
      contact: input.contact ?? randomUUID(),
      emails: [`${input.name.split(' ')[0]!.toLowerCase()}@people.test`],
      phones: [{ type: 'mobile', value: '+1 555 0100' }],
      applications: [appId],
      archived: { reason: FAKE_HIRED_REASON, archivedAt: Date.parse('2030-01-01T10:00:00Z') },
    });
    fake.opportunities.set(opp.id, opp);
    if (input.startMs !== undefined) fake.offers.set(opp.id, [offer(opp.id, input.startMs)]);
    return { opp, posting, manager };
  };

  const processAll = async () => {
    const pending = await ctx.db
      .selectFrom('onboarding.webhook_event')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('processed_at', 'is', null)
      .execute();
    for (const e of pending) await processEvent(ctx, orgId, e.id);
  };
  const hireRow = (opportunityId: string) =>
    ctx.db
      .selectFrom('onboarding.new_hire')
      .selectAll()
      .where('opportunity_id', '=', opportunityId)
      .executeTakeFirst();
  const tasksOf = async (hireId: string) =>
    ctx.db
      .selectFrom('onboarding.task as t')
      .innerJoin('onboarding.journey as j', 'j.id', 't.journey_id')
      .select(['t.title', 't.due_date', 't.offset_days', 'j.status'])
      .where('j.new_hire_id', '=', hireId)
      .orderBy('t.position')
      .execute();
  const mails = async (tag: string) =>
    (
      await sql<{
        to_address: string;
        text_body: string;
      }>`select to_address, text_body from platform.mail_message where tag = ${tag} order by created_at`.execute(
        rt.db,
      )
    ).rows;

  before(async () => {
    fake = await startFakeLever({ clientId: 'onboarding-test-client' });
    const port = await freePort();
    const module = createOnboardingModule({
      config: {
        encryptionKey: randomBytes(32),
        embeddedAtsUrl: fake.url,
        defaultClientId: undefined,
        defaultClientSecret: undefined,
      },
      leverTransport: { backoff: { baseMs: 1, maxMs: 5 }, rateLimit: false },
      today: () => today,
    });
    try {
      rt = await createTestRuntime([module], { publicUrl: `http://127.0.0.1:${port}` });
      ctx = module.context(rt);
      app = await createHttp({
        config: rt.config,
        logger: pino({ level: 'silent' }),
        readiness: [],
        htmlErrorRenderer: () => renderErrorHtml,
      });
      await module.routes!(app, rt);
      await app.listen({ port, host: '127.0.0.1' });
    } catch (e) {
      await app?.close();
      await rt?.close();
      await fake.close();
      throw e;
    }
    const { organization } = await createOrganizationWithAdmin(ctx, {
      name: 'Acme',
      slug: 'acme',
      adminEmail: 'po@acme.test',
      password: PASSWORD,
    });
    orgId = organization.id;
    for (const o of ['San Francisco, CA', 'Berlin']) await addTarget(ctx.db, orgId, 'location', o);
    await addTarget(ctx.db, orgId, 'team', 'Platform');
    pages = pagesClient(app);
  });
  after(async () => {
    await app?.close();
    await rt?.close();
    await fake?.close();
  });

  it('refuses pages without sign-in and a wrong password', async () => {
    assert.equal((await client().get('/onboarding/hires')).location, '/onboarding/sign-in');
    await client().get('/onboarding/sign-in');
    assert.equal(
      (await client().post('/onboarding/sign-in', { email: 'po@acme.test', password: 'wrong password!' }))
        .status,
      401,
    );
    assert.equal(
      (await client().post('/onboarding/sign-in', { email: 'po@acme.test', password: PASSWORD })).status,
      303,
    );
  });

  it('connects by Sign in with Lever (PKCE), then creates its four webhooks with encrypted tokens', async () => {
    const page = await client().get('/onboarding/connect');
    assert.match(page.body, /data-testid="mode">Not connected/);
    const started = await client().post('/onboarding/connect/oauth', {
      environment: 'embedded',
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
    });
    assert.equal(started.status, 303, started.body);
    const authorize = new URL(started.location!);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('scope')!, /offers:read:admin/);
    const atAts = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(atAts.headers.get('location')!);
    assert.equal((await client().get(`${callback.pathname}${callback.search}`)).status, 303);
    await setupConnection(ctx, orgId);
    assert.deepEqual([...fake.webhooks.values()].map((w) => w.event).sort(), [
      'candidateArchiveChange',
      'candidateDeleted',
      'candidateHired',
      'candidateStageChange',
    ]);
    const rows = await ctx.db.selectFrom('onboarding.webhook_subscription').selectAll().execute();
    assert.ok(
      rows.every(
        (r) => !r.signature_token_enc.includes(fake.webhooks.get(r.ats_webhook_id!)!.signatureToken),
      ),
    );
    assert.match(
      (await client().get('/onboarding/connect')).body,
      /data-testid="mode">Sign in with Lever \(OAuth\)/,
    );
  });

  it('candidateHired → new hire with office, team, manager and start date from the offer; journey; mails', async () => {
    const { opp } = hireInAts({
      name: 'Ada Lovelace',
      location: 'San Francisco, CA',
      team: 'Platform',
      startMs: START_MS,
    });
    // A forged delivery is refused and stores nothing.
    assert.deepEqual(
      await fake.deliver('candidateHired', { opportunityId: opp.id }, { signatureToken: 'x'.repeat(40) }),
      [401],
    );
    assert.deepEqual(
      await fake.deliver('candidateHired', { opportunityId: opp.id, contactId: opp.contact }),
      [202],
    );
    await processAll();
    const hire = await hireRow(opp.id);
    assert.equal(hire?.status, 'active');
    assert.equal(hire?.start_date, '2030-03-04');
    assert.equal(hire?.start_date_source, 'offer');
    assert.equal(hire?.manager_name, 'Hannah Manager');
    assert.equal(hire?.phone, '+1 555 0100');
    const tasks = await tasksOf(hire!.id);
    assert.equal(tasks.length, 9);
    assert.deepEqual(tasks[0], {
      title: 'Send the welcome pack and first-day details',
      due_date: '2030-02-25',
      offset_days: -7,
      status: 'active',
    });
    const welcome = await mails('onboarding.welcome');
    assert.equal(welcome.length, 1);
    assert.equal(welcome[0]!.to_address, 'ada@people.test');
    const link = /(\/onboarding\/magic\/\S+)/.exec(welcome[0]!.text_body)![1]!;
    assert.equal((await mails('onboarding.manager-notice')).length, 1);
    // The new hire's checklist, through the magic link.
    const me = pagesClient(app);
    assert.equal((await me.get(link)).location, '/onboarding/me');
    const checklist = await me.get('/onboarding/me');
    assert.match(checklist.body, /Sign the employment documents/);
    assert.equal(
      (await me.get('/onboarding/hires')).location,
      '/onboarding/me',
      'a new hire never sees people-ops pages',
    );
  });

  it('an unmatched location goes to the needs-mapping queue and continues after one-click mapping', async () => {
    const { opp } = hireInAts({ name: 'Grace Hopper', location: 'Berlin, Germany', team: 'Platform' });
    await fake.deliver('candidateHired', { opportunityId: opp.id });
    await processAll();
    let hire = await hireRow(opp.id);
    assert.equal(hire?.status, 'needs_mapping');
    assert.equal(hire?.start_date, '2030-01-15', 'default: 14 days after the hire');
    assert.match((await client().get('/onboarding/hires/queue')).body, /Grace Hopper/);
    const matching = await client().get('/onboarding/matching');
    assert.match(matching.body, /Map to Berlin<\/button>/);
    assert.match(matching.body, /partly matches/);
    const berlin = (
      await ctx.db
        .selectFrom('onboarding.office')
        .select('id')
        .where('name', '=', 'Berlin')
        .executeTakeFirstOrThrow()
    ).id;
    const mapped = await client().post('/onboarding/matching/map', {
      kind: 'location',
      value: 'Berlin, Germany',
      targetId: berlin,
    });
    assert.equal(mapped.status, 303);
    hire = await hireRow(opp.id);
    assert.equal(hire?.status, 'active');
    assert.equal(hire?.office_id, berlin);
    assert.equal((await tasksOf(hire!.id)).length, 9);
  });

  it('after "Regenerate tokens", deliveries signed with the old token are refused and new ones accepted', async () => {
    const old = [...fake.webhooks.values()].find((w) => w.event === 'candidateStageChange')!.signatureToken;
    await client().get('/onboarding/security');
    assert.equal((await client().post('/onboarding/security/rotate', {})).status, 303);
    const { opp } = hireInAts({ name: 'Alan Turing', location: 'San Francisco, CA', team: 'Platform' });
    assert.deepEqual(
      await fake.deliver('candidateStageChange', { opportunityId: opp.id }, { signatureToken: old }),
      [401],
    );
    assert.deepEqual(await fake.deliver('candidateStageChange', { opportunityId: opp.id }), [202]);
  });

  it('a hire followed by an unhire cancels the journey with history; a start-date change moves the due dates', async () => {
    const { opp } = hireInAts({
      name: 'Katherine Johnson',
      location: 'San Francisco, CA',
      team: 'Platform',
      startMs: START_MS,
    });
    await fake.deliver('candidateHired', { opportunityId: opp.id });
    await processAll();
    const hire = (await hireRow(opp.id))!;
    fake.offers.set(opp.id, [offer(opp.id, Date.parse('2030-03-11T00:00:00Z'))]);
    assert.equal((await client().post(`/onboarding/hires/${hire.id}/refresh`, {})).status, 303);
    const moved = await tasksOf(hire.id);
    assert.equal(moved[0]!.due_date, '2030-03-04');
    assert.equal((await hireRow(opp.id))?.start_date, '2030-03-11');
    fake.opportunities.set(opp.id, { ...opp, archived: null });
    await fake.deliver('candidateArchiveChange', { opportunityId: opp.id, toArchived: null });
    await processAll();
    assert.equal((await hireRow(opp.id))?.status, 'cancelled');
    assert.ok((await tasksOf(hire.id)).every((t) => t.status === 'cancelled'));
    const page = (await client().get(`/onboarding/hires/${hire.id}`)).body;
    assert.match(page, /Journey cancelled: unhired in the ATS/);
    assert.match(page, /Start date changed from 2030-03-04 to 2030-03-11/);
  });

  it('archived for another reason cancels; the same person hired again is linked, not duplicated', async () => {
    const contact = randomUUID();
    const first = hireInAts({
      name: 'Mary Jackson',
      location: 'San Francisco, CA',
      team: 'Platform',
      contact,
    });
    await fake.deliver('candidateHired', { opportunityId: first.opp.id });
    await processAll();
    fake.opportunities.set(first.opp.id, {
      ...first.opp,
      archived: { reason: FAKE_OTHER_REASON, archivedAt: Date.now() },
    });
    await fake.deliver('candidateArchiveChange', { opportunityId: first.opp.id });
    await processAll();
    assert.equal((await hireRow(first.opp.id))?.status, 'cancelled');
    const second = hireInAts({
      name: 'Mary Jackson',
      location: 'San Francisco, CA',
      team: 'Platform',
      contact,
    });
    await fake.deliver('candidateHired', { opportunityId: second.opp.id });
    await processAll();
    const rows = await ctx.db
      .selectFrom('onboarding.new_hire')
      .selectAll()
      .where('contact_id', '=', contact)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.hire_count, 2);
    assert.equal(rows[0]!.status, 'active');
  });

  it('candidateDeleted removes a future hire’s data, but flags one who already started', async () => {
    const future = hireInAts({
      name: 'Edsger Dijkstra',
      location: 'San Francisco, CA',
      team: 'Platform',
      startMs: START_MS,
    });
    const started = hireInAts({
      name: 'Barbara Liskov',
      location: 'San Francisco, CA',
      team: 'Platform',
      startMs: Date.parse('2029-12-01T00:00:00Z'),
    });
    await fake.deliver('candidateHired', { opportunityId: future.opp.id });
    await fake.deliver('candidateHired', { opportunityId: started.opp.id });
    await processAll();
    fake.opportunities.delete(future.opp.id);
    fake.opportunities.delete(started.opp.id);
    await fake.deliver('candidateDeleted', { opportunityId: future.opp.id });
    await fake.deliver('candidateDeleted', { opportunityId: started.opp.id });
    await processAll();
    assert.equal(await hireRow(future.opp.id), undefined);
    assert.equal(
      (
        await ctx.db
          .selectFrom('onboarding.app_user')
          .select('id')
          .where('email', '=', 'edsger@people.test')
          .execute()
      ).length,
      0,
    );
    assert.equal((await hireRow(started.opp.id))?.status, 'flagged');
  });

  it('lists overdue tasks for people ops', async () => {
    today = '2030-03-20';
    const page = await client().get('/onboarding/hires/overdue');
    assert.match(page.body, /Ada Lovelace/);
    today = '2030-01-01';
  });

  it('disconnects: its webhooks deleted in the ATS, tokens revoked, credentials forgotten; hires stay', async () => {
    await client().get('/onboarding/connect');
    assert.equal((await client().post('/onboarding/connect/disconnect', {})).status, 303);
    assert.equal(fake.webhooks.size, 0);
    assert.ok(fake.revoked.size >= 2);
    assert.equal((await ctx.db.selectFrom('onboarding.ats_connection').selectAll().execute()).length, 0);
    assert.ok((await ctx.db.selectFrom('onboarding.new_hire').select('id').execute()).length > 0);
  });

  it('manual mode: a pasted token verifies; "Regenerate token" with a new paste refuses the old one at once', async () => {
    await client().get('/onboarding/connect');
    const t1 = randomBytes(24).toString('hex');
    assert.equal(
      (
        await client().post('/onboarding/connect/manual', {
          environment: 'embedded',
          apiKey: 'key-123',
          signatureToken: t1,
        })
      ).status,
      303,
    );
    assert.match(
      (await client().get('/onboarding/connect')).body,
      /data-testid="mode">Manual \(pasted signature token\)/,
    );
    const hook = {
      id: 'manual',
      event: 'candidateHired',
      url: `${ctx.publicUrl}/onboarding/hooks/lever/${orgId}`,
      signatureToken: t1,
    };
    fake.webhooks.set('manual', hook);
    assert.deepEqual(await fake.deliver('candidateHired', { opportunityId: randomUUID() }), [202]);
    const t2 = randomBytes(24).toString('hex');
    await client().get('/onboarding/security');
    await client().post('/onboarding/security/token', { signatureToken: t2 });
    assert.deepEqual(await fake.deliver('candidateHired', { opportunityId: randomUUID() }), [401]);
    hook.signatureToken = t2;
    assert.deepEqual(await fake.deliver('candidateHired', { opportunityId: randomUUID() }), [202]);
  });
});
