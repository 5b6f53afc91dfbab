import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import type { Http } from '@hireloop/platform';
import { buildApp } from './app.ts';
import { createAccount } from '@hireloop/ats/domain/accounts/account.service';
import type { AtsDb } from '@hireloop/ats/db';
import { productModules } from './modules.ts';

describe('home page, error pages and the demo mailbox', () => {
  let rt: TestRuntime;
  let app: Http;
  before(async () => {
    rt = await createTestRuntime(productModules);
    app = await buildApp(rt);
  });
  after(async () => {
    await app.close();
    await rt.close();
  });

  it('serves a home page whose every link answers', async () => {
    const db = rt.database.kysely<AtsDb>();
    await db.transaction().execute((trx) => createAccount(trx, { site: 'globex', name: 'Globex' }));
    const home = await app.inject('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.headers['content-type'] as string, /text\/html/);
    const links = [...home.body.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1] ?? '');
    for (const expected of ['/mailbox', '/ats', '/jobs/globex', '/v1/docs'])
      assert.ok(links.includes(expected), expected);
    for (const href of new Set(links)) {
      const res = await app.inject({ url: href, headers: { accept: 'text/html' } });
      assert.ok(res.statusCode < 400, `${href} answered ${res.statusCode}`);
    }
  });

  it('shows browsers an HTML error page and API clients JSON', async () => {
    const page = await app.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /<title>Page not found/);
    const api = await app.inject({ url: '/v1/no-such-endpoint', headers: { accept: 'text/html' } });
    assert.equal(api.json().code, 'RouteNotFoundError');
  });

  it('lists captured mail and shows one message with its links', async () => {
    await rt.queue.startWorkers();
    const id = await rt.mailer.send(rt.db, {
      to: 'ada@example.com',
      subject: 'Your invitation',
      text: 'Join: http://localhost:3000/join/abc',
      tag: 'test.invite',
    });
    const list = await app.inject('/mailbox?to=ada@example.com');
    assert.match(list.body, /Development mailbox/);
    assert.match(list.body, /Your invitation/);
    const one = await app.inject(`/mailbox/${id}`);
    assert.match(one.body, /<a href="http:\/\/localhost:3000\/join\/abc">/);
    assert.equal((await app.inject('/mailbox/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });
});
