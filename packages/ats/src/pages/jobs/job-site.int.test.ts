// The hosted job site: public list with filters and search, the job page, the "no longer open" page, and
// the application form — CSRF (an expired form keeps the input), validation that keeps every typed value
// and saves nothing, and a successful application through applyToPosting (origin applied, lever-source as
// the source, resume stored, applicationCreated recorded, re-applying deduped by email).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createAtsTestApp,
  createTestTenant,
  countRows,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';
import { Browser, csrfFrom } from '../../oauth/oauth-test-support.ts';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';

const BOUNDARY = 'hireloop-test-boundary';

function multipart(fields: Record<string, string>, file?: { name: string; body: string }): string {
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  if (file) {
    parts.push(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="resume"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${file.body}\r\n`,
    );
  }
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

describe('hosted job site /jobs/:site', () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let open: PostingRow;
  let closed: PostingRow;
  let draft: PostingRow;

  const posting = (values: Partial<PostingRow> & { text: string }) =>
    t.db
      .insertInto('ats.posting')
      .values({ account_id: tenant.account.id, ...values } as never)
      .returningAll()
      .executeTakeFirstOrThrow();

  before(async () => {
    t = await createAtsTestApp();
    try {
      tenant = await createTestTenant(t.db, 'jobsite');
      open = await posting({
        text: 'Robot Wrangler',
        state: 'published',
        distribution_channels: ['public'],
        team: 'Robotics',
        department: 'Engineering',
        location: 'Austin, TX',
        commitment: 'Full-time',
        workplace_type: 'hybrid',
        content: JSON.stringify({
          descriptionHtml: '<p>Herd <b>robots</b>.</p><script>alert(1)</script>',
          lists: [{ text: 'Requirements', content: '<li>Patience</li><li>Snacks</li>' }],
        }) as never,
        salary_range: JSON.stringify({
          min: 100000,
          max: 120000,
          currency: 'USD',
          interval: 'per-year-salary',
        }) as never,
      });
      await posting({
        text: 'Sales Lead',
        state: 'published',
        team: 'Sales',
        location: 'Berlin',
        commitment: 'Part-time',
      });
      await posting({ text: 'Internal Only', state: 'published', distribution_channels: ['internal'] });
      closed = await posting({ text: 'Old Job', state: 'closed' });
      draft = await posting({ text: 'Secret Draft', state: 'draft' });
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  after(() => t.close());

  it('lists public published jobs under the company name, grouped by team, with filters and search', async () => {
    const res = await t.app.inject('/jobs/jobsite');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Open jobs · Tenant jobsite careers<\/title>/);
    assert.match(res.body, /Join Tenant jobsite/);
    assert.match(res.body, /2 open jobs/);
    for (const hidden of ['Internal Only', 'Old Job', 'Secret Draft'])
      assert.doesNotMatch(res.body, new RegExp(hidden));
    assert.doesNotMatch(res.body, /(src|href)="https?:/);

    const byTeam = await t.app.inject('/jobs/jobsite?team=Sales');
    assert.match(byTeam.body, /Sales Lead/);
    assert.doesNotMatch(byTeam.body, /Robot Wrangler/);
    const search = await t.app.inject('/jobs/jobsite?search=wrangler%20austin');
    assert.match(search.body, /Robot Wrangler/);
    assert.doesNotMatch(search.body, /Sales Lead/);
    const workplace = await t.app.inject('/jobs/jobsite?workplaceType=hybrid&commitment=Full-time');
    assert.match(workplace.body, /1 open job</);
    const none = await t.app.inject('/jobs/jobsite?search=%25');
    assert.match(none.body, /No open jobs match/);
  });

  it('carries lever-source (or source) onto job and apply links', async () => {
    const list = await t.app.inject('/jobs/jobsite?lever-source=Job%20Fair');
    assert.ok(list.body.includes(`/jobs/jobsite/${open.id}?lever-source=Job%20Fair`));
    const job = await t.app.inject(`/jobs/jobsite/${open.id}?source=Newsletter`);
    assert.ok(job.body.includes(`/jobs/jobsite/${open.id}/apply?lever-source=Newsletter`));
  });

  it('shows a job with its content as escaped text, lists and compensation', async () => {
    const res = await t.app.inject(`/jobs/jobsite/${open.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 id="job-title">Robot Wrangler<\/h1>/);
    assert.match(res.body, /<p>Herd robots\.<\/p>/);
    assert.doesNotMatch(res.body, /alert/);
    assert.match(res.body, /<h2>Requirements<\/h2>\s*<ul>\s*<li>Patience<\/li><li>Snacks<\/li>\s*<\/ul>/);
    assert.match(res.body, /\$100,000 – \$120,000 per year/);
  });

  it('answers closed, unpublished and unknown jobs with a "no longer open" page (noindex), unknown sites 404', async () => {
    for (const [id, status, title] of [
      [closed.id, 410, 'This job is no longer open'],
      [draft.id, 410, 'This job is no longer open'],
      ['00000000-0000-4000-8000-000000000000', 404, 'We couldn’t find that job'],
      ['not-a-uuid', 404, 'We couldn’t find that job'],
    ] as const) {
      for (const path of [`/jobs/jobsite/${id}`, `/jobs/jobsite/${id}/apply`]) {
        const res = await t.app.inject(path);
        assert.equal(res.statusCode, status, path);
        assert.match(res.body, new RegExp(title));
        assert.match(res.body, /<meta name="robots" content="noindex"/);
        assert.doesNotMatch(res.body, /Secret Draft|Old Job/);
      }
    }
    const site = await t.app.inject({ url: '/jobs/nosuchsite', headers: { accept: 'text/html' } });
    assert.equal(site.statusCode, 404);
  });

  describe('applying', () => {
    const applyUrl = () => `/jobs/jobsite/${open.id}/apply`;
    const post = (browser: Browser, body: string) =>
      t.app.inject({
        method: 'POST',
        url: applyUrl(),
        headers: {
          cookie: browser.cookie,
          accept: 'text/html',
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        },
        payload: body,
      });

    it('an expired form (no CSRF) saves nothing and comes back with the typed values', async () => {
      const before = await countRows(t.db, 'ats.opportunity');
      const res = await post(
        new Browser(t.app),
        multipart({ name: 'Ada', email: 'ada@example.com', coverLetter: 'Hello' }),
      );
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /The form had expired/);
      assert.match(res.body, /value="Ada"/);
      assert.match(res.body, />Hello<\/textarea>/);
      assert.ok(csrfFrom(res.body));
      assert.equal(await countRows(t.db, 'ats.opportunity'), before);
    });

    it('invalid input saves nothing, names each problem and keeps what was typed', async () => {
      const browser = new Browser(t.app);
      const form = await browser.get(`${applyUrl()}?lever-source=Job%20Fair`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /enctype="multipart\/form-data"/);
      assert.match(form.body, /name="source" value="Job Fair"/);
      const before = await countRows(t.db, 'ats.opportunity');
      const res = await post(
        browser,
        multipart(
          {
            _csrf: csrfFrom(form.body),
            source: 'Job Fair',
            name: 'Ada Lovelace',
            email: 'not-an-email',
            linkedin: 'javascript:alert(1)',
            coverLetter: 'Dear team',
          },
          { name: 'cv.exe', body: 'MZ\u0090binary' },
        ),
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There are 4 problems with your application/);
      assert.match(res.body, /Enter an email address like name@example.com/);
      assert.match(res.body, /Enter a full web address starting with https:\/\//);
      assert.match(res.body, /Tick the box to let us store your application/);
      assert.match(res.body, /Upload a PDF, Word/);
      assert.match(res.body, /please choose it again/);
      assert.match(res.body, /value="Ada Lovelace"/);
      assert.match(res.body, /value="not-an-email"/);
      assert.match(res.body, />Dear team<\/textarea>/);
      assert.match(res.body, /name="source" value="Job Fair"/);
      assert.equal(await countRows(t.db, 'ats.opportunity'), before);
    });

    it('applies: opportunity with origin applied and the source, resume, applicationCreated; re-applying dedupes', async () => {
      const browser = new Browser(t.app);
      const submit = async (source: string) => {
        const form = await browser.get(`${applyUrl()}?lever-source=${encodeURIComponent(source)}`);
        return post(
          browser,
          multipart(
            {
              _csrf: csrfFrom(form.body),
              source,
              name: 'Grace Hopper',
              email: 'Grace@Example.com',
              phone: '+1 555 0100',
              linkedin: 'https://www.linkedin.com/in/grace',
              coverLetter: 'Compilers!',
              consent: 'yes',
            },
            { name: 'grace.pdf', body: '%PDF-1.4 grace' },
          ),
        );
      };
      const res = await submit('Job Fair');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/jobs/jobsite/${open.id}/thanks`);
      const thanks = await t.app.inject(String(res.headers.location));
      assert.match(thanks.body, /Thank you for applying/);
      assert.match(thanks.body, /Robot Wrangler/);

      const opps = await t.db
        .selectFrom('ats.opportunity')
        .select(['id', 'origin', 'sources', 'links', 'posting_id' as never])
        .where('account_id', '=', tenant.account.id)
        .execute();
      assert.equal(opps.length, 1);
      const opp = opps[0] as unknown as { id: string; origin: string; sources: string[]; links: string[] };
      assert.deepEqual(
        [opp.origin, opp.sources, opp.links],
        ['applied', ['Job Fair'], ['https://www.linkedin.com/in/grace']],
      );
      const app = await t.db
        .selectFrom('ats.application')
        .selectAll()
        .where('opportunity_id', '=', opp.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [app.email, app.phone, app.comments],
        ['grace@example.com', '+1 555 0100', 'Compilers!'],
      );
      const files = await t.db
        .selectFrom('ats.file')
        .select(['name', 'kind'])
        .where('opportunity_id', '=', opp.id)
        .execute();
      assert.deepEqual(files, [{ name: 'grace.pdf', kind: 'resume' }]);
      const events = await t.db
        .selectFrom('ats.event_log')
        .select('event')
        .where('account_id', '=', tenant.account.id)
        .execute();
      assert.ok(events.some((e) => e.event === 'applicationCreated'));

      // The same person again (another source): the open application is reused, the source added.
      assert.equal((await submit('Newsletter')).statusCode, 303);
      const again = await t.db
        .selectFrom('ats.opportunity')
        .select('sources')
        .where('account_id', '=', tenant.account.id)
        .execute();
      assert.deepEqual(
        again.map((o) => o.sources),
        [['Job Fair', 'Newsletter']],
      );
    });

    it('refuses applications to a closed job with the "no longer open" page', async () => {
      const browser = new Browser(t.app);
      await browser.get(applyUrl());
      const res = await t.app.inject({
        method: 'POST',
        url: `/jobs/jobsite/${closed.id}/apply`,
        headers: { cookie: browser.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart({ name: 'X', email: 'x@example.com', consent: 'yes' }),
      });
      assert.equal(res.statusCode, 410);
      assert.match(res.body, /no longer open/);
    });
  });
});
