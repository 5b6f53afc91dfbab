import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collect, paginate, paginatePages } from './paginate.ts';
import { sendJson, startTestServer, type TestServer } from './test-server.ts';
import { createTransport } from './transport.ts';

// Real Lever tokens are URL-encoded JSON arrays (reference §1.4).
const TOKENS = ['%5B1%2C1491435120000%2C%22a%22%5D', '%5B3%2C1491435120000%2C%22b%22%5D'];
let server: TestServer;
before(async () => {
  server = await startTestServer((req, res) => {
    const offset = /[?&]offset=([^&]*)/.exec(req.url)?.[1];
    if (offset === undefined) return sendJson(res, 200, { data: [1, 2], hasNext: true, next: TOKENS[0] });
    if (offset === TOKENS[0]) return sendJson(res, 200, { data: [3], hasNext: true, next: TOKENS[1] });
    if (offset === TOKENS[1]) return sendJson(res, 200, { data: [4], hasNext: false });
    return sendJson(res, 400, {
      code: 'BadRequestError',
      message: 'Invalid offset token: Offset token is invalid for sort',
    });
  });
});
after(() => server.close());

const transport = () => createTransport({ baseUrl: `${server.url}/v1`, rateLimit: false });

void describe('paginate', () => {
  void it('follows next until hasNext is false, passing the token encoded once', async () => {
    server.requests.length = 0;
    assert.deepEqual(
      await collect(paginate<number>(transport(), { path: '/opportunities', query: { tag: 'x' } })),
      [1, 2, 3, 4],
    );
    assert.deepEqual(
      server.requests.map((r) => r.url),
      [
        '/v1/opportunities?limit=100&tag=x',
        `/v1/opportunities?limit=100&tag=x&offset=${TOKENS[0]}`,
        `/v1/opportunities?limit=100&tag=x&offset=${TOKENS[1]}`,
      ],
    );
  });

  void it('resumes from a stored offset and exposes pages', async () => {
    const pages = await collect(
      paginatePages<number>(transport(), { path: '/opportunities', offset: TOKENS[1] }),
    );
    assert.deepEqual(pages, [{ data: [4], hasNext: false }]);
  });

  void it('surfaces an invalid token as a LeverApiError', async () => {
    await assert.rejects(collect(paginate(transport(), { path: '/opportunities', offset: 'bogus' })), {
      status: 400,
      message: /^Invalid offset token/,
    });
  });

  void it('is lazy: stops fetching when the consumer stops', async () => {
    server.requests.length = 0;
    for await (const item of paginate<number>(transport(), { path: '/opportunities' })) if (item === 1) break;
    assert.equal(server.requests.length, 1);
  });
});
