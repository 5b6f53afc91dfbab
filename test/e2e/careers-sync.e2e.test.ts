// The careers app against a REAL embedded ATS over HTTP (through a recording proxy that refuses writes):
// the integration form's checks (a missing permission named, a bad regex, an unknown company code), the
// first sync (jobs with a location only, skipped ones listed; confidential postings only with the toggle),
// publish/close reflected on the careers site, JSON-LD, canonical, sitemap, ETag/304, candidates with
// source and stage, delta by updated_at_start — and not one write request to the ATS.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RECRUITMENT_MARKETING_PRESET } from '@hireloop/lever/permissions';
import { runSync } from '@hireloop/careers';
import {
  careersPages,
  integrationForm,
  startCareersStack,
  type CareersStack,
} from './support/careers-stack.ts';

const preset = RECRUITMENT_MARKETING_PRESET.permissions;

describe('careers app against the embedded ATS', () => {
  let s: CareersStack;
  let org: { organizationId: string; email: string; password: string };
  let pages: ReturnType<typeof careersPages>;
  let rmKey = '';
  const site = () => s.tenant.account.site;
  const keyOf = (auth: string) =>
    Buffer.from(auth.replace(/^Basic /, ''), 'base64')
      .toString()
      .replace(/:$/, '');
  const ids = {} as Record<
    'remote' | 'hybrid' | 'noLocation' | 'draft' | 'internal' | 'confidential' | 'hidden',
    string
  >;

  before(async () => {
    s = await startCareersStack();
    org = await s.newOrg(`acme-${Date.now().toString(36)}`);
    pages = careersPages(s.url);
    await pages.signIn(org.email, org.password);
    rmKey = keyOf(await s.tenant.key(preset, true));
    ids.remote = (
      await s.createPosting({
        text: 'Remote Engineer',
        categories: { location: 'Remote — EU', team: 'Engineering', commitment: 'Full-time' },
        content: { description: 'Build things.\n\nWith us.' },
      })
    ).id;
    ids.hybrid = (
      await s.createPosting({
        text: 'Hybrid Designer',
        workplaceType: 'hybrid',
        categories: { location: 'Berlin', team: 'Design', commitment: 'Part-time' },
      })
    ).id;
    ids.noLocation = (await s.createPosting({ text: 'Nowhere Analyst', categories: { team: 'Data' } })).id;
    ids.draft = (
      await s.createPosting({
        text: 'Future Role',
        state: 'draft',
        distributionChannels: undefined,
        categories: { location: 'Paris' },
      })
    ).id;
    ids.internal = (
      await s.createPosting({
        text: 'Internal Only',
        distributionChannels: ['internal'],
        categories: { location: 'Paris' },
      })
    ).id;
    ids.confidential = (
      await s.createPosting({
        text: 'Secret VP',
        confidentiality: 'confidential',
        categories: { location: 'London' },
      })
    ).id;
    ids.hidden = (
      await s.createPosting({ text: 'Sales Intern', categories: { location: 'Madrid', team: 'Sales' } })
    ).id;
  });
  after(async () => {
    await s?.close();
  });

  it('rejects a key missing one needed permission, naming it, and saves nothing', async () => {
    const key = keyOf(
      await s.tenant.key(
        preset.filter((p) => p !== 'stages:list'),
        true,
      ),
    );
    const res = await pages.post(
      '/careers/admin/integration',
      integrationForm({ apiKey: key, companyCode: site() }),
    );
    assert.equal(res.status, 422);
    assert.match(
      res.body,
      /missing the permission &quot;stages:list&quot; \(Find all stages\), needed because candidates are listed with their latest ATS stage/,
    );
    const withResumes = keyOf(
      await s.tenant.key(
        preset.filter((p) => p !== 'resumes:download'),
        true,
      ),
    );
    const r2 = await pages.post(
      '/careers/admin/integration',
      integrationForm({ apiKey: withResumes, companyCode: site(), syncResumes: 'on' }),
    );
    assert.equal(r2.status, 422);
    assert.match(
      r2.body,
      /missing the permission &quot;resumes:download&quot;.*&quot;Sync resumes&quot; is on/,
    );
    assert.equal((await pages.get('/careers/admin/jobs')).body.includes('Remote Engineer'), false);
  });

  it('rejects an invalid regex and an unknown company code with a clear message', async () => {
    const bad = await pages.post(
      '/careers/admin/integration',
      integrationForm({ apiKey: rmKey, companyCode: site(), remoteRegex: '(?<=x)remote' }),
    );
    assert.equal(bad.status, 400);
    assert.match(bad.body, /Remote pattern is not a valid regular expression \(RE2 syntax/);
    const code = await pages.post(
      '/careers/admin/integration',
      integrationForm({ apiKey: rmKey, companyCode: 'no-such-site-x' }),
    );
    assert.equal(code.status, 422);
    assert.match(code.body, /no job site with the company code &quot;no-such-site-x&quot;/);
  });

  it('saves with a read-only key without confidential access: imports located postings, lists the skipped, hides confidential', async () => {
    const plain = keyOf(await s.tenant.key(preset, false));
    const res = await pages.post(
      '/careers/admin/integration',
      integrationForm({ apiKey: plain, companyCode: site(), hiddenRules: 'team equals Sales' }),
    );
    assert.equal(res.status, 303, res.body.slice(0, 500));
    const result = await runSync(s.careers, {
      organizationId: org.organizationId,
      kind: 'full',
      scope: 'all',
      trigger: 'test',
    });
    assert.equal(result?.status, 'succeeded', JSON.stringify(result?.errors));
    const jobs = (await pages.get('/careers/admin/jobs')).body;
    for (const t of ['Remote Engineer', 'Hybrid Designer', 'Future Role', 'Internal Only', 'Sales Intern'])
      assert.ok(jobs.includes(t), t);
    assert.ok(!jobs.includes('Secret VP'), 'confidential posting needs the toggle');
    assert.match(jobs, /Nowhere Analyst<\/th>\s*<td>no location/);
    assert.deepEqual(result?.skippedItems, [
      { id: ids.noLocation, title: 'Nowhere Analyst', reason: 'no location' },
    ]);
  });

  it('with the confidential toggle the confidential posting is synced too', async () => {
    const res = await pages.post(
      '/careers/admin/integration',
      integrationForm({ apiKey: rmKey, companyCode: site(), hiddenRules: 'team equals Sales' }),
    );
    assert.equal(res.status, 303);
    await runSync(s.careers, {
      organizationId: org.organizationId,
      kind: 'full',
      scope: 'all',
      trigger: 'test',
    });
    assert.ok((await pages.get('/careers/admin/jobs')).body.includes('Secret VP'));
  });

  it('publishes only postings published on the chosen channel and not hidden; JSON-LD, canonical, remote/hybrid', async () => {
    const slug = org.email.split('@')[1]!.replace('.careers.test', '');
    const list = await fetch(`${s.url}/careers/${slug}`).then((r) => r.text());
    assert.ok(
      list.includes('Remote Engineer') && list.includes('Hybrid Designer') && list.includes('Secret VP'),
    );
    for (const t of ['Future Role', 'Internal Only', 'Sales Intern', 'Nowhere Analyst'])
      assert.ok(!list.includes(t), t);
    const remoteOnly = await fetch(`${s.url}/careers/${slug}?mode=remote`).then((r) => r.text());
    assert.ok(remoteOnly.includes('Remote Engineer') && !remoteOnly.includes('Hybrid Designer'));
    assert.ok(/<meta name="robots" content="noindex"\s*\/?>/.test(remoteOnly));
    const page = await fetch(`${s.url}/careers/${slug}/jobs/${ids.remote}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const canonical = `${s.url}/careers/${slug}/jobs/${ids.remote}`;
    assert.ok(html.includes(`<link rel="canonical" href="${canonical}"`));
    assert.ok(
      html.includes(`href="${s.url}/jobs/${site()}/${ids.remote}/apply"`),
      'apply leads to the ATS hosted form',
    );
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    assert.equal(ld['@type'], 'JobPosting');
    assert.equal(ld.title, 'Remote Engineer');
    assert.equal(ld.jobLocationType, 'TELECOMMUTE');
    assert.equal(ld.employmentType, 'FULL_TIME');
    assert.equal(ld.url, canonical);
    assert.equal(ld.hiringOrganization.name, `${slug} Inc`);
    const hidden = await fetch(`${s.url}/careers/${slug}/jobs/${ids.hidden}`);
    assert.equal(hidden.status, 410);
    assert.ok(/<meta name="robots" content="noindex"\s*\/?>/.test(await hidden.text()));
    assert.equal(
      (await fetch(`${s.url}/careers/${slug}/jobs/00000000-0000-4000-8000-000000000000`)).status,
      404,
    );
  });

  it('answers If-None-Match with 304 and serves a sitemap of the live pages', async () => {
    const slug = org.email.split('@')[1]!.replace('.careers.test', '');
    const first = await fetch(`${s.url}/careers/${slug}/jobs/${ids.remote}`);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(first.headers.get('cache-control'), 'public, no-cache');
    const again = await fetch(`${s.url}/careers/${slug}/jobs/${ids.remote}`, {
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
    const sitemap = await fetch(`${s.url}/careers/${slug}/sitemap.xml`);
    assert.match(sitemap.headers.get('content-type') ?? '', /application\/xml/);
    const xml = await sitemap.text();
    assert.ok(xml.includes(`<loc>${s.url}/careers/${slug}/jobs/${ids.remote}</loc>`));
    assert.ok(!xml.includes(ids.hidden) && !xml.includes(ids.draft));
  });

  it('reflects publish and close in the ATS at the next (delta) poll, by updated_at_start', async () => {
    const slug = org.email.split('@')[1]!.replace('.careers.test', '');
    await s.updatePosting(ids.draft, {
      text: 'Future Role',
      state: 'published',
      distributionChannels: ['public'],
    });
    await s.updatePosting(ids.remote, { text: 'Remote Engineer', state: 'closed' });
    const before = s.requests.length;
    const r = await runSync(s.careers, {
      organizationId: org.organizationId,
      kind: 'delta',
      scope: 'jobs',
      trigger: 'test',
    });
    assert.equal(r?.status, 'succeeded');
    const delta = s.requests.slice(before);
    assert.ok(
      delta.every((q) => q.url.startsWith('/v1/postings?') && /updated_at_start=\d+/.test(q.url)),
      JSON.stringify(delta),
    );
    assert.equal((await fetch(`${s.url}/careers/${slug}/jobs/${ids.draft}`)).status, 200);
    const closed = await fetch(`${s.url}/careers/${slug}/jobs/${ids.remote}`);
    assert.equal(closed.status, 410);
    assert.match(await closed.text(), /Remote Engineer is no longer open/);
  });

  it('syncs candidates read-only with source and latest stage, linked to jobs; the sync runs page shows them', async () => {
    const created = await s.ats<{ data: { id: string } }>(
      'POST',
      `/opportunities?perform_as=${s.tenant.superAdmin.id}`,
      {
        name: 'Ada Candidate',
        emails: ['ada@example.test'],
        postings: [ids.hybrid],
        sources: ['LinkedIn'],
      },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const r = await runSync(s.careers, {
      organizationId: org.organizationId,
      kind: 'delta',
      scope: 'candidates',
      trigger: 'test',
    });
    assert.equal(r?.status, 'succeeded', JSON.stringify(r?.errors));
    const list = (await pages.get('/careers/admin/candidates')).body;
    assert.match(
      list,
      /Ada Candidate<\/th>\s*<td>Hybrid Designer<\/td>\s*<td>LinkedIn<\/td>\s*<td>New applicant|Ada Candidate<\/th>\s*<td>Hybrid Designer<\/td>\s*<td>LinkedIn<\/td>\s*<td>[^<—]+<\/td>/,
    );
    const runs = (await pages.get('/careers/admin/syncs')).body;
    assert.ok(runs.includes('Sync now') && runs.includes('succeeded'));
  });

  it('a (a+)+$ remote pattern against a long location cannot stall the sync', async () => {
    await s.createPosting({ text: 'Long Location', categories: { location: `${'a'.repeat(5000)}!` } });
    const res = await pages.post(
      '/careers/admin/integration',
      integrationForm({ apiKey: '', companyCode: site(), remoteRegex: '(a+)+$' }),
    );
    assert.equal(res.status, 303);
    const started = Date.now();
    const r = await runSync(s.careers, {
      organizationId: org.organizationId,
      kind: 'full',
      scope: 'jobs',
      trigger: 'test',
    });
    assert.equal(r?.status, 'succeeded');
    assert.ok(Date.now() - started < 5_000);
  });

  it('runs one sync per organization at a time: a second one while it runs is refused as busy', async () => {
    const req = { organizationId: org.organizationId, kind: 'delta', scope: 'all', trigger: 'test' } as const;
    const before = s.requests.length;
    const [a, b] = await Promise.all([runSync(s.careers, req), runSync(s.careers, req)]);
    const statuses = [a?.status, b?.status].sort();
    assert.deepEqual(statuses, ['busy', 'succeeded']);
    const busy = a?.status === 'busy' ? a : b;
    const ran = a?.status === 'busy' ? b : a;
    assert.equal(busy?.runId, ran?.runId, 'busy names the run going on');
    assert.equal(busy?.requests, 0);
    assert.equal(s.requests.length - before, ran?.requests);
    // Once it has finished the organization is free again.
    assert.equal((await runSync(s.careers, req))?.status, 'succeeded');
  });

  it('never sent a write to the ATS', () => {
    assert.ok(s.requests.length > 10);
    assert.deepEqual(s.violations, []);
    assert.ok(s.requests.every((r) => r.method === 'GET'));
  });
});
