// Tenancy: two onboarding organizations. Every /onboarding route — enumerated from Fastify's route table by
// an onRoute collector, so a new route is swept without editing this file — is called with org B's
// people-ops session (and B's new hire's) against org A's ids: 404, never A's data, nothing of A's changed.
// Without a session every non-public route sends to sign-in. A's webhook receiver refuses B's token. The
// journey-template form refuses another organization's office or team (400, nothing saved). PGlite or
// PostgreSQL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { signLever } from '@hireloop/lever';
import { createHttp, type Http } from '@hireloop/platform';
import { renderErrorHtml } from '@hireloop/platform/html';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import { createOnboardingModule, type OnboardingContext } from './index.ts';
import { createOrganizationWithAdmin } from './domain/orgs/accounts.service.ts';
import { insertUser, issueToken } from './domain/orgs/org.repository.ts';
import { addTarget, saveMapping } from './domain/matching/mapping.repository.ts';
import { insertHire, insertJourney } from './domain/hires/hire.repository.ts';
import { DEFAULT_TEMPLATES, planJourney } from './domain/hires/journey.ts';
import { replaceManualToken } from './domain/webhooks/subscription.service.ts';
import { pagesClient } from './testing/pages-client.ts';

const PASSWORD = 'correct horse battery';
/** Capability URLs (whoever holds the token) and the pages before sign-in; the receiver is tested apart. */
const PUBLIC = new Set([
  'GET /onboarding',
  'GET /onboarding/sign-in',
  'POST /onboarding/sign-in',
  'POST /onboarding/sign-out',
  'GET /onboarding/magic/:token',
  'GET /onboarding/invitations/:token',
  'POST /onboarding/invitations/:token',
  'GET /onboarding/me/sign-in',
  'POST /onboarding/me/sign-in',
  'POST /onboarding/hooks/lever/:orgId',
]);
const SIGN_IN = new Set(['/onboarding/sign-in', '/onboarding/me/sign-in']);

interface Tenant {
  orgId: string;
  adminEmail: string;
  hireId: string;
  taskId: string;
  officeId: string;
  teamId: string;
  newHireMagic: string;
  signatureToken: string;
}

describe('onboarding tenancy: org B never reaches org A', () => {
  let rt: TestRuntime;
  let app: Http;
  let ctx: OnboardingContext;
  let a: Tenant;
  let b: Tenant;
  const routes: { method: string; url: string }[] = [];

  const makeTenant = async (name: string, slug: string, secret: string): Promise<Tenant> => {
    const adminEmail = `po@${slug}.test`;
    const { organization } = await createOrganizationWithAdmin(ctx, {
      name,
      slug,
      adminEmail,
      password: PASSWORD,
    });
    const orgId = organization.id;
    const office = await addTarget(ctx.db, orgId, 'location', `${secret} Office`);
    const team = await addTarget(ctx.db, orgId, 'team', `${secret} Team`);
    await saveMapping(ctx.db, orgId, 'location', `${secret} HQ`, office.id);
    const hire = await insertHire(ctx.db, orgId, {
      contact_id: randomBytes(8).toString('hex'),
      opportunity_id: randomBytes(8).toString('hex'),
      name: `${secret} Person`,
      email: `${slug}-hire@people.test`,
      phone: null,
      title: `${secret} Engineer`,
      posting_id: null,
      ats_location: `${secret} HQ`,
      ats_team: `${secret} Team`,
      office_id: office.id,
      team_id: team.id,
      manager_name: null,
      manager_email: null,
      start_date: '2031-01-06',
      start_date_source: 'offer',
      hired_at: new Date(),
      status: 'active',
      flag_reason: null,
    });
    const planned = planJourney(
      DEFAULT_TEMPLATES.map((t) => ({ ...t, officeId: null, teamId: null })),
      { startDate: hire.start_date, officeId: office.id, teamId: team.id },
    );
    const journey = await insertJourney(ctx.db, hire, planned);
    const task = await ctx.db
      .selectFrom('onboarding.task')
      .select('id')
      .where('journey_id', '=', journey.id)
      .where('owner', '=', 'new_hire')
      .executeTakeFirstOrThrow();
    const user = await insertUser(ctx.db, {
      organizationId: orgId,
      email: hire.email!,
      name: hire.name,
      role: 'new_hire',
      newHireId: hire.id,
    });
    const signatureToken = randomBytes(24).toString('hex');
    await replaceManualToken(ctx, orgId, signatureToken);
    return {
      orgId,
      adminEmail,
      hireId: hire.id,
      taskId: task.id,
      officeId: office.id,
      teamId: team.id,
      newHireMagic: await issueToken(ctx.db, user),
      signatureToken,
    };
  };

  /** Everything of A's that a request could change, to compare before and after the sweep. */
  const snapshotOfA = async () => {
    const of = (table: 'onboarding.new_hire' | 'onboarding.task' | 'onboarding.office' | 'onboarding.team') =>
      ctx.db.selectFrom(table).selectAll().where('organization_id', '=', a.orgId).orderBy('id').execute();
    return JSON.stringify({
      hires: await of('onboarding.new_hire'),
      tasks: await of('onboarding.task'),
      offices: await of('onboarding.office'),
      teams: await of('onboarding.team'),
      templates: await ctx.db
        .selectFrom('onboarding.task_template')
        .selectAll()
        .where('organization_id', '=', a.orgId)
        .orderBy('id')
        .execute(),
      mappings: await ctx.db
        .selectFrom('onboarding.value_mapping')
        .selectAll()
        .where('organization_id', '=', a.orgId)
        .orderBy('ats_value')
        .execute(),
    });
  };

  /** The route's URL with A's ids in its parameters; undefined when it has parameters we cannot fill. */
  const withIdsOfA = (url: string) =>
    url
      .replace(':id', a.hireId)
      .replace(':taskId', a.taskId)
      .replace(':kind/:id', `location/${a.officeId}`)
      .replace(':kind', 'location');

  before(async () => {
    const module = createOnboardingModule({
      config: {
        encryptionKey: randomBytes(32),
        embeddedAtsUrl: 'http://127.0.0.1:9',
        defaultClientId: undefined,
        defaultClientSecret: undefined,
      },
      leverTransport: { backoff: { baseMs: 1, maxMs: 5 }, rateLimit: false, retries: 0 },
    });
    try {
      rt = await createTestRuntime([module], { publicUrl: 'http://onboarding.test' });
      ctx = module.context(rt);
      app = await createHttp({
        config: rt.config,
        logger: pino({ level: 'silent' }),
        readiness: [],
        htmlErrorRenderer: () => renderErrorHtml,
      });
      (app as unknown as FastifyInstance).addHook('onRoute', (r) => {
        for (const method of [r.method].flat())
          if (method !== 'HEAD' && r.url.startsWith('/onboarding')) routes.push({ method, url: r.url });
      });
      await module.routes!(app, rt);
      await app.ready();
      a = await makeTenant('Alpha Corp', 'alpha', 'Zanzibar');
      b = await makeTenant('Beta Corp', 'beta', 'Quokka');
    } catch (e) {
      await app?.close();
      await rt?.close();
      throw e;
    }
  });
  after(async () => {
    await app?.close();
    await rt?.close();
  });

  it('enumerates the onboarding routes from the route table', () => {
    assert.ok(routes.length >= 30, `only ${routes.length} routes collected`);
    for (const must of [
      'GET /onboarding/hires/:id',
      'POST /onboarding/me/tasks/:taskId',
      'POST /onboarding/templates',
    ])
      assert.ok(
        routes.some((r) => `${r.method} ${r.url}` === must),
        must,
      );
  });

  it("without a session every non-public route sends to sign-in (or 401), and shows nothing of A's", async () => {
    const anon = pagesClient(app);
    await anon.get('/onboarding/sign-in'); // a session cookie and CSRF token, so POSTs reach the guard
    for (const r of routes.filter((r) => !PUBLIC.has(`${r.method} ${r.url}`))) {
      const url = withIdsOfA(r.url);
      const res = r.method === 'GET' ? await anon.get(url) : await anon.post(url, {});
      const where = `${r.method} ${url}`;
      assert.ok(
        res.status === 401 || (res.status === 303 && SIGN_IN.has(res.location ?? '')),
        `${where}: ${res.status} ${res.location ?? ''}`,
      );
      assert.doesNotMatch(res.body, /Zanzibar|Alpha Corp/, where);
    }
  });

  it("org B's people ops get 404 for every route with A's ids and never see A's data; A is unchanged", async () => {
    const before = await snapshotOfA();
    const po = pagesClient(app);
    await po.get('/onboarding/sign-in');
    assert.equal(
      (await po.post('/onboarding/sign-in', { email: b.adminEmail, password: PASSWORD })).status,
      303,
    );
    let withIds = 0;
    for (const r of routes.filter((r) => !PUBLIC.has(`${r.method} ${r.url}`))) {
      const url = withIdsOfA(r.url);
      // Fill every field a form could name with A's ids: a handler must not take them from the body either.
      const form = { officeId: a.officeId, teamId: a.teamId, targetId: a.officeId, kind: 'location' };
      const res =
        r.method === 'GET'
          ? await po.get(url)
          : await po.post(url, {
              ...form,
              value: 'Quokka HQ',
              title: 'x',
              offsetDays: '1',
              owner: 'manager',
            });
      const where = `${r.method} ${url}`;
      assert.ok(res.status < 500, `${where}: ${res.status}`);
      assert.doesNotMatch(res.body, /Zanzibar|Alpha Corp|alpha-hire@/, where);
      if (r.url.startsWith('/onboarding/me')) {
        // The new hire's pages: a people-ops session is not a new hire's, so it is sent to their sign-in.
        assert.equal(res.location, '/onboarding/me/sign-in', where);
      } else if (/:(id|taskId)\b/.test(r.url)) {
        withIds++;
        assert.ok(res.status === 404 || res.status === 403, `${where}: ${res.status} ${res.location ?? ''}`);
      }
    }
    assert.ok(withIds >= 4, `${withIds} routes with ids`);
    assert.equal(await snapshotOfA(), before, "nothing of A's changed");
  });

  it("org B's new hire gets 404 for A's task and is kept out of the people-ops pages", async () => {
    const before = await snapshotOfA();
    const me = pagesClient(app);
    assert.equal((await me.get(`/onboarding/magic/${b.newHireMagic}`)).location, '/onboarding/me');
    assert.match((await me.get('/onboarding/me')).body, /Quokka/);
    const res = await me.post(`/onboarding/me/tasks/${a.taskId}`, { done: '1' });
    assert.equal(res.status, 404);
    assert.doesNotMatch(res.body, /Zanzibar|Alpha Corp/);
    for (const r of routes.filter((r) => r.method === 'GET' && !PUBLIC.has(`GET ${r.url}`))) {
      if (r.url.startsWith('/onboarding/me')) continue;
      const page = await me.get(withIdsOfA(r.url));
      assert.equal(page.location, '/onboarding/me', r.url);
    }
    assert.equal(await snapshotOfA(), before);
  });

  it("A's webhook receiver refuses deliveries signed with B's token (and B's refuses A's)", async () => {
    const deliver = async (orgId: string, signatureToken: string) => {
      const token = randomBytes(16).toString('hex');
      const triggeredAt = Date.now();
      return app.inject({
        method: 'POST',
        url: `/onboarding/hooks/lever/${orgId}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          token,
          triggeredAt,
          event: 'candidateStageChange',
          signature: signLever({ signatureToken, token, triggeredAt }),
          data: { opportunityId: 'x' },
        }),
      });
    };
    const events = () => ctx.db.selectFrom('onboarding.webhook_event').select('organization_id').execute();
    assert.equal((await deliver(a.orgId, b.signatureToken)).statusCode, 401);
    assert.equal((await deliver(b.orgId, a.signatureToken)).statusCode, 401);
    assert.deepEqual(await events(), []);
    assert.equal((await deliver(a.orgId, a.signatureToken)).statusCode, 202);
    assert.deepEqual(await events(), [{ organization_id: a.orgId }]);
  });

  it("the journey-template form refuses another organization's office or team: 400, nothing saved", async () => {
    const po = pagesClient(app);
    await po.get('/onboarding/sign-in');
    await po.post('/onboarding/sign-in', { email: b.adminEmail, password: PASSWORD });
    await po.get('/onboarding/templates');
    const templates = async () =>
      (
        await ctx.db
          .selectFrom('onboarding.task_template')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const count = await templates();
    const base = { title: 'Badge photo', offsetDays: '0', owner: 'new_hire' };
    const office = await po.post('/onboarding/templates', { ...base, officeId: a.officeId, teamId: '' });
    assert.equal(office.status, 400);
    assert.match(office.body, /Choose one of your offices/);
    assert.doesNotMatch(office.body, /Zanzibar/);
    const team = await po.post('/onboarding/templates', { ...base, officeId: b.officeId, teamId: a.teamId });
    assert.equal(team.status, 400);
    assert.match(team.body, /Choose one of your teams/);
    assert.match(team.body, /value="Badge photo"/, 'the form keeps what was typed');
    assert.equal(await templates(), count, 'nothing saved');
    const ok = await po.post('/onboarding/templates', { ...base, officeId: b.officeId, teamId: b.teamId });
    assert.equal(ok.status, 303);
    const saved = await ctx.db
      .selectFrom('onboarding.task_template')
      .selectAll()
      .where('title', '=', 'Badge photo')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [saved.organization_id, saved.office_id, saved.team_id, saved.phase],
      [b.orgId, b.officeId, b.teamId, 'day_1'],
    );
  });
});
