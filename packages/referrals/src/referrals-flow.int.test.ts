// The admin setup flow end to end against a real local HTTP server standing in for the ATS (@hireloop/lever/testing/fake-lever):
// invitation → registration → Sign in with Lever (code + PKCE) → encrypted tokens → setup (stages,
// webhooks, full job sync) → delta poll and reconcile → signed webhooks → status, history, mail, payout,
// with replays and duplicates changing nothing → refresh rotation → broken connection shown → disconnect.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { createHttp, type Http } from '@hireloop/platform';
import { renderErrorHtml } from '@hireloop/platform/html';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import { signLever } from '@hireloop/lever';
import { createReferralsModule } from './index.ts';
import type { ReferralsContext } from './context.ts';
import { createOrganizationWithAdmin } from './domain/orgs/accounts.service.ts';
import { REQUESTED_SCOPES } from './domain/connection/scopes.ts';
import { setupConnection } from './jobs/referrals.jobs.ts';
import { runJobSync } from './domain/jobs/sync.service.ts';
import { insertReferral } from './domain/referrals/referral.repository.ts';
import { processWebhookEvent } from './domain/webhooks/process-webhook.service.ts';
import { findConnection } from './domain/connection/connection.repository.ts';
import {
  FAKE_HIRED_REASON,
  makeOpportunity,
  makePosting,
  startFakeLever,
  type FakeLever,
} from '@hireloop/lever/testing/fake-lever';
import { pagesClient } from './testing/pages-client.ts';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const P3 = '33333333-3333-4333-8333-333333333333';
const P4 = '44444444-4444-4444-8444-444444444444';
const P5 = '55555555-5555-4555-8555-555555555555';
const OPP = '66666666-6666-4666-8666-666666666666';
const INTERVIEW = '3f0c4a55-0a0b-4c1e-9a55-1d2e3f4a5b02';

describe('referrals: admin setup, sync and status back (fake ATS over HTTP)', () => {
  let fake: FakeLever;
  let rt: TestRuntime;
  let app: Http;
  let ctx: ReferralsContext;
  let orgId: string;
  let adminId: string;
  const browser = () => client;
  let client: ReturnType<typeof pagesClient>;

  const count = async (table: string, where = sql`true`) =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.table(table)} where organization_id = ${orgId} and ${where}`.execute(
          rt.db,
        )
      ).rows[0]!.n,
    );
  const mails = async (tag: string) =>
    (
      await sql<{
        to_address: string;
        text_body: string;
      }>`select to_address, text_body from platform.mail_message where tag = ${tag} order by created_at`.execute(
        rt.db,
      )
    ).rows;

  const deliver = async (
    event: string,
    data: Record<string, unknown>,
    options: { token?: string; triggeredAt?: number; secret?: string } = {},
  ) => {
    const hook = [...fake.webhooks.values()].find((w) => w.event === event);
    const token = options.token ?? randomBytes(16).toString('hex');
    const triggeredAt = options.triggeredAt ?? Date.now();
    const signatureToken = options.secret ?? hook!.signatureToken;
    const body = JSON.stringify({
      triggeredAt,
      event,
      token,
      signature: signLever({ signatureToken, token, triggeredAt }),
      data,
    });
    const res = await app.inject({
      method: 'POST',
      url: `/referrals/hooks/lever/${orgId}`,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    return { res, body };
  };
  const processPending = async () => {
    const pending = await ctx.db
      .selectFrom('referrals.webhook_event')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('status', '=', 'received')
      .execute();
    for (const e of pending) await processWebhookEvent(ctx, orgId, e.id);
    return pending.length;
  };

  /** Sign in with Lever through the pages: our POST → ATS authorize (302) → our callback. */
  const signInWithLever = async (start: () => Promise<{ status: number; location: string | undefined }>) => {
    const started = await start();
    assert.equal(started.status, 303);
    const authorize = new URL(started.location!);
    const atAts = await fetch(authorize, { redirect: 'manual' });
    assert.equal(atAts.status, 302);
    const callback = new URL(atAts.headers.get('location')!);
    const done = await browser().get(`${callback.pathname}${callback.search}`);
    assert.equal(done.status, 303, done.body);
    return authorize;
  };

  before(async () => {
    fake = await startFakeLever();
    const module = createReferralsModule({
      config: {
        encryptionKey: randomBytes(32),
        embeddedAtsUrl: fake.url,
        defaultClientId: undefined,
        defaultClientSecret: undefined,
      },
      leverTransport: { backoff: { baseMs: 1, maxMs: 5 }, rateLimit: false },
    });
    try {
      rt = await createTestRuntime([module]);
      ctx = module.context(rt);
      app = await createHttp({
        config: rt.config,
        logger: pino({ level: 'silent' }),
        readiness: [],
        htmlErrorRenderer: () => renderErrorHtml,
      });
      await module.routes!(app, rt);
      await app.ready();
    } catch (e) {
      await rt?.close();
      await fake.close();
      throw e;
    }
    client = pagesClient(app);
    const now = Date.now();
    fake.postings.set(
      P1,
      makePosting({
        id: P1,
        text: 'Backend Engineer',
        tags: ['referralbonus:3000'],
        updatedAt: now - 600_000,
      }),
    );
    fake.postings.set(
      P2,
      makePosting({
        id: P2,
        text: 'Support Lead',
        state: 'internal',
        distributionChannels: ['internal'],
        tags: ['referralbonus:Win an iPad'],
        updatedAt: now - 1_200_000,
      }),
    );
    fake.postings.set(
      P3,
      makePosting({ id: P3, text: 'Designer', tags: ['referralbonus:-5'], updatedAt: now - 1_200_000 }),
    );
    fake.postings.set(
      P4,
      makePosting({
        id: P4,
        text: 'Old role',
        state: 'closed',
        distributionChannels: null,
        updatedAt: now - 1_200_000,
      }),
    );
  });

  after(async () => {
    await app?.close();
    await rt?.close();
    await fake?.close();
  });

  it('invites the org admin by email; the invitation registers them and signs them in', async () => {
    const { organization, admin, inviteUrl } = await createOrganizationWithAdmin(ctx, {
      name: 'Acme',
      adminEmail: 'Admin@Acme.test',
    });
    orgId = organization.id;
    adminId = admin.id;
    const [mail] = await mails('referrals.invitation');
    assert.equal(mail?.to_address, 'admin@acme.test');
    assert.ok(mail?.text_body.includes(inviteUrl));
    const path = new URL(inviteUrl).pathname;
    assert.equal((await client.get('/referrals/admin')).location, '/referrals/sign-in');
    const form = await client.get(path);
    assert.equal(form.status, 200);
    assert.match(form.body, /Join Acme/);
    const noCsrf = await client.post(
      path,
      { name: 'Ada Admin', password: 'correct horse battery' },
      { csrf: false },
    );
    assert.equal(noCsrf.status, 403);
    const short = await client.post(path, { name: 'Ada Admin', password: 'short' });
    assert.equal(short.status, 400);
    assert.match(short.body, /at least 10 characters/);
    const joined = await client.post(path, { name: 'Ada Admin', password: 'correct horse battery' });
    assert.equal(joined.status, 303);
    assert.equal(joined.location, '/referrals/admin');
    assert.equal((await client.get(path)).status, 404, 'an invitation works once');
    const overview = await client.get('/referrals/admin');
    assert.equal(overview.status, 200);
    assert.match(overview.body, /Not connected/);
  });

  it('connects with Sign in with Lever (exact scopes, PKCE S256) and stores the tokens encrypted', async () => {
    await client.get('/referrals/admin/integrations/lever');
    const authorize = await signInWithLever(() =>
      client.post('/referrals/admin/integrations/lever', {
        environment: 'embedded',
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
      }),
    );
    assert.equal(authorize.origin + authorize.pathname, `${fake.url}/oauth/authorize`);
    assert.equal(authorize.searchParams.get('scope'), REQUESTED_SCOPES.join(' '));
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(
      authorize.searchParams.get('redirect_uri'),
      `${ctx.publicUrl}/referrals/integrations/lever/callback`,
    );
    assert.equal(authorize.searchParams.get('audience'), `${fake.url}/v1/`);
    const c = await findConnection(ctx.db, orgId);
    assert.equal(c?.status, 'connected');
    assert.deepEqual(c?.scopes, [...REQUESTED_SCOPES]);
    const row = await ctx.db
      .selectFrom('referrals.ats_connection')
      .selectAll()
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    for (const enc of [row.access_token_enc, row.refresh_token_enc, row.client_secret_enc])
      assert.match(enc ?? '', /^v1\./);
    assert.ok(!JSON.stringify(row).includes(fake.clientSecret), 'client secret never stored in clear');
    const page = await client.get('/referrals/admin/integrations');
    assert.match(page.body, /Connected/);
  });

  it('sets up: stages with default mapping, its own webhooks, and a full job sync with rewards and warnings', async () => {
    await setupConnection(ctx, orgId);
    const stages = await ctx.db
      .selectFrom('referrals.stage_mapping')
      .select(['ats_stage_id', 'status'])
      .where('organization_id', '=', orgId)
      .orderBy('ats_stage_id')
      .execute();
    assert.deepEqual(Object.fromEntries(stages.map((s) => [s.ats_stage_id, s.status])), {
      '3f0c4a55-0a0b-4c1e-9a55-1d2e3f4a5b01': 'in_review',
      [INTERVIEW]: 'interviewing',
      'applicant-new': 'submitted',
      'lead-new': 'submitted',
      offer: 'offer',
    });
    assert.deepEqual([...fake.webhooks.values()].map((w) => w.event).sort(), [
      'applicationCreated',
      'candidateArchiveChange',
      'candidateDeleted',
      'candidateHired',
      'candidateStageChange',
      'postingCreated',
      'postingDeleted',
      'postingUpdated',
    ]);
    assert.ok(
      [...fake.webhooks.values()].every((w) => w.url === `${ctx.publicUrl}/referrals/hooks/lever/${orgId}`),
    );
    assert.equal(await count('referrals.webhook_subscription'), 8);
    const jobs = await ctx.db
      .selectFrom('referrals.job')
      .select([
        'ats_posting_id',
        'reward_kind',
        'reward_amount',
        'reward_text',
        'reward_warning',
        'removed_at',
      ])
      .where('organization_id', '=', orgId)
      .orderBy('ats_posting_id')
      .execute();
    assert.deepEqual(
      jobs.map((j) => [
        j.ats_posting_id,
        j.reward_kind,
        j.reward_amount === null ? null : Number(j.reward_amount),
        j.reward_text,
        j.reward_warning !== null,
        j.removed_at !== null,
      ]),
      [
        [P1, 'money', 3000, null, false, false],
        [P2, 'text', null, 'Win an iPad', false, false],
        [P3, 'none', null, null, true, false],
        [P4, 'none', null, null, false, true],
      ],
    );
    const [run] = await ctx.db
      .selectFrom('referrals.sync_run')
      .selectAll()
      .where('organization_id', '=', orgId)
      .execute();
    assert.equal(run?.status, 'succeeded');
    assert.equal(run?.upserted, 4);
    assert.deepEqual(
      run?.warnings.map((w) => w.postingId),
      [P3],
    );
    const page = await client.get('/referrals/admin/jobs');
    assert.match(page.body, /Reward tags to fix \(1\)/);
    assert.match(page.body, /3,000 USD/);
  });

  it('delta poll picks up changes and deletions; the full reconcile removes what vanished; 429/500 are retried', async () => {
    const now = Date.now();
    fake.postings.set(P1, { ...fake.postings.get(P1)!, text: 'Senior Backend Engineer', updatedAt: now });
    fake.postings.set(
      P5,
      makePosting({
        id: P5,
        text: 'Data Analyst',
        tags: ['referralbonus:1,500'],
        createdAt: now,
        updatedAt: now,
      }),
    );
    fake.postings.delete(P2);
    fake.deletedPostings.push({ id: P2, deletedAt: now });
    fake.log.length = 0;
    fake.failNext(2, 429);
    const delta = await runJobSync(ctx, { organizationId: orgId, kind: 'delta', trigger: 'test' });
    assert.equal(delta?.upserted, 2);
    assert.equal(delta?.removed, 1);
    assert.ok(
      fake.log.some((l) => /^GET \/v1\/postings\?.*updated_at_start=\d+/.test(l)),
      fake.log.join('\n'),
    );
    const title = await ctx.db
      .selectFrom('referrals.job')
      .select('title')
      .where('ats_posting_id', '=', P1)
      .executeTakeFirstOrThrow();
    assert.equal(title.title, 'Senior Backend Engineer');

    fake.postings.delete(P5); // gone without a deletion record: only the reconcile notices
    fake.failNext(2, 500);
    const full = await runJobSync(ctx, { organizationId: orgId, kind: 'full', trigger: 'test' });
    assert.equal(full?.removed, 1);
    assert.equal(await count('referrals.job', sql`removed_at is null`), 2);
  });

  it('a signed webhook re-fetches the opportunity and moves the referral; replays and duplicates change nothing', async () => {
    const job = await ctx.db
      .selectFrom('referrals.job')
      .selectAll()
      .where('ats_posting_id', '=', P1)
      .executeTakeFirstOrThrow();
    const { referral } = await insertReferral(ctx.db, {
      organizationId: orgId,
      referrerId: adminId,
      type: 'internal',
      job,
      rewardCurrency: 'USD',
      candidateName: 'Grace Hopper',
      candidateEmail: 'grace@example.com',
      atsOpportunityId: OPP,
    });
    fake.opportunities.set(OPP, makeOpportunity({ id: OPP, stage: INTERVIEW, archived: null }));
    // The payload claims "offer": a hint only — the app trusts the re-fetched opportunity (interview).
    const data = { opportunityId: OPP, contactId: OPP, fromStageId: 'applicant-new', toStageId: 'offer' };
    const first = await deliver('candidateStageChange', data);
    assert.equal(first.res.statusCode, 202);
    assert.equal(await processPending(), 1);
    const after1 = await ctx.db
      .selectFrom('referrals.referral')
      .selectAll()
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow();
    assert.equal(after1.status, 'interviewing');
    assert.equal((await mails('referrals.status-changed')).length, 1);

    const replay = await app.inject({
      method: 'POST',
      url: `/referrals/hooks/lever/${orgId}`,
      headers: { 'content-type': 'application/json' },
      payload: first.body,
    });
    assert.equal(replay.statusCode, 200);
    assert.deepEqual(replay.json(), { ok: true, duplicate: true });
    assert.equal(await count('referrals.webhook_event'), 1);
    // The ATS retrying with a new token (a duplicate that passes the replay check) is processed but changes nothing.
    assert.equal((await deliver('candidateStageChange', data)).res.statusCode, 202);
    assert.equal(await processPending(), 1);
    assert.equal(await count('referrals.referral_status_history'), 2); // submitted (created) → interviewing
    assert.equal((await mails('referrals.status-changed')).length, 1);

    fake.opportunities.set(
      OPP,
      makeOpportunity({
        id: OPP,
        stage: INTERVIEW,
        archived: { reason: FAKE_HIRED_REASON, archivedAt: Date.now() },
      }),
    );
    await deliver('candidateHired', { opportunityId: OPP, contactId: OPP });
    await deliver('candidateArchiveChange', {
      opportunityId: OPP,
      contactId: OPP,
      fromArchived: null,
      toArchived: { reason: FAKE_HIRED_REASON, archivedAt: Date.now() },
    });
    assert.equal(await processPending(), 2);
    const payouts = await ctx.db
      .selectFrom('referrals.payout')
      .select(['state', 'amount', 'currency'])
      .where('referral_id', '=', referral.id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      payouts.map((p) => [p.state, Number(p.amount), p.currency]),
      [
        ['pending', 3000, 'USD'],
        ['due', 3000, 'USD'],
      ],
    );
    const history = await ctx.db
      .selectFrom('referrals.referral_status_history')
      .select(['from_status', 'to_status', 'source'])
      .where('referral_id', '=', referral.id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      history.map((h) => [h.from_status, h.to_status, h.source]),
      [
        [null, 'submitted', 'created'],
        ['submitted', 'interviewing', 'webhook'],
        ['interviewing', 'hired', 'webhook'],
      ],
    );
    const hiredMail = (await mails('referrals.status-changed'))[1];
    assert.match(hiredMail?.text_body ?? '', /is now: Hired[\s\S]*reward \(3000(\.00)? USD\) is now due/);
    assert.equal((await client.get('/referrals/my')).body.includes('Hired'), true);
  });

  it('rejects forged, stale and unknown-organization deliveries, without storing them', async () => {
    const before = await count('referrals.webhook_event');
    const forged = await deliver(
      'candidateStageChange',
      { opportunityId: OPP, contactId: OPP, fromStageId: null, toStageId: 'offer' },
      { secret: 'not-the-token-0123456789' },
    );
    assert.equal(forged.res.statusCode, 401);
    assert.equal(forged.res.json().reason, 'bad_signature');
    const stale = await deliver(
      'candidateStageChange',
      { opportunityId: OPP, contactId: OPP, fromStageId: null, toStageId: 'offer' },
      { triggeredAt: Date.now() - 3600_000 },
    );
    assert.equal(stale.res.statusCode, 401);
    const unknown = await app.inject({
      method: 'POST',
      url: '/referrals/hooks/lever/00000000-0000-4000-8000-000000000000',
      headers: { 'content-type': 'application/json' },
      payload: forged.body,
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(await count('referrals.webhook_event'), before);
  });

  it('refreshes an expired access token (rotating the refresh token) and shows a broken connection when refresh fails', async () => {
    const before = await ctx.db
      .selectFrom('referrals.ats_connection')
      .select('refresh_token_enc')
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    fake.expireAccessTokens();
    assert.ok(await runJobSync(ctx, { organizationId: orgId, kind: 'delta', trigger: 'test' }));
    const rotated = await ctx.db
      .selectFrom('referrals.ats_connection')
      .select(['refresh_token_enc', 'status'])
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    assert.notEqual(rotated.refresh_token_enc, before.refresh_token_enc);
    assert.equal(rotated.status, 'connected');

    // The admin revokes the app in the ATS: the refresh fails for good.
    const row = await ctx.db
      .selectFrom('referrals.ats_connection')
      .selectAll()
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const cipher = await ctx.cipher();
    fake.revoked.add(cipher.decrypt(row.refresh_token_enc!, `${orgId}:refresh_token`));
    fake.expireAccessTokens();
    await assert.rejects(runJobSync(ctx, { organizationId: orgId, kind: 'delta', trigger: 'test' }));
    const broken = await findConnection(ctx.db, orgId);
    assert.equal(broken?.status, 'broken');
    assert.match(broken?.lastError ?? '', /invalid_grant/);
    const page = await client.get('/referrals/admin/jobs');
    assert.match(page.body, /The ATS connection is broken/);
    const [lastRun] = await ctx.db
      .selectFrom('referrals.sync_run')
      .selectAll()
      .where('organization_id', '=', orgId)
      .orderBy('started_at', 'desc')
      .limit(1)
      .execute();
    assert.equal(lastRun?.status, 'failed');
    // While broken, the schedules skip the organization instead of failing every minute.
    assert.equal(await runJobSync(ctx, { organizationId: orgId, kind: 'delta', trigger: 'test' }), undefined);

    await client.get('/referrals/admin/integrations');
    await signInWithLever(() => client.post('/referrals/admin/integrations/lever/authorize', {}));
    assert.equal((await findConnection(ctx.db, orgId))?.status, 'connected');
  });

  it('maps stages on the page and keeps admin choices across a stage reload', async () => {
    const page = await client.get('/referrals/admin/stages');
    assert.match(page.body, /Team interview/);
    const saved = await client.post('/referrals/admin/stages', {
      [`stage:${INTERVIEW}`]: 'in_review',
      'stage:offer': 'offer',
    });
    assert.equal(saved.status, 303);
    await client.post('/referrals/admin/stages/refresh', {});
    const m = await ctx.db
      .selectFrom('referrals.stage_mapping')
      .selectAll()
      .where('organization_id', '=', orgId)
      .where('ats_stage_id', '=', INTERVIEW)
      .executeTakeFirstOrThrow();
    assert.deepEqual([m.status, m.customized], ['in_review', true]);
  });

  it('disconnects after confirmation: tokens revoked, app webhooks deleted, synced data purged, referrals kept', async () => {
    const confirm = await client.get('/referrals/admin/integrations/lever/disconnect');
    assert.match(confirm.body, /Disconnect the ATS\?/);
    const row = await ctx.db
      .selectFrom('referrals.ats_connection')
      .selectAll()
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const refreshToken = (await ctx.cipher()).decrypt(row.refresh_token_enc!, `${orgId}:refresh_token`);
    const done = await client.post('/referrals/admin/integrations/lever/disconnect', {});
    assert.equal(done.status, 303);
    assert.ok(fake.revoked.has(refreshToken));
    assert.equal(fake.webhooks.size, 0);
    for (const t of [
      'referrals.job',
      'referrals.stage',
      'referrals.stage_mapping',
      'referrals.webhook_subscription',
      'referrals.sync_run',
      'referrals.ats_connection',
    ])
      assert.equal(await count(t), 0, t);
    assert.equal(await count('referrals.referral'), 1);
    assert.match((await client.get('/referrals/admin/integrations')).body, /Disconnected: tokens revoked/);
  });
});
