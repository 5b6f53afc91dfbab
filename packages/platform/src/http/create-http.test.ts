import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { Type } from 'typebox';
import { testConfig } from '../config.ts';
import { AppError, Errors } from '../errors.ts';
import { createHttp, type Http } from './create-http.ts';

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
