// The referrals app against an ATS that fails: `hireloop start` with PUBLIC_URL pointing at a
// fault-injecting proxy on loopback (support/fault-proxy.ts) in front of it, so the embedded ATS's base URL
// the app stores when it connects is the proxy and every /v1 and /oauth/token call of the app goes through
// it. (REFERRALS_ATS_URL alone is not enough for the embedded ATS: its OAuth audience is PUBLIC_URL/v1/.) — the demo referrals org is connected through it by the demo seed (faults off), then the
// proxy answers a bounded, seeded-random share of them with 429 (Retry-After), 500, a 500 AFTER the ATS did
// the write (lost answer; forced once each for the create, the note and the file upload), or a 401 that
// forces a token refresh. Jobs sync, three referrals are made and applied to, and each is hired in the ATS:
// everything converges with nothing lost and nothing duplicated — one opportunity, one note, one file, one
// Hired mail and one due payout per referral. Bounded: a fault budget and a timeout on every wait.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import {
  ATS_SUPER_ADMIN,
  freePort,
  httpSession,
  startReferralsServer,
  until,
  type ReferralsServer,
} from './support/referrals-server.ts';

const EMPLOYEE = { email: 'priya@acme-robotics.example', password: 'referrals-demo-2024' };
const SEED = Number(process.env.FAULT_SEED ?? 20261123);
const CONVERGE_MS = 120_000;

describe('referrals against an ATS answering 429 and 500 at random: converges, nothing lost or duplicated', () => {
  let proxy: FaultProxy;
  let s: ReferralsServer;
  let token = '';
  let morganId = '';
  let hiredReason = '';
  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${s.url}/referrals/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  before(async () => {
    proxy = await startFaultProxy();
    const port = await freePort();
    proxy.setTarget(`http://127.0.0.1:${port}`);
    s = await startReferralsServer({ port, publicUrl: proxy.url });
    const users = await s.ats<{ data: { id: string; email: string }[] }>('GET', '/users?limit=100');
    morganId = users.body.data.find((u) => u.email === ATS_SUPER_ADMIN.email)!.id;
    const reasons = await s.ats<{ data: { id: string }[] }>('GET', '/archive_reasons?type=hired');
    hiredReason = reasons.body.data[0]!.id;
  });
  after(async () => {
    await s?.close();
    await proxy?.close();
  });

  it('the demo org is connected through the proxy', async () => {
    const admin = httpSession(s.url);
    await admin.signInReferrals(
      'admin@referrals.acme.test',
      EMPLOYEE.password,
      '/referrals/admin/integrations',
    );
    const page = (await admin.get('/referrals/admin/integrations')).body;
    assert.match(page, /Connected/);
    assert.ok(page.includes(`${proxy.url}/v1`), 'the API base URL is the proxy');
    assert.ok(
      proxy.forwarded.some((r) => r.path === '/oauth/token'),
      'the code exchange went through the proxy',
    );
    const employee = httpSession(s.url);
    await employee.signInReferrals(EMPLOYEE.email, EMPLOYEE.password, '/referrals/my/api-tokens');
    const created = await employee.post('/referrals/my/api-tokens', { name: 'faults e2e' });
    token = /rlp_[A-Za-z0-9_-]+/.exec(created.body)?.[0] ?? '';
    assert.ok(token, 'a personal API token');
  });

  it('job sync, refer, apply and hire converge under faults', async () => {
    proxy.enable({
      rate: 0.3,
      maxFaults: 80,
      max401: 2,
      seed: SEED,
      loseFirst: [/^\/v1\/opportunities$/, /\/notes$/, /\/files$/],
    });
    const started = Date.now();
    const posting = await s.ats<{ data: { id: string } }>('POST', `/postings?perform_as=${morganId}`, {
      text: 'Fault Tolerance Engineer',
      state: 'published',
      distributionChannels: ['public', 'internal'],
      tags: ['referralbonus:1000'],
      owner: morganId,
      categories: { location: 'Remote', team: 'Platform', commitment: 'Full-time' },
    });
    assert.equal(posting.status, 201);
    const job = await until(
      'the job synced through the faulty proxy',
      async () => {
        const r = await api<{ data: { id: string; atsPostingId: string }[] }>('GET', '/jobs?q=Fault');
        return r.body.data.find((j) => j.atsPostingId === posting.body.data.id);
      },
      CONVERGE_MS,
      300,
    );

    const candidates = [0, 1, 2].map((i) => ({
      name: `Faulty Candidate ${i}`,
      email: `faulty.${i}.${randomUUID().slice(0, 8)}@example.com`,
    }));
    const referralIds: string[] = [];
    for (const c of candidates) {
      const res = await api<{ data: { id: string } }>(
        'POST',
        '/referrals',
        {
          jobId: job.id,
          candidateName: c.name,
          candidateEmail: c.email,
          endorsement: `Endorsing ${c.name}.`,
        },
        { 'idempotency-key': `faults-${c.email}` },
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
      referralIds.push(res.body.data.id);
      const link = await s.waitForMailLink(c.email, /./, /https?:\/\/\S+\/referrals\/c\/[A-Za-z0-9_-]+/);
      assert.equal((await fetch(link)).status, 200);
      const form = new FormData();
      form.set('idempotencyKey', randomUUID());
      form.set('name', c.name);
      form.set('email', c.email);
      form.set('coverLetter', `Cover letter of ${c.name}.`);
      form.set('consent', 'yes');
      form.set('resume', new Blob([`%PDF-1.4 ${c.name}`], { type: 'application/pdf' }), 'resume.pdf');
      const applied = await fetch(`${link}/apply`, { method: 'POST', body: form });
      assert.equal(applied.status, 200, await applied.text());
    }

    // Each application ends up in the ATS exactly once, with its note and cover letter.
    const opportunityIds: string[] = [];
    for (const c of candidates) {
      const id = await until(
        `${c.email} complete in the ATS`,
        async () => {
          const opps = await s.ats<{ data: { id: string }[] }>('GET', `/opportunities?email=${c.email}`);
          const first = opps.body.data[0];
          if (!first) return undefined;
          const [notes, files] = await Promise.all([
            s.ats<{ data: unknown[] }>('GET', `/opportunities/${first.id}/notes`),
            s.ats<{ data: unknown[] }>('GET', `/opportunities/${first.id}/files`),
          ]);
          return notes.body.data.length && files.body.data.length ? first.id : undefined;
        },
        CONVERGE_MS,
        300,
      );
      opportunityIds.push(id);
    }
    // The recruiter hires each one in the ATS (directly, not through the app's proxy).
    for (const id of opportunityIds) {
      const res = await s.ats('PUT', `/opportunities/${id}/archived?perform_as=${morganId}`, {
        reason: hiredReason,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    for (const id of referralIds)
      await until(
        `referral ${id} Hired with a due payout`,
        async () => {
          const r = await api<{ data: { status: string; payoutState: string } }>('GET', `/referrals/${id}`);
          return r.body.data.status === 'hired' && r.body.data.payoutState === 'due';
        },
        CONVERGE_MS,
        300,
      );
    const converged = Date.now() - started;

    // Let any retry still in flight land, then count everything once more.
    proxy.disable();
    await new Promise((r) => setTimeout(r, 6000));
    for (const [i, c] of candidates.entries()) {
      const opps = await s.ats<{ data: { id: string; tags: string[]; sources: string[] }[] }>(
        'GET',
        `/opportunities?email=${c.email}`,
      );
      assert.equal(opps.body.data.length, 1, `exactly one opportunity for ${c.email}`);
      const opp = opps.body.data[0]!;
      assert.ok(opp.tags.includes('Referral') && opp.sources.includes('Hireloop Referrals'));
      const notes = await s.ats<{ data: { fields: { value: string }[] }[] }>(
        'GET',
        `/opportunities/${opp.id}/notes`,
      );
      assert.equal(notes.body.data.length, 1, `one note on ${c.email}: ${JSON.stringify(notes.body.data)}`);
      assert.match(notes.body.data[0]!.fields[0]!.value, new RegExp(`Endorsing ${c.name}`));
      const files = await s.ats<{ data: { name: string }[] }>('GET', `/opportunities/${opp.id}/files`);
      assert.deepEqual(
        files.body.data.map((f) => f.name),
        ['cover-letter.txt'],
        `files of ${c.email}`,
      );
      const resumes = await s.ats<{ data: unknown[] }>('GET', `/opportunities/${opp.id}/resumes`);
      assert.equal(resumes.body.data.length, 1, `one resume on ${c.email}`);
      const detail = await api<{
        data: { timeline: { history: { to: string }[]; payouts: { state: string }[] } };
      }>('GET', `/referrals/${referralIds[i]}`);
      assert.equal(detail.body.data.timeline.history.filter((h) => h.to === 'hired').length, 1);
      assert.equal(detail.body.data.timeline.payouts.filter((p) => p.state === 'due').length, 1);
    }
    const hiredMails = (await s.mail(EMPLOYEE.email)).filter(
      (m) => /Faulty Candidate/.test(m.subject) && /Hired/.test(m.subject),
    );
    assert.equal(hiredMails.length, candidates.length, 'one Hired mail per referral');

    const kinds = Object.groupBy(proxy.faults, (f) => f.kind);
    const summary = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v!.length]));
    console.log(`faults (seed ${SEED}): ${JSON.stringify(summary)}; converged in ${converged} ms`);
    for (const f of proxy.faults) console.log(`  ${f.kind} ${f.method} ${f.path}`);
    assert.ok(
      (kinds['429']?.length ?? 0) > 0 && (kinds['500']?.length ?? 0) > 0,
      'both 429 and 500 injected',
    );
    assert.ok((kinds.lost?.length ?? 0) >= 3, 'lost answers on the create, the note and the file');
  });
});
