import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findPermission } from '@hireloop/lever/permissions';
import { createAtsTestApp, type AtsTestApp } from '../test-support.ts';
import type { OpenApiDocument } from './docs.page.ts';

describe('/v1/openapi.json and /v1/docs', () => {
  let t: AtsTestApp;
  before(async () => {
    t = await createAtsTestApp();
  });
  after(() => t.close());

  it('is served without credentials as an OpenAPI 3.1 document with both security schemes', async () => {
    const res = await t.app.inject('/v1/openapi.json');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.title, 'Hireloop ATS API');
    assert.equal(doc.servers[0].url, `${t.ctx.publicUrl}/v1`);
    assert.deepEqual(doc.components.securitySchemes.basic, {
      type: 'http',
      scheme: 'basic',
      description: 'API key as the username, empty password',
    });
    assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
    assert.ok(!('/openapi.json' in doc.paths) && !('/docs' in doc.paths));
  });

  it('describes every /v1 route with its permission, scope, tag and error responses', async () => {
    const doc = (await t.app.inject('/v1/openapi.json')).json() as OpenApiDocument & {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );
    assert.ok(operations.length >= 14);
    for (const { path, method, op } of operations) {
      const permission = op['x-permission'] as string | undefined;
      // Routes with a permission name a real one; the few without still need credentials.
      if (permission) assert.ok(findPermission(permission), `${method} ${path} has a known permission`);
      if (permission) assert.ok(typeof op['x-oauth-scope'] === 'string');
      assert.deepEqual(op.security, [{ basic: [] }, { bearer: [] }], `${method} ${path} needs credentials`);
      if (permission)
        assert.ok(Array.isArray(op.tags) && (op.tags as string[]).length === 1, `${method} ${path} tag`);
      const responses = op.responses as Record<string, unknown>;
      for (const status of permission ? ['401', '403', '429'] : ['401', '429']) {
        assert.ok(status in responses, `${method} ${path} ${status}`);
      }
      // Every operation is a route Fastify actually serves.
      const url = `/v1${path.replace(/\{([^}]+)\}/g, ':$1')}`;
      assert.ok(t.app.hasRoute({ method: method.toUpperCase() as 'GET', url }), url);
    }
    const users = doc.paths['/users']?.get as Record<string, unknown>;
    assert.equal(users['x-permission'], 'users:list');
    assert.deepEqual(doc.paths['/users/{user}/deactivate']?.post?.['x-permission'], 'users:update');
    assert.equal(
      doc.paths['/archive_reasons/{archiveReason}']?.get?.['x-permission'],
      'archive_reasons:read',
    );
    const created = (
      doc.paths['/users']?.post as {
        responses: Record<
          string,
          { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } }
        >;
      }
    ).responses['201'];
    assert.ok(created?.content['application/json'].schema.properties.data);
  });

  it('covers every /v1 route registered with a permission (sweep of Fastify routes)', async () => {
    const doc = (await t.app.inject('/v1/openapi.json')).json() as OpenApiDocument;
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((m) => `${m.toUpperCase()} /v1${path.replace(/\{([^}]+)\}/g, ':$1')}`),
      ),
    );
    // Every permission-table endpoint that the app serves must be in the document.
    const { PERMISSIONS } = await import('@hireloop/lever/permissions');
    for (const def of PERMISSIONS) {
      for (const endpoint of def.endpoints) {
        const [method = '', path = ''] = endpoint.split(' ');
        const served = t.app.hasRoute({ method: method as 'GET', url: `/v1${path}` });
        if (!served) continue;
        const match = [...documented].some((d) => {
          const [m, p = ''] = d.split(' ');
          return m === method && p.replace(/:[^/]+/g, ':') === `/v1${path}`.replace(/:[^/]+/g, ':');
        });
        assert.ok(match, `${endpoint} is documented`);
      }
    }
  });

  it('renders a readable docs page server-side, grouped by tag, without external assets', async () => {
    const res = await t.app.inject('/v1/docs');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    const page = res.body;
    assert.match(page, /<h2>Users<\/h2>/);
    assert.match(page, /<h2>Stages<\/h2>/);
    assert.match(page, /<code>\/users\/\{user\}\/deactivate<\/code>/);
    assert.match(page, /Permission: <code>users:list<\/code>/);
    assert.match(page, /<code>includeDeactivated<\/code>/);
    assert.match(page, /<code>data\[\]\.accessRole<\/code>/);
    assert.doesNotMatch(page, /(src|href)="https?:\/\//);
    assert.doesNotMatch(page, /swagger-ui/i);
  });
});
