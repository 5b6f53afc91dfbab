import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import assetsPlugin, {
  ASSET_FILES,
  acceptsGzip,
  isHtmx,
  matchesEtag,
  renderErrorHtml,
  sendHtml,
  sendPage,
} from './assets.plugin.ts';
import { html } from './html.ts';

describe('assets plugin', () => {
  let app: FastifyInstance;

  before(async () => {
    app = Fastify();
    await app.register(assetsPlugin);
    app.get('/page', (request, reply) =>
      sendPage(request, reply, {
        title: 'T',
        app: { name: 'A', href: '/' },
        flash: { tone: 'success', message: 'Saved' },
        body: html`<p id="body">${'<hi>'}</p>`,
      }),
    );
    app.get('/html', (_request, reply) => sendHtml(reply, html`<p>${'x'}</p>`, 201));
    app.get('/is-htmx', (request) => ({ htmx: isHtmx(request) }));
    await app.ready();
  });

  after(() => app.close());

  it('registers under the name hireloop-assets', () => {
    assert.equal(app.hasPlugin('hireloop-assets'), true);
  });

  const cases = [
    ['/assets/hireloop.css', 'text/css; charset=utf-8', 'hireloop.css'],
    ['/assets/hireloop.js', 'text/javascript; charset=utf-8', 'hireloop.js'],
    ['/assets/htmx.min.js', 'text/javascript; charset=utf-8', 'htmx.min.js'],
  ] as const;

  for (const [url, type, name] of cases) {
    it(`serves ${url} with its type, a strong ETag and an hour of caching`, async () => {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], type);
      assert.equal(res.headers['cache-control'], 'public, max-age=3600');
      assert.match(String(res.headers.etag), /^"[A-Za-z0-9_-]{27}"$/);
      assert.equal(res.headers['content-encoding'], undefined);
      assert.deepEqual(res.rawPayload, readFileSync(ASSET_FILES[name]?.file ?? ''));
    });

    it(`answers 304 for ${url} when If-None-Match matches (strong or weak form)`, async () => {
      const first = await app.inject({ url });
      const etag = String(first.headers.etag);
      for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const res = await app.inject({ url, headers: { 'if-none-match': inm } });
        assert.equal(res.statusCode, 304, inm);
        assert.equal(res.payload, '');
        assert.equal(res.headers.etag, etag);
        assert.equal(res.headers['cache-control'], 'public, max-age=3600');
      }
      const stale = await app.inject({ url, headers: { 'if-none-match': '"stale"' } });
      assert.equal(stale.statusCode, 200);
    });
  }

  it('serves the htmx build from the installed package', async () => {
    const res = await app.inject({ url: '/assets/htmx.min.js' });
    assert.match(res.payload, /htmx/);
    assert.ok(res.payload.length > 20_000);
  });

  it('gzips when asked, with its own ETag and Vary: Accept-Encoding', async () => {
    const plain = await app.inject({ url: '/assets/htmx.min.js' });
    const res = await app.inject({ url: '/assets/htmx.min.js', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.notEqual(res.headers.etag, plain.headers.etag);
    assert.deepEqual(gunzipSync(res.rawPayload), plain.rawPayload);
    const again = await app.inject({
      url: '/assets/htmx.min.js',
      headers: { 'accept-encoding': 'gzip', 'if-none-match': String(res.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
  });

  it('answers HEAD without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/assets/hireloop.css' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.payload, '');
    assert.ok(res.headers.etag);
  });

  it('sendHtml sets the HTML content type and status', async () => {
    const res = await app.inject({ url: '/html' });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.payload, '<p>x</p>');
  });

  it('sendPage returns the document to browsers and the partial (plus out-of-band flash) to htmx', async () => {
    const full = await app.inject({ url: '/page' });
    assert.match(full.payload, /^<!doctype html>/);
    assert.match(full.payload, /<p id="body">&lt;hi&gt;<\/p>/);
    assert.equal(full.headers.vary, 'HX-Request');

    const partial = await app.inject({ url: '/page', headers: { 'hx-request': 'true' } });
    assert.ok(
      partial.payload.startsWith(
        '<p id="body">&lt;hi&gt;</p><div id="flash-region" class="flash-region" hx-swap-oob="true">' +
          '<div class="flash flash--success" role="status">',
      ),
    );
    assert.doesNotMatch(partial.payload, /<html|<main/);

    const boosted = await app.inject({
      url: '/page',
      headers: { 'hx-request': 'true', 'hx-boosted': 'true' },
    });
    assert.match(boosted.payload, /^<!doctype html>/);
  });

  it('isHtmx: HX-Request, except boosted navigation and history restores', async () => {
    const ask = async (headers: Record<string, string>) =>
      (await app.inject({ url: '/is-htmx', headers })).json<{ htmx: boolean }>().htmx;
    assert.equal(await ask({}), false);
    assert.equal(await ask({ 'hx-request': 'true' }), true);
    assert.equal(await ask({ 'hx-request': 'true', 'hx-history-restore-request': 'true' }), false);
  });

  it('renderErrorHtml fits the error handler: message for 4xx, generic text plus request id for 5xx', async () => {
    const request = { id: 'req-9' } as Parameters<typeof renderErrorHtml>[0];
    const forbidden = renderErrorHtml(request, 403, { code: 'ForbiddenError', message: 'Only admins <b>' });
    assert.match(forbidden, /<p class="error-panel__message">Only admins &lt;b&gt;<\/p>/);
    assert.match(forbidden, /<code>req-9<\/code>/);
    const crash = renderErrorHtml(request, 500, {
      code: 'InternalServerError',
      message: 'secret stack',
      requestId: 'r1',
    });
    assert.doesNotMatch(crash, /secret stack/);
    assert.match(crash, /Something went wrong on our side/);
    assert.match(crash, /<code>r1<\/code>/);
  });
});

describe('header parsing', () => {
  it('matchesEtag uses weak comparison and lists', () => {
    assert.equal(matchesEtag(undefined, '"a"'), false);
    assert.equal(matchesEtag('"a"', '"a"'), true);
    assert.equal(matchesEtag('W/"a"', '"a"'), true);
    assert.equal(matchesEtag('"b" , "a"', '"a"'), true);
    assert.equal(matchesEtag('"b"', '"a"'), false);
  });

  it('acceptsGzip honours q=0', () => {
    assert.equal(acceptsGzip(undefined), false);
    assert.equal(acceptsGzip('gzip, deflate'), true);
    assert.equal(acceptsGzip('gzip;q=0'), false);
    assert.equal(acceptsGzip('gzip;q=0.5'), true);
    assert.equal(acceptsGzip('*'), true);
    assert.equal(acceptsGzip('br'), false);
  });
});
