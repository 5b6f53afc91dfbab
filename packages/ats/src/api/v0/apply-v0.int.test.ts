import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { PostingV0ApplyResult } from '@hireloop/lever/wire';
import { createApiKey } from '../../domain/api-keys/api-key.service.ts';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipart(
  fields: Record<string, string>,
  file?: { name: string; field?: string; bytes: Buffer; type?: string },
) {
  const boundary = '----hireloop-test';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field ?? 'resume'}"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('POST /v0/postings/:site/:id', () => {
  let t: AtsTestApp;
  let a: TestTenant;
  let b: TestTenant;
  let applyKey: string;
  let posting: string;
  let internal: string;

  const newSite = async () => {
    const tenant = await createTestTenant(t.db);
    const { secret } = await createApiKey(t.db, {
      accountId: tenant.account.id,
      name: 'apply',
      permissions: ['posting_applications:create'],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/postings?perform_as=${tenant.superAdmin.id}`,
      headers: { authorization: tenant.auth },
      payload: { text: 'Job', state: 'published', categories: { location: 'Lisbon', team: 'Ops' } },
    });
    return { tenant, key: secret, posting: res.json().data.id as string };
  };
  const apply = (
    site: string,
    id: string,
    key: string | undefined,
    init: { payload?: unknown; headers?: Record<string, string> } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/v0/postings/${site}/${id}${key ? `?key=${encodeURIComponent(key)}` : ''}`,
      payload: init.payload as string,
      headers: init.headers,
    });

  before(async () => {
    t = await createAtsTestApp();
    ({ tenant: a, key: applyKey, posting } = await newSite());
    b = await createTestTenant(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/postings?perform_as=${a.superAdmin.id}`,
      headers: { authorization: a.auth },
      payload: { text: 'Internal', state: 'internal' },
    });
    internal = res.json().data.id;
  });
  after(() => t.close());

  it('rejects unknown sites and postings (404), missing or foreign keys (401), keys without the permission (403)', async () => {
    const body = { payload: { name: 'X', email: 'x@example.com' } };
    const before = await countRows(t.db, 'ats.opportunity');
    const cases: [string, string, string | undefined, number][] = [
      ['no-such-site', posting, applyKey, 404],
      [a.account.site, internal, applyKey, 404],
      [a.account.site, 'not-a-uuid', applyKey, 404],
      [a.account.site, posting, undefined, 401],
      [a.account.site, posting, 'wrong', 401],
    ];
    for (const [site, id, key, status] of cases) {
      const res = await apply(site, id, key, body);
      assert.equal(res.statusCode, status, `${site}/${id}`);
      assert.equal(res.json().ok, false);
      assert.equal(typeof res.json().error, 'string');
    }
    const { secret: foreign } = await createApiKey(t.db, {
      accountId: b.account.id,
      name: 'b',
      permissions: ['posting_applications:create'],
    });
    assert.equal((await apply(a.account.site, posting, foreign, body)).statusCode, 401);
    const { secret: readOnly } = await createApiKey(t.db, {
      accountId: a.account.id,
      name: 'ro',
      permissions: ['postings:read'],
    });
    assert.equal((await apply(a.account.site, posting, readOnly, body)).statusCode, 403);
    assert.equal(await countRows(t.db, 'ats.opportunity'), before);
  });

  it('rejects bad bodies (400), other content types (415), and loses nothing', async () => {
    const before = await Promise.all(
      (['ats.opportunity', 'ats.contact', 'ats.application', 'ats.file'] as const).map((x) =>
        countRows(t.db, x),
      ),
    );
    const cases: [{ payload?: unknown; headers?: Record<string, string> }, number][] = [
      [{ payload: { email: 'x@example.com' } }, 400],
      [{ payload: { name: 'X' } }, 400],
      [{ payload: { name: 'X', email: 'no-at-sign' } }, 400],
      [{ payload: { name: 'X', email: 'x@example.com', silent: 'maybe' } }, 400],
      [{ payload: { name: 'X', email: 'x@example.com', urls: 'https://x' } }, 400],
      [{ payload: { name: { first: 'X' }, email: 'x@example.com' } }, 400],
      [{ payload: '[1,2]', headers: { 'content-type': 'application/json' } }, 400],
      [{ payload: '{"name":', headers: { 'content-type': 'application/json' } }, 400],
      [{ payload: 'name=X&email=x@example.com', headers: { 'content-type': 'text/plain' } }, 415],
      [{ payload: '<x/>', headers: { 'content-type': 'application/xml' } }, 415],
      [
        multipart(
          { name: 'X', email: 'x@example.com' },
          { name: 'evil.html', bytes: Buffer.from('<script>alert(1)</script>'), type: 'text/html' },
        ),
        415,
      ],
    ];
    for (const [init, status] of cases) {
      // A site per case keeps each under its 2/s budget: this test is about validation, not the rate limit.
      const s = await newSite();
      const res = await apply(s.tenant.account.site, s.posting, s.key, init);
      assert.equal(res.statusCode, status, `${JSON.stringify(init.payload).slice(0, 80)} → ${res.body}`);
      assert.equal(res.json().ok, false);
    }
    const after = await Promise.all(
      (['ats.opportunity', 'ats.contact', 'ats.application', 'ats.file'] as const).map((x) =>
        countRows(t.db, x),
      ),
    );
    assert.deepEqual(after, before);
  });

  it('applies with JSON: 200 {ok, applicationId}, source, urls, consent; dedupes by email', async () => {
    const s = await newSite();
    const res = await apply(s.tenant.account.site, s.posting, s.key, {
      payload: {
        name: 'Grace Hopper',
        email: 'Grace@Example.com',
        phone: '+1 555 0100',
        org: 'Navy',
        urls: { GitHub: 'https://github.com/grace' },
        comments: 'Hi',
        silent: 'true',
        source: 'Careers page',
        consent: { marketing: true },
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { ok: true; applicationId: string };
    assert.ok(Value.Check(PostingV0ApplyResult, body));
    assert.deepEqual(Object.keys(body), ['ok', 'applicationId']);
    const app = await t.db
      .selectFrom('ats.application')
      .selectAll()
      .where('id', '=', body.applicationId)
      .executeTakeFirstOrThrow();
    assert.equal(app.company, 'Navy');
    assert.equal(app.comments, 'Hi');
    assert.deepEqual(app.consent, { marketing: true });
    const opp = await t.db
      .selectFrom('ats.opportunity')
      .selectAll()
      .where('id', '=', app.opportunity_id)
      .executeTakeFirstOrThrow();
    assert.equal(opp.origin, 'applied');
    assert.equal(opp.stage_id, 'applicant-new');
    assert.deepEqual(opp.sources, ['Careers page']);
    assert.deepEqual(opp.tags, ['Job', 'Ops', 'Lisbon']);
    assert.deepEqual(opp.links, ['https://github.com/grace']);
    assert.equal(opp.opportunity_location, 'Lisbon');
    const contact = await t.db
      .selectFrom('ats.contact')
      .selectAll()
      .where('id', '=', opp.contact_id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(contact.emails, ['grace@example.com']);
    const events = await t.db
      .selectFrom('ats.event_log')
      .select('event')
      .where('account_id', '=', s.tenant.account.id)
      .where('event', 'not like', 'posting%') // the test's own posting setup emits postingCreated
      .execute();
    assert.deepEqual(events.map((e) => e.event).sort(), ['applicationCreated', 'contactCreated']);

    await new Promise((r) => setTimeout(r, 510));
    const again = await apply(s.tenant.account.site, s.posting, s.key, {
      payload: { name: 'Grace H.', email: 'grace@example.com' },
    });
    assert.equal(again.json().applicationId, body.applicationId);
    assert.equal(
      await t.db
        .selectFrom('ats.contact')
        .select('id')
        .where('account_id', '=', s.tenant.account.id)
        .execute()
        .then((r) => r.length),
      1,
    );
  });

  it('applies with a form body and with multipart plus a resume', async () => {
    const s = await newSite();
    const form = await apply(s.tenant.account.site, s.posting, s.key, {
      payload:
        'name=Alan+Turing&email=alan%40example.com&urls%5BLinkedIn%5D=https%3A%2F%2Flinkedin.com%2Fin%2Falan&consent%5Bmarketing%5D=false',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.statusCode, 200, form.body);
    const formApp = await t.db
      .selectFrom('ats.application')
      .selectAll()
      .where('id', '=', form.json().applicationId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(formApp.links, ['https://linkedin.com/in/alan']);
    assert.deepEqual(formApp.consent, { marketing: false });

    await new Promise((r) => setTimeout(r, 510));
    const mp = await apply(
      s.tenant.account.site,
      s.posting,
      s.key,
      multipart(
        { name: 'Katherine Johnson', email: 'kj@example.com', 'urls[Site]': 'https://kj.example' },
        { name: 'cv.pdf', bytes: PDF },
      ),
    );
    assert.equal(mp.statusCode, 200, mp.body);
    const app = await t.db
      .selectFrom('ats.application')
      .selectAll()
      .where('id', '=', mp.json().applicationId)
      .executeTakeFirstOrThrow();
    const file = await t.db
      .selectFrom('ats.file')
      .selectAll()
      .where('opportunity_id', '=', app.opportunity_id)
      .executeTakeFirstOrThrow();
    assert.equal(file.kind, 'resume');
    assert.equal(file.name, 'cv.pdf');
    assert.equal(file.ext, 'pdf');
    assert.equal(file.size, PDF.length);
    const blob = await t.db
      .selectFrom('ats.file_blob')
      .select('bytes')
      .where('file_id', '=', file.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(Buffer.from(blob.bytes), PDF);
  });

  it('refuses a resume over 30 MB with 413', async () => {
    const s = await newSite();
    const big = Buffer.concat([PDF, Buffer.alloc(30 * 1024 * 1024 + 1)]);
    const res = await apply(
      s.tenant.account.site,
      s.posting,
      s.key,
      multipart({ name: 'Big', email: 'big@example.com' }, { name: 'big.pdf', bytes: big }),
    );
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().ok, false);
    assert.equal(
      await t.db
        .selectFrom('ats.contact')
        .select('id')
        .where('account_id', '=', s.tenant.account.id)
        .execute()
        .then((r) => r.length),
      0,
    );
  });

  it('limits each site to 2 applications per second (429), other sites unaffected', async () => {
    const s = await newSite();
    const other = await newSite();
    // At once: one after another, a slow machine takes over 0.5 s for four applies, and a token refills.
    const responses = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        apply(s.tenant.account.site, s.posting, s.key, {
          payload: { name: `N${i}`, email: `n${i}@example.com` },
        }),
      ),
    );
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 200, 429, 429]);
    for (const res of responses.filter((r) => r.statusCode === 429)) {
      assert.equal(res.json().ok, false);
      assert.ok(Number(res.headers['retry-after']) >= 1);
    }
    assert.equal(
      (
        await apply(other.tenant.account.site, other.posting, other.key, {
          payload: { name: 'O', email: 'o@example.com' },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      await t.db
        .selectFrom('ats.contact')
        .select('id')
        .where('account_id', '=', s.tenant.account.id)
        .execute()
        .then((r) => r.length),
      2,
    );
  });
});
