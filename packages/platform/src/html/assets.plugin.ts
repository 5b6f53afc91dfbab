// Serves the kit's static assets. Files are read once at registration (they ship with the code and never
// change while the process runs), so each response is a buffer lookup: ETag, 304, gzip when accepted.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export { sendHtml, sendPage, renderPage, isHtmx, renderErrorHtml } from './respond.ts';

export const ASSETS_PREFIX = '/assets';
export const ASSET_CACHE_CONTROL = 'public, max-age=3600';

interface Variant {
  readonly body: Buffer;
  readonly etag: string;
}

interface Asset {
  readonly type: string;
  readonly identity: Variant;
  readonly gzip: Variant;
}

const require = createRequire(import.meta.url);

/** name → absolute file path; htmx comes from the installed package, never a CDN. */
export const ASSET_FILES: Readonly<Record<string, { file: string; type: string }>> = Object.freeze({
  'hireloop.css': {
    file: fileURLToPath(new URL('./assets/hireloop.css', import.meta.url)),
    type: 'text/css; charset=utf-8',
  },
  'hireloop.js': {
    file: fileURLToPath(new URL('./assets/hireloop.js', import.meta.url)),
    type: 'text/javascript; charset=utf-8',
  },
  'htmx.min.js': {
    file: require.resolve('htmx.org/dist/htmx.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
});

function variant(body: Buffer, suffix: string): Variant {
  // Strong ETag from the bytes; the gzip variant gets its own tag because its bytes differ.
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { body, etag: `"${hash}${suffix}"` };
}

export function loadAsset(file: string, type: string): Asset {
  const body = readFileSync(file);
  return { type, identity: variant(body, ''), gzip: variant(gzipSync(body, { level: 9 }), '-gz') };
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x"; `*` matches anything. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** gzip is used when Accept-Encoding lists gzip (or *) with a non-zero q. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((entry) => {
    const [coding = '', ...params] = entry.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

function serve(asset: Asset, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  const chosen = gzip ? asset.gzip : asset.identity;
  void reply
    .header('content-type', asset.type)
    .header('cache-control', ASSET_CACHE_CONTROL)
    .header('etag', chosen.etag)
    .header('vary', 'Accept-Encoding')
    .header('x-content-type-options', 'nosniff');
  if (matchesEtag(request.headers['if-none-match'], chosen.etag)) return reply.code(304).send();
  if (gzip) void reply.header('content-encoding', 'gzip');
  return reply.send(chosen.body);
}

async function assetsPlugin(app: FastifyInstance): Promise<void> {
  for (const [name, { file, type }] of Object.entries(ASSET_FILES)) {
    const asset = loadAsset(file, type);
    app.get(`${ASSETS_PREFIX}/${name}`, (request, reply) => serve(asset, request, reply));
  }
}

export default fp(assetsPlugin, { name: 'hireloop-assets', fastify: '5.x' });
