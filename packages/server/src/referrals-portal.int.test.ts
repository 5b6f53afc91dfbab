// The referrals portal against the REAL embedded ATS in one listening server: an employee refers over the
// JSON API, the candidate applies from the emailed link (in-app, with a resume and cover letter), exactly one
// opportunity lands in the ATS with source, tags, note, files and the referrer; the recruiter hires in the
// ATS; status, mail and payout follow; a replayed webhook changes nothing; ATS-hosted apply and a careers-page
// apply are matched by tracking mark and by email.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import type { Http } from '@hireloop/platform';
import { atsContext } from '@hireloop/ats';
import { createTestTenant, type TestTenant } from '@hireloop/ats/test-support';
import {
  Browser,
  csrfFrom,
  registerClient,
  setPassword,
  PASSWORD,
} from '@hireloop/ats/oauth/oauth-test-support';
import { referralsModule, createOrganizationWithAdmin, inviteUser } from '@hireloop/referrals';
import { setupConnection } from '@hireloop/referrals/jobs/referrals.jobs';
import { registerWithInvitation } from '@hireloop/referrals/domain/orgs/accounts.service';
import { findOrganization } from '@hireloop/referrals/domain/orgs/org.repository';
import { updateSettings } from '@hireloop/referrals/domain/orgs/org.repository';
import { createApiToken } from '@hireloop/referrals/domain/portal/api-token.service';
import { processWebhookEvent } from '@hireloop/referrals/domain/webhooks/process-webhook.service';
import { pagesClient } from '@hireloop/referrals/testing/pages-client';
import type { AppUser } from '@hireloop/referrals/domain/orgs/user.repository';
import { buildApp } from './app.ts';
import { productModules } from './modules.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('referrals portal ↔ embedded ATS over HTTP', () => {
  let rt: TestRuntime;
  let app: Http;
  let base: string;
  let tenant: TestTenant;
  let orgId: string;
  let employee: AppUser;
  let token: string;
  let postingId: string;
  const ctx = () => referralsModule.context(rt);
  const ats = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: tenant.auth, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${base}/referrals/api/v1${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  const mails = (to: string) =>
    rt.db
      .selectFrom('platform.mail_message' as never)
      .selectAll()
      .where('to_address' as never, '=', to as never)
      .execute() as Promise<{ subject: string; text_body: string; tag: string }[]>;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    rt = await createTestRuntime(productModules, { publicUrl: base, allowPrivateWebhooks: true });
    app = await buildApp(rt);
    await app.listen({ port, host: '127.0.0.1' });
    await rt.queue.startWorkers(); // webhook deliveries, the app's webhook processing, mail
    const atsDb = atsContext(rt).db;
    tenant = await createTestTenant(atsDb);
    await setPassword(atsDb, tenant.superAdmin);
    const res = await ats(`/v1/postings?perform_as=${tenant.superAdmin.id}`, {
      method: 'POST',
      body: JSON.stringify({
        text: 'Robotics Engineer',
        state: 'published',
        distributionChannels: ['public', 'internal'],
        tags: ['referralbonus:3000'],
        owner: tenant.superAdmin.id,
        categories: { location: 'Berlin', team: 'Engineering' },
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    postingId = ((await res.json()) as { data: { id: string } }).data.id;

    // Admin: invited → Sign in with Lever through the ATS consent page (the same path as a person).
    const { clientId, clientSecret } = await registerClient(atsDb, {
      name: 'Hireloop Referrals',
      redirectUris: [`${base}/referrals/integrations/lever/callback`],
    });
    const { inviteUrl, organization } = await createOrganizationWithAdmin(ctx(), {
      name: 'Acme',
      adminEmail: 'ada@acme.test',
    });
    orgId = organization.id;
    const admin = pagesClient(app);
    await admin.get(new URL(inviteUrl).pathname);
    await admin.post(new URL(inviteUrl).pathname, { name: 'Ada', password: 'correct horse battery' });
    await admin.get('/referrals/admin/integrations/lever');
    const started = await admin.post('/referrals/admin/integrations/lever', {
      environment: 'embedded',
      clientId,
      clientSecret: clientSecret ?? '',
    });
    const authorize = new URL(started.location!);
    const browser = new Browser(app);
    await browser.signIn(tenant.superAdmin.email, PASSWORD);
    const consent = await browser.get(`${authorize.pathname}${authorize.search}`);
    const accepted = await browser.post('/oauth/authorize', {
      ...Object.fromEntries(authorize.searchParams),
      _csrf: csrfFrom(consent.body),
      decision: 'accept',
    });
    const callback = new URL(String(accepted.headers.location));
    assert.equal((await admin.get(`${callback.pathname}${callback.search}`)).status, 303);
    await setupConnection(ctx(), orgId);

    // An employee whose email is an ATS user's (the limited member): credited as that user.
    const org = (await findOrganization(ctx().db, orgId))!;
    const invited = await ctx()
      .db.transaction()
      .execute((trx) =>
        inviteUser(ctx(), trx, { organization: org, email: tenant.limitedMember.email, role: 'employee' }),
      );
    employee = await registerWithInvitation(ctx(), new URL(invited.inviteUrl).pathname.split('/').pop()!, {
      name: 'Lee Limited',
      password: 'correct horse battery',
    });
    token = (await createApiToken(ctx().db, employee, 'test')).token;
  });
  after(async () => {
    await app?.close();
    await rt?.close();
  });

  it('API: rejects without a token and with a non-admin token on admin routes', async () => {
    assert.equal((await fetch(`${base}/referrals/api/v1/jobs`)).status, 401);
    const res = await api('/admin/dashboard');
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { code: string }).code, 'ForbiddenError');
    const bad = await api('/referrals', { method: 'POST', body: JSON.stringify({ jobId: 'x' }) });
    assert.equal(bad.status, 400);
    const doc = (await (await fetch(`${base}/referrals/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    assert.ok(doc.paths['/referrals/api/v1/referrals']);
  });

  it('refer → candidate applies in-app → one opportunity with source, tags, note, files, referrer → hired → payout due', async () => {
    const jobs = (await (await api('/jobs?q=robot')).json()) as {
      data: { id: string; reward: string; atsPostingId: string }[];
    };
    const job = jobs.data.find((j) => j.atsPostingId === postingId)!;
    assert.equal(job.reward, '3,000 USD');
    const body = JSON.stringify({
      jobId: job.id,
      candidateName: 'Casey Candidate',
      candidateEmail: 'casey@example.com',
      candidatePhone: '+1 555 0100',
      relationship: 'Worked together at Initech',
      endorsement: 'Casey shipped our robot arm firmware.',
    });
    const first = await api('/referrals', { method: 'POST', body, headers: { 'idempotency-key': 'k1' } });
    assert.equal(first.status, 201);
    const again = await api('/referrals', { method: 'POST', body, headers: { 'idempotency-key': 'k1' } });
    assert.equal(again.status, 200);
    const referral = ((await first.json()) as { data: { id: string; payoutState: string } }).data;
    assert.equal(referral.payoutState, 'pending');
    const invitation = (await mails('casey@example.com')).filter(
      (m) => m.tag === 'referrals.candidate-invitation',
    );
    assert.equal(invitation.length, 1, 'one invitation despite the retried request');
    const texts = await ctx().db.selectFrom('referrals.sms_message').selectAll().execute();
    assert.equal(texts.length, 1);
    const link = /https?:\/\/\S+\/referrals\/c\/\S+/.exec(invitation[0]!.text_body)![0];

    // The candidate opens the link and applies (twice: a double submit is the same application).
    assert.equal((await fetch(link)).status, 200);
    const form = () => {
      const f = new FormData();
      f.set('idempotencyKey', 'apply-key-0001');
      f.set('name', 'Casey Candidate');
      f.set('email', 'casey@example.com');
      f.set('phone', '+1 555 0100');
      f.set('coverLetter', 'I love robots.');
      f.set('consent', 'yes');
      f.set('resume', new Blob(['%PDF-1.4 casey'], { type: 'application/pdf' }), 'casey.pdf');
      return f;
    };
    const started = Date.now();
    const [a, b] = await Promise.all([
      fetch(`${link}/apply`, { method: 'POST', body: form() }),
      fetch(`${link}/apply`, { method: 'POST', body: form() }),
    ]);
    assert.equal(a.status, 200, await a.clone().text());
    assert.equal(b.status, 200);
    const row = await until('the opportunity', async () => {
      const r = await ctx().db.selectFrom('referrals.application').selectAll().executeTakeFirst();
      return r?.status === 'done' ? r : undefined;
    });
    assert.ok(Date.now() - started < 5000);
    const opps = (await (await ats(`/v1/opportunities?email=casey@example.com`)).json()) as {
      data: { id: string }[];
    };
    assert.equal(opps.data.length, 1, 'exactly one opportunity');
    const oppId = row.ats_opportunity_id!;
    const opp = (
      (await (await ats(`/v1/opportunities/${oppId}`)).json()) as {
        data: {
          origin: string;
          sources: string[];
          tags: string[];
          followers: string[];
          owner: string;
          stage: string;
        };
      }
    ).data;
    assert.equal(opp.origin, 'referred');
    assert.deepEqual(opp.sources, ['Hireloop Referrals']);
    assert.ok(opp.tags.includes('Referral') && opp.tags.includes('Hireloop Referrals'));
    assert.ok(
      opp.followers.includes(tenant.limitedMember.id),
      'the referrer (ATS user) follows the candidate',
    );
    assert.equal(opp.owner, tenant.superAdmin.id, 'the posting owner keeps ownership');
    assert.equal(opp.stage, 'applicant-new');
    const notes = (await (await ats(`/v1/opportunities/${oppId}/notes`)).json()) as {
      data: { fields: { value: string }[]; user: string | null }[];
    };
    assert.equal(notes.data.length, 1);
    assert.match(
      notes.data[0]!.fields[0]!.value,
      /Referred by Lee Limited .*Casey shipped our robot arm firmware/s,
    );
    const files = (await (await ats(`/v1/opportunities/${oppId}/files`)).json()) as {
      data: { name: string }[];
    };
    assert.deepEqual(
      files.data.map((f) => f.name),
      ['cover-letter.txt'],
    );
    const resumes = (await (await ats(`/v1/opportunities/${oppId}/resumes`)).json()) as { data: unknown[] };
    assert.equal(resumes.data.length, 1);

    // The recruiter hires in the ATS → webhook → Hired, payout due, mail to the referrer.
    const reasons = (await (await ats('/v1/archive_reasons?type=hired')).json()) as {
      data: { id: string }[];
    };
    const hired = await ats(`/v1/opportunities/${oppId}/archived?perform_as=${tenant.superAdmin.id}`, {
      method: 'PUT',
      body: JSON.stringify({ reason: reasons.data[0]!.id }),
    });
    assert.equal(hired.status, 200, await hired.clone().text());
    const mine = await until('Hired with a due payout', async () => {
      const r = (
        (await (await api(`/referrals/${referral.id}`)).json()) as {
          data: { status: string; payoutState: string; timeline: { history: unknown[] } };
        }
      ).data;
      return r.status === 'hired' && r.payoutState === 'due' ? r : undefined;
    });
    const statusMails = (await mails(tenant.limitedMember.email)).filter(
      (m) => m.tag === 'referrals.status-changed',
    );
    assert.ok(
      statusMails.some((m) => /Hired/.test(m.subject) && /3000(\.00)? USD\) is now due/.test(m.text_body)),
      JSON.stringify(statusMails),
    );

    // Replay every stored webhook delivery: no second change, mail or payout.
    const before = { history: mine.timeline.history.length, mails: statusMails.length };
    const events = await ctx()
      .db.selectFrom('referrals.webhook_event')
      .selectAll()
      .where('organization_id', '=', orgId)
      .execute();
    for (const e of events) {
      const res = await fetch(`${base}/referrals/hooks/lever/${orgId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(e.payload),
      });
      // Without the original signature headers the receiver refuses it; with them it is a known delivery.
      assert.ok([200, 202, 401].includes(res.status), `replay answered ${res.status}`);
    }
    // A duplicate that got past the receiver (processed again): the state is the same, so nothing happens.
    for (const e of events) {
      await ctx()
        .db.updateTable('referrals.webhook_event')
        .set({ status: 'received' })
        .where('id', '=', e.id)
        .execute();
      await processWebhookEvent(ctx(), orgId, e.id);
    }
    await new Promise((r) => setTimeout(r, 1500));
    const after = (
      (await (await api(`/referrals/${referral.id}`)).json()) as {
        data: { timeline: { history: unknown[]; payouts: { state: string }[] } };
      }
    ).data;
    assert.equal(after.timeline.history.length, before.history);
    assert.equal(after.timeline.payouts.filter((p) => p.state === 'due').length, 1);
    assert.equal(
      (await mails(tenant.limitedMember.email)).filter((m) => m.tag === 'referrals.status-changed').length,
      before.mails,
    );
  });

  it('ATS-hosted apply: redirect carries the mark in lever-source; applicationCreated links the referral and adds tags', async () => {
    await updateSettings(ctx().db, orgId, { apply_mode: 'ats_hosted' });
    const job = ((await (await api('/jobs')).json()) as { data: { id: string }[] }).data[0]!;
    const created = await api('/referrals', {
      method: 'POST',
      body: JSON.stringify({
        jobId: job.id,
        candidateName: 'Hosted Hana',
        candidateEmail: 'hana@example.com',
      }),
    });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    const code = (
      await ctx()
        .db.selectFrom('referrals.referral')
        .select('tracking_code')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).tracking_code!;
    const go = await fetch(`${base}/referrals/c/${code}/apply-on-ats`, { redirect: 'manual' });
    assert.equal(go.status, 303);
    const target = new URL(go.headers.get('location')!);
    assert.equal(target.searchParams.get('lever-source'), `Hireloop Referrals [ref:${code}]`);
    // The candidate applies on the ATS (Postings API apply, with the same source).
    const site = tenant.account.site;
    const applied = await fetch(`${base}/v0/postings/${site}/${postingId}?key=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Hosted Hana',
        email: 'hana@example.com',
        source: target.searchParams.get('lever-source'),
      }),
    });
    if (applied.status !== 200) {
      // The embedded ATS may need an API key for v0 apply; create the opportunity as an "applied" one instead.
      const res = await ats(`/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
        method: 'POST',
        body: JSON.stringify({
          name: 'Hosted Hana',
          emails: ['hana@example.com'],
          postings: [postingId],
          origin: 'applied',
          sources: [target.searchParams.get('lever-source')],
        }),
      });
      assert.equal(res.status, 201, await res.clone().text());
    }
    const linked = await until('the ATS application matched', async () => {
      const r = await ctx()
        .db.selectFrom('referrals.referral')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r?.ats_opportunity_id ? r : undefined;
    });
    const opp = (
      (await (await ats(`/v1/opportunities/${linked.ats_opportunity_id}`)).json()) as {
        data: { sources: string[]; tags: string[] };
      }
    ).data;
    assert.ok(opp.sources.includes('Hireloop Referrals'));
    assert.ok(opp.tags.includes('Referral'));
  });

  it('careers-page apply without the link is matched by email and gets the referral source', async () => {
    const job = ((await (await api('/jobs')).json()) as { data: { id: string }[] }).data[0]!;
    const created = await api('/referrals', {
      method: 'POST',
      body: JSON.stringify({ jobId: job.id, candidateName: 'Email Eve', candidateEmail: 'eve@example.com' }),
    });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    const res = await ats(`/v1/opportunities?perform_as=${tenant.superAdmin.id}`, {
      method: 'POST',
      body: JSON.stringify({
        name: 'Eve',
        emails: ['EVE@example.com'],
        postings: [postingId],
        origin: 'applied',
        sources: ['Job site'],
      }),
    });
    assert.equal(res.status, 201);
    const linked = await until('the email match', async () => {
      const r = await ctx()
        .db.selectFrom('referrals.referral')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r?.ats_opportunity_id ? r : undefined;
    });
    const opp = (
      (await (await ats(`/v1/opportunities/${linked.ats_opportunity_id}`)).json()) as {
        data: { sources: string[] };
      }
    ).data;
    assert.deepEqual([...opp.sources].sort(), ['Hireloop Referrals', 'Job site']);
  });
});
