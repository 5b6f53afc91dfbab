import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { Type } from 'typebox';
import { testConfig } from '../config.ts';
import { AppError, Errors } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { createHttp, type Http } from './create-http.ts';
import { useApiSecurityHeaders } from './security-headers.ts';

describe('HTTP core', () => {
  let app: Http;
  let dbUp = true;
  before(async () => {
    app = await createHttp({
      config: testConfig(),
      logger: pino({ level: 'silent' }),
      readiness: [
        {
          name: 'database',
          check: async () => {
            if (!dbUp) throw new Error('down');
          },
        },
      ],
    });
    app.post(
      '/things',
      {
        schema: {
          body: Type.Object({
            name: Type.String({ minLength: 1 }),
            kind: Type.Union([Type.Literal('a'), Type.Literal('b')]),
          }),
        },
      },
      async (request) => ({ data: request.body }),
    );
    app.get('/missing', async () => {
      throw new AppError(Errors.NotFound, 'That posting does not exist on your account');
    });
    await app.register(async (scope) => {
      useApiSecurityHeaders(scope as unknown as Http);
      scope.get('/api/thing', async () => ({ data: {} }));
      scope.get('/api/page', { config: { securityHeaders: 'document' } }, async () => 'page');
      scope.get('/api/own-cache', async (_request, reply) =>
        reply.header('cache-control', 'private, max-age=60').send({ data: {} }),
      );
    });
    app.get('/boom', async () => {
      throw new Error('secret internals');
    });
    await app.ready();
  });
  after(() => app.close());

  it('answers /healthz and reports readiness per dependency', async () => {
    assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    dbUp = false;
    const notReady = await app.inject('/readyz');
    assert.equal(notReady.statusCode, 503);
    assert.deepEqual(notReady.json(), { status: 'not ready', checks: { database: 'failing' } });
    dbUp = true;
  });

  it('echoes a safe x-request-id and sets security headers', async () => {
    const res = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.headers['x-request-id'], 'abc-123');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const unsafe = await app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    assert.notEqual(unsafe.headers['x-request-id'], '<script>');
  });

  it('gives API scopes the OWASP REST header set; their routes can opt back into the page set or override', async () => {
    const api = await app.inject('/api/thing');
    const { date: _date, 'x-request-id': id, ...rest } = api.headers;
    assert.match(String(id), /^[0-9a-f-]{36}$/);
    assert.deepEqual(rest, {
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-type': 'application/json; charset=utf-8',
      'content-length': '11',
      connection: 'keep-alive',
    });
    const page = await app.inject('/api/page');
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(page.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(page.headers['cache-control'], undefined);
    const own = await app.inject('/api/own-cache');
    assert.equal(own.headers['cache-control'], 'private, max-age=60');
  });

  it('maps malformed JSON, validation, wrong content type and unknown routes to stable 4xx codes', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'MalformedJsonError');

    const invalid = await app.inject({ method: 'POST', url: '/things', payload: { name: '', kind: 'z' } });
    assert.equal(invalid.statusCode, 400);
    const body = invalid.json();
    assert.equal(body.code, 'ValidationError');
    assert.match(body.message, /name/);
    assert.match(body.message, /kind/);

    const media = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    assert.equal(media.statusCode, 415);
    assert.equal(media.json().code, 'UnsupportedMediaTypeError');

    const missing = await app.inject('/missing');
    assert.deepEqual(missing.json(), {
      code: 'NotFoundError',
      message: 'That posting does not exist on your account',
    });

    const route = await app.inject('/no/such/route?email=a@b.c');
    assert.equal(route.statusCode, 404);
    assert.deepEqual(route.json(), {
      code: 'RouteNotFoundError',
      message: 'No route for GET /no/such/route',
    });
  });

  it('hides internals of a 5xx behind a generic message with the request id', async () => {
    const res = await app.inject({ url: '/boom', headers: { 'x-request-id': 'req-42' } });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(res.json(), {
      code: 'InternalServerError',
      message: 'Something went wrong on our side. Request id: req-42',
      requestId: 'req-42',
    });
  });

  it('rate-limits unknown routes', async () => {
    let last = 0;
    for (let i = 0; i < 125; i++) last = (await app.inject(`/probe-${i}`)).statusCode;
    assert.equal(last, 429);
  });

  it('serves Prometheus metrics', async () => {
    const res = await app.inject('/metrics');
    assert.match(res.body, /hireloop_http_request_duration_seconds_bucket/);
  });
});

describe('HTTP core logging', () => {
  it('writes one access line per request (query string stripped) and request.log lines carry the reqId', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(testConfig({ logLevel: 'info' }), {
      write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>),
    });
    const app = await createHttp({ config: testConfig(), logger, readiness: [] });
    app.get('/talks', async (request) => {
      request.log.info({ n: 1 }, 'handler says');
      return { ok: true };
    });
    await app.ready();
    await app.inject({ url: '/healthz?email=a@b.c', headers: { 'x-request-id': 'quiet-1' } });
    await app.inject({ url: '/talks', headers: { 'x-request-id': 'talks-1' } });
    await app.close();
    const strip = ({ time, ms, ...rest }: Record<string, unknown>) => {
      assert.equal(typeof time, 'number');
      if (ms !== undefined) assert.equal(typeof ms, 'number');
      return rest;
    };
    assert.deepEqual(lines.map(strip), [
      {
        level: 30,
        service: 'hireloop',
        reqId: 'quiet-1',
        method: 'GET',
        url: '/healthz?…',
        status: 200,
        msg: 'request',
      },
      { level: 30, service: 'hireloop', reqId: 'talks-1', n: 1, msg: 'handler says' },
      {
        level: 30,
        service: 'hireloop',
        reqId: 'talks-1',
        method: 'GET',
        url: '/talks',
        status: 200,
        msg: 'request',
      },
    ]);
  });
});
