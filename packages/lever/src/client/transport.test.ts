import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LeverApiError } from './errors.ts';
import { buildUrl } from './query.ts';
import { sendJson, startTestServer, type TestHandler, type TestServer } from './test-server.ts';
import { createTokenBucket } from './rate-limit.ts';
import { createTransport, parseRetryAfter, type TransportOptions } from './transport.ts';

let handler: TestHandler = (_req, res) => sendJson(res, 200, {});
let server: TestServer;
before(async () => {
  server = await startTestServer((req, res, i) => handler(req, res, i));
});
after(() => server.close());

const sleeps: number[] = [];
const make = (over: Partial<TransportOptions> = {}) => {
  server.requests.length = 0;
  sleeps.length = 0;
  return createTransport({
    baseUrl: `${server.url}/v1/`,
    auth: { type: 'apiKey', apiKey: 'key123' },
    rateLimit: false,
    random: () => 1,
    sleep: async (ms) => void sleeps.push(ms),
    ...over,
  });
};

void describe('transport', () => {
  void it('sends Basic auth with the key as username and an empty password, JSON in and out', async () => {
    handler = (_req, res) => sendJson(res, 201, { data: { id: 'n1' } });
    const t = make();
    const out = await t.json<{ data: { id: string } }>({
      method: 'POST',
      path: '/notes',
      body: { value: 'hi' },
    });
    assert.deepEqual(out, { data: { id: 'n1' } });
    const [req] = server.requests;
    assert.equal(req?.headers.authorization, `Basic ${Buffer.from('key123:').toString('base64')}`);
    assert.equal(req?.headers['content-type'], 'application/json');
    assert.equal(req?.url, '/v1/notes');
    assert.equal(req?.body.toString(), '{"value":"hi"}');
  });

  void it('throws LeverApiError with Lever code and message, without retrying 4xx', async () => {
    handler = (_req, res) => sendJson(res, 404, { code: 'NotFoundError', message: 'No such posting' });
    const t = make();
    await assert.rejects(t.json({ method: 'GET', path: '/postings/x' }), (error: unknown) => {
      assert.ok(error instanceof LeverApiError);
      assert.deepEqual([error.status, error.code, error.message], [404, 'NotFoundError', 'No such posting']);
      assert.deepEqual(error.body, { code: 'NotFoundError', message: 'No such posting' });
      return true;
    });
    assert.equal(server.requests.length, 1);
  });

  void it('retries 5xx on GET with exponential back-off, then succeeds', async () => {
    handler = (_req, res, i) =>
      i < 2 ? sendJson(res, 503, { code: 'X', message: 'busy' }) : sendJson(res, 200, { ok: 1 });
    const t = make({ backoff: { baseMs: 100, maxMs: 1000 } });
    assert.deepEqual(await t.json({ method: 'GET', path: '/stages' }), { ok: 1 });
    assert.equal(server.requests.length, 3);
    assert.deepEqual(sleeps, [100, 200]);
  });

  void it('does not retry a POST on 5xx (no duplicate creates) but does on 429', async () => {
    handler = (_req, res) => sendJson(res, 500, { code: 'ServerError', message: 'boom' });
    await assert.rejects(make().json({ method: 'POST', path: '/opportunities', body: {} }), { status: 500 });
    assert.equal(server.requests.length, 1);
    handler = (_req, res, i) =>
      i === 0
        ? sendJson(res, 429, { code: 'TooManyRequestsError', message: 'slow' })
        : sendJson(res, 201, {});
    await make().json({ method: 'POST', path: '/opportunities', body: {} });
    assert.equal(server.requests.length, 2);
  });

  void it('honours Retry-After and gives up when it is too long', async () => {
    handler = (_req, res, i) =>
      i === 0
        ? sendJson(res, 429, { code: 'TooManyRequestsError', message: 'slow' }, { 'retry-after': '3' })
        : sendJson(res, 200, {});
    await make().json({ method: 'GET', path: '/tags' });
    assert.deepEqual(sleeps, [3000]);
    handler = (_req, res) =>
      sendJson(res, 429, { code: 'TooManyRequestsError', message: 'slow' }, { 'retry-after': '600' });
    await assert.rejects(make().json({ method: 'GET', path: '/tags' }), {
      status: 429,
      code: 'TooManyRequestsError',
    });
    assert.equal(server.requests.length, 1);
  });

  void it('stops after the retry budget', async () => {
    handler = (_req, res) => sendJson(res, 502, 'not json either');
    await assert.rejects(make({ retries: 2 }).json({ method: 'GET', path: '/users' }), {
      status: 502,
      code: 'Http502Error',
    });
    assert.equal(server.requests.length, 3);
  });

  void it('retries network errors on GET', async () => {
    handler = (_req, res, i) => {
      if (i === 0) res.socket?.destroy();
      else sendJson(res, 200, { data: [] });
    };
    assert.deepEqual(await make().json({ method: 'GET', path: '/sources' }), { data: [] });
    assert.equal(server.requests.length, 2);
  });

  void it('times out each attempt', async () => {
    handler = (_req, res) => void setTimeout(() => sendJson(res, 200, {}), 500);
    await assert.rejects(make({ timeoutMs: 50, retries: 0 }).json({ method: 'GET', path: '/slow' }), {
      name: 'TimeoutError',
    });
  });

  void it('refreshes a bearer token once on 401 and retries', async () => {
    handler = (req, res) =>
      req.headers.authorization === 'Bearer fresh'
        ? sendJson(res, 200, { data: 1 })
        : sendJson(res, 401, { code: 'UnauthorizedError', message: 'expired' });
    let refreshes = 0;
    const t = make({
      auth: {
        type: 'bearer',
        getAccessToken: () => 'stale',
        refreshAccessToken: async () => (refreshes++, 'fresh'),
      },
    });
    assert.deepEqual(await t.json({ method: 'GET', path: '/users' }), { data: 1 });
    assert.equal(refreshes, 1);
    const failing = make({
      auth: {
        type: 'bearer',
        getAccessToken: () => 'stale',
        refreshAccessToken: async () => (refreshes++, 'still-bad'),
      },
    });
    await assert.rejects(failing.json({ method: 'GET', path: '/users' }), { status: 401 });
    assert.equal(refreshes, 2);
  });

  void it('returns undefined for 204', async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    assert.equal(await make().json({ method: 'DELETE', path: '/webhooks/w1' }), undefined);
  });
});

void describe('shared rate budget', () => {
  void it('two transports given one bucket spend one budget, and a 429 to one pauses both', async () => {
    const waits: number[] = [];
    const fakeSleep = async (ms: number) => void waits.push(ms);
    let bucket = createTokenBucket({ perSecond: 10, burst: 2 }, { now: () => 0, sleep: fakeSleep });
    handler = (_req, res) => sendJson(res, 200, { data: [] });
    for (const t of [0, 1, 0, 1].map(() => make({ rateLimit: bucket })))
      await t.json({ method: 'GET', path: '/stages' });
    assert.deepEqual(waits, [100, 200]);
    waits.length = 0;
    // The transport pauses by Date.now(), so here the bucket's clock is the real one.
    bucket = createTokenBucket({ perSecond: 10, burst: 2 }, { now: Date.now, sleep: fakeSleep });
    const a = make({ rateLimit: bucket });
    const b = make({ rateLimit: bucket });
    handler = (_req, res, i) =>
      i === 0
        ? sendJson(res, 429, { code: 'TooManyRequestsError' }, { 'retry-after': '1' })
        : sendJson(res, 200, {});
    server.requests.length = 0;
    await a.json({ method: 'GET', path: '/stages' });
    await b.json({ method: 'GET', path: '/stages' });
    // a waits the 1 s Retry-After; then a's retry and b go at the steady rate after the pause, not as a burst.
    assert.deepEqual(sleeps, [1000]);
    assert.equal(waits.length, 2);
    assert.ok(waits[0]! >= 1050 && waits[0]! <= 1100, `a's retry: ${waits[0]}`);
    assert.ok(waits[1]! >= 1150 && waits[1]! <= 1200, `b: ${waits[1]}`);
  });
});

void describe('query and Retry-After helpers', () => {
  void it('repeats array params, drops undefined and passes an encoded offset once', () => {
    const token = '%5B3%2C1491435120000%2C%22246cfe63%22%5D';
    assert.equal(
      buildUrl(
        'https://api.lever.co/v1/',
        'opportunities',
        { tag: ['a b', 'c'], archived: false, limit: 100, email: undefined },
        token,
      ),
      `https://api.lever.co/v1/opportunities?tag=a+b&tag=c&archived=false&limit=100&offset=${token}`,
    );
    assert.equal(
      buildUrl('http://x/v1', '/p', {}, '[1,"a&b"]'),
      'http://x/v1/p?offset=%5B1%2C%22a%26b%22%5D',
    );
  });

  void it('parses seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('2', 0), 2000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.equal(parseRetryAfter(null, 0), undefined);
  });
});
