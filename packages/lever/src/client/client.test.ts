import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  FIXTURE_IDS,
  makeContact,
  makeOpportunity,
  makePosting,
  makePostingV0,
  makeResume,
  makeUser,
  makeWebhookCreated,
} from '../fixtures.ts';
import { collect, createLeverClient, createPostingsV0Client, LeverApiError } from './index.ts';
import { sendJson, startTestServer, type RecordedRequest, type TestServer } from './test-server.ts';

// A small fake Lever on a real socket: routes answer with fixture shapes; every request is recorded.
type Route = (req: RecordedRequest, url: URL) => { status?: number; body?: unknown; raw?: Buffer };
const OPP = FIXTURE_IDS.opportunity;
const routes: Record<string, Route> = {
  'GET /v1/opportunities': () => ({ body: { data: [makeOpportunity()], hasNext: false } }),
  [`GET /v1/opportunities/${OPP}`]: (_r, url) => ({
    body: {
      data: url.searchParams.getAll('expand').includes('stage')
        ? { ...makeOpportunity(), stage: { id: 'lead-new', text: 'New lead' } }
        : makeOpportunity(),
    },
  }),
  'POST /v1/opportunities': () => ({ status: 201, body: { deduped: false, data: makeOpportunity() } }),
  [`PUT /v1/opportunities/${OPP}/stage`]: () => ({ body: { data: makeOpportunity({ stage: 'offer' }) } }),
  [`PUT /v1/opportunities/${OPP}/archived`]: () => ({ body: { data: makeOpportunity() } }),
  [`POST /v1/opportunities/${OPP}/addTags`]: () => ({
    body: { data: makeOpportunity({ tags: ['Referral'] }) },
  }),
  [`POST /v1/opportunities/${OPP}/notes`]: () => ({
    status: 201,
    body: { data: { id: 'n1', noteId: 'n1' } },
  }),
  [`DELETE /v1/opportunities/${OPP}/notes/n1`]: () => ({ status: 204 }),
  [`POST /v1/opportunities/${OPP}/files`]: () => ({
    status: 201,
    body: { data: { id: 'f1', name: 'cv.pdf' } },
  }),
  [`GET /v1/opportunities/${OPP}/resumes`]: () => ({ body: { data: [makeResume()], hasNext: false } }),
  [`GET /v1/opportunities/${OPP}/resumes/${FIXTURE_IDS.resume}/download`]: () => ({
    raw: Buffer.from('%PDF-1.4 bytes'),
  }),
  'GET /v1/users': (_r, url) => ({
    body: {
      data: url.searchParams.get('email') === 'seed-1@example.com' ? [makeUser()] : [],
      hasNext: false,
    },
  }),
  'POST /v1/postings': () => ({ status: 201, body: { data: makePosting({ state: 'draft', urls: null }) } }),
  [`POST /v1/postings/${FIXTURE_IDS.posting}`]: () => ({ body: { data: makePosting({ text: 'Renamed' }) } }),
  [`GET /v1/contacts/${FIXTURE_IDS.contact}`]: () => ({ body: { data: makeContact() } }),
  'GET /v1/webhooks': () => ({ body: { data: [] } }),
  'POST /v1/webhooks': () => ({ status: 201, body: { data: makeWebhookCreated() } }),
  [`DELETE /v1/webhooks/${FIXTURE_IDS.webhook}`]: () => ({ status: 204 }),
  'GET /v1/stages': () => ({ body: { data: [{ id: 'lead-new', text: 'New lead' }], hasNext: false } }),
  'GET /v1/tags': () => ({ body: { data: [{ text: 'Referral', count: 2 }], hasNext: false } }),
  'GET /v0/postings/acme': () => ({ body: [makePostingV0()] }),
  [`GET /v0/postings/acme/${FIXTURE_IDS.posting}`]: () => ({ body: makePostingV0() }),
  [`POST /v0/postings/acme/${FIXTURE_IDS.posting}`]: () => ({ body: { ok: true, applicationId: 'app-1' } }),
};

let server: TestServer;
before(async () => {
  server = await startTestServer((req, res) => {
    const url = new URL(req.url, 'http://local');
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route)
      return sendJson(res, 404, { code: 'NotFoundError', message: `No route ${req.method} ${url.pathname}` });
    const out = route(req, url);
    if (out.raw) {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return void res.end(out.raw);
    }
    if (out.status === 204) return void res.writeHead(204).end();
    sendJson(res, out.status ?? 200, out.body);
  });
});
after(() => server.close());

const client = () =>
  createLeverClient({ baseUrl: `${server.url}/v1`, auth: { type: 'apiKey', apiKey: 'k' }, rateLimit: false });
const last = () => {
  const req = server.requests.at(-1);
  assert.ok(req);
  return { ...req, url: new URL(req.url, 'http://local') };
};
const formOf = (req: Pick<RecordedRequest, 'headers' | 'body'>) =>
  new Request('http://local', {
    method: 'POST',
    headers: { 'content-type': String(req.headers['content-type']) },
    body: new Uint8Array(req.body),
  }).formData();

void describe('Lever client against a local server', () => {
  void it('lists opportunities with repeated filter params', async () => {
    const items = await collect(
      client().opportunities.list({ tag: ['a', 'b'], archived: false, updated_at_start: 1 }),
    );
    assert.deepEqual(items, [makeOpportunity()]);
    const { url } = last();
    assert.deepEqual(url.searchParams.getAll('tag'), ['a', 'b']);
    assert.equal(url.searchParams.get('archived'), 'false');
    assert.equal(url.searchParams.get('limit'), '100');
  });

  void it('gets an opportunity expanded', async () => {
    const opp = await client().opportunities.getExpanded(OPP, ['stage', 'applications']);
    assert.deepEqual(opp.stage, { id: 'lead-new', text: 'New lead' });
    assert.deepEqual(last().url.searchParams.getAll('expand'), ['stage', 'applications']);
  });

  void it('creates an opportunity as JSON with perform_as', async () => {
    const out = await client().opportunities.create(
      { name: 'Ada', emails: ['ada@example.com'], origin: 'referred' },
      { performAs: FIXTURE_IDS.user },
    );
    assert.deepEqual(out, { deduped: false, data: makeOpportunity() });
    const req = last();
    assert.equal(req.url.searchParams.get('perform_as'), FIXTURE_IDS.user);
    assert.deepEqual(JSON.parse(req.body.toString()), {
      name: 'Ada',
      emails: ['ada@example.com'],
      origin: 'referred',
    });
  });

  void it('creates an opportunity as multipart with a resume and bracketed arrays', async () => {
    await client().opportunities.create(
      {
        name: 'Ada',
        emails: ['ada@example.com'],
        tags: ['Referral', 'Hireloop'],
        phones: [{ value: '555', type: 'mobile' }],
        postings: [FIXTURE_IDS.posting],
      },
      {
        performAsPostingOwner: true,
        parse: true,
        resumeFile: { data: Buffer.from('cv'), filename: 'cv.pdf', contentType: 'application/pdf' },
      },
    );
    const req = last();
    assert.match(String(req.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.equal(req.url.searchParams.get('perform_as_posting_owner'), 'true');
    const form = await formOf(req);
    assert.equal(form.get('name'), 'Ada');
    assert.deepEqual(form.getAll('tags[]'), ['Referral', 'Hireloop']);
    assert.deepEqual(form.getAll('postings[]'), [FIXTURE_IDS.posting]);
    assert.deepEqual(form.getAll('phones[]'), ['{"value":"555","type":"mobile"}']);
    const resume = form.get('resumeFile');
    assert.ok(resume instanceof File);
    assert.equal(resume.name, 'cv.pdf');
    assert.equal(await resume.text(), 'cv');
  });

  void it('changes stage, archives and tags with the documented verbs', async () => {
    const c = client();
    assert.equal((await c.opportunities.changeStage(OPP, 'offer', { performAs: 'u1' })).stage, 'offer');
    assert.deepEqual(JSON.parse(last().body.toString()), { stage: 'offer' });
    await c.opportunities.setArchived(OPP, { reason: null });
    assert.deepEqual([last().method, JSON.parse(last().body.toString())], ['PUT', { reason: null }]);
    assert.deepEqual((await c.opportunities.addTags(OPP, ['Referral'])).tags, ['Referral']);
    assert.equal(last().url.pathname, `/v1/opportunities/${OPP}/addTags`);
  });

  void it('creates and deletes notes, uploads files, downloads resumes', async () => {
    const c = client();
    assert.deepEqual(
      await c.opportunities.notes.create(OPP, { value: 'Endorsed' }, { performAs: 'u1', commentOn: 'n0' }),
      { id: 'n1', noteId: 'n1' },
    );
    assert.equal(last().url.searchParams.get('note_id'), 'n0');
    assert.equal(await c.opportunities.notes.delete(OPP, 'n1'), undefined);
    await c.opportunities.files.upload(OPP, { data: Buffer.from('x'), filename: 'letter.txt' });
    assert.ok((await formOf(last())).get('file') instanceof File);
    const [resume] = await collect(c.opportunities.resumes.list(OPP));
    assert.ok(resume);
    const response = await c.opportunities.resumes.download(OPP, resume.id);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(await response.text(), '%PDF-1.4 bytes');
  });

  void it('finds users by email and returns undefined when none', async () => {
    const c = client();
    assert.deepEqual(await c.users.findByEmail('Seed-1@example.com'.toLowerCase()), makeUser());
    assert.equal(last().url.searchParams.get('includeDeactivated'), 'true');
    assert.equal(await c.users.findByEmail('nobody@example.com'), undefined);
  });

  void it('creates and updates postings (update is POST)', async () => {
    const c = client();
    assert.equal((await c.postings.create({ text: 'Engineer' }, { performAs: 'u1' })).state, 'draft');
    assert.equal((await c.postings.update(FIXTURE_IDS.posting, { text: 'Renamed' })).text, 'Renamed');
    assert.equal(last().method, 'POST');
  });

  void it('manages webhooks and reads small lists', async () => {
    const c = client();
    assert.deepEqual(await c.webhooks.list(), []);
    const created = await c.webhooks.create({ url: 'https://example.com/h', event: 'candidateHired' });
    assert.equal(created.configuration.signatureToken.length, 48);
    await c.webhooks.delete(created.id);
    assert.deepEqual(await collect(c.stages.list()), [{ id: 'lead-new', text: 'New lead' }]);
    assert.deepEqual(await collect(c.tags.list()), [{ text: 'Referral', count: 2 }]);
    assert.deepEqual(await c.contacts.get(FIXTURE_IDS.contact), makeContact());
  });

  void it('raises LeverApiError for unknown routes', async () => {
    await assert.rejects(
      client().contacts.get('missing'),
      (e: unknown) => e instanceof LeverApiError && e.code === 'NotFoundError',
    );
  });
});

void describe('Postings API v0 client', () => {
  const v0 = () => createPostingsV0Client({ baseUrl: `${server.url}/v0/postings`, rateLimit: false });

  void it('lists and gets without auth, as JSON', async () => {
    assert.deepEqual(await v0().list('acme', { team: ['Engineering'], limit: 5 }), [makePostingV0()]);
    const req = last();
    assert.equal(req.headers.authorization, undefined);
    assert.equal(req.url.searchParams.get('mode'), 'json');
    assert.deepEqual(req.url.searchParams.getAll('team'), ['Engineering']);
    assert.deepEqual(await v0().get('acme', FIXTURE_IDS.posting), makePostingV0());
  });

  void it('applies with the key, as multipart when a resume is attached', async () => {
    const id = await v0().apply(
      'acme',
      FIXTURE_IDS.posting,
      { name: 'Ada', email: 'ada@example.com', urls: { GitHub: 'https://github.com/ada' } },
      { key: 'apply-key', resume: { data: Buffer.from('cv'), filename: 'cv.pdf' } },
    );
    assert.equal(id, 'app-1');
    const req = last();
    assert.equal(req.url.searchParams.get('key'), 'apply-key');
    const form = await formOf(req);
    assert.equal(form.get('urls[GitHub]'), 'https://github.com/ada');
    assert.ok(form.get('resume') instanceof File);
  });
});
