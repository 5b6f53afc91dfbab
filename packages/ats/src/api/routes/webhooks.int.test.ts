// /v1/webhooks and /v1/webhook_deliveries over HTTP (app.inject): auth, tenant and permission first, then
// validation (bad input loses nothing), then the happy paths with whole bodies.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { WebhookCreated, Webhook, ORIGINS } from '@hireloop/lever/wire';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../../test-support.ts';
import { createWebhook } from '../../domain/webhooks/webhook.service.ts';
import { fanOutAndDeliver } from '../../domain/webhooks/delivery-engine.ts';
import {
  deliveryEnv,
  emitStageChange,
  fakeClock,
  startReceiver,
  type TestReceiver,
} from '../../domain/webhooks/webhook-test-support.ts';

void describe(`/v1/webhooks (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let receiver: TestReceiver;
  const clock = fakeClock(Date.now());
  before(async () => {
    t = await createAtsTestApp();
    deliveryEnv(t, clock);
    tenant = await createTestTenant(t.db);
    other = await createTestTenant(t.db);
    receiver = await startReceiver(() => clock.now());
  });
  after(async () => {
    await receiver.close();
    await t.close();
  });
  const req = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    auth = tenant.auth,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: auth },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const create = (body: object, auth = tenant.auth) => req('POST', '/v1/webhooks', auth, body);

  void it('rejects without auth, with another tenant’s key, and without the permission', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/webhooks' })).statusCode, 401);
    const mine = (await create({ url: receiver.url, event: 'candidateHired' })).json().data as { id: string };
    assert.equal((await req('GET', `/v1/webhooks/${mine.id}`, other.auth)).statusCode, 404);
    assert.equal((await req('DELETE', `/v1/webhooks/${mine.id}`, other.auth)).statusCode, 404);
    assert.deepEqual((await req('GET', '/v1/webhooks', other.auth)).json(), { data: [] });
    const noPerm = await tenant.key(['webhooks:list']);
    const res = await create({ url: receiver.url, event: 'candidateHired' }, noPerm);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().permission, 'webhooks:create');
    assert.equal((await req('GET', `/v1/webhooks/${mine.id}`, noPerm)).json().permission, 'webhooks:read');
    assert.equal(
      (await req('GET', '/v1/webhook_deliveries', await tenant.key(['webhooks:read']))).json().permission,
      'webhooks:list',
    );
  });

  void it('validates: unknown event or origin names the field, SSRF-blocked URLs, bad ids — nothing stored', async () => {
    const before = await countRows(t.db, 'ats.webhook');
    const bad = [
      { url: receiver.url, event: 'candidateExploded' },
      { url: receiver.url, event: 'candidateHired', configuration: { conditions: { origins: ['walk-in'] } } },
      { url: 'http://169.254.169.254/latest/meta-data/', event: 'candidateHired' },
      { url: 'http://10.0.0.5/hook', event: 'candidateHired' },
      { url: 'ftp://example.com/', event: 'candidateHired' },
      { event: 'candidateHired' },
    ];
    for (const body of bad) {
      const res = await create(body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
    }
    const ssrf = (await create({ url: 'http://[::ffff:10.0.0.1]/', event: 'candidateHired' })).json();
    assert.equal(ssrf.code, 'ValidationError');
    assert.match(ssrf.message, /^Invalid value for url: is not allowed: .*private/);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: { authorization: tenant.auth, 'content-type': 'application/json' },
      payload: '{"url":',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal((await req('GET', '/v1/webhooks/nope')).statusCode, 404);
    assert.equal(await countRows(t.db, 'ats.webhook'), before);
    assert.equal((await req('GET', '/v1/webhook_deliveries?status=lost')).statusCode, 400);
    assert.equal(
      (await req('GET', '/v1/webhook_deliveries?offset=garbage')).json().code,
      'InvalidOffsetTokenError',
    );
  });

  void it('creates (201, token once, all six origins by default), lists without hasNext, gets, replaces, deletes', async () => {
    const res = await create({ url: receiver.url, event: 'candidateStageChange' });
    assert.equal(res.statusCode, 201);
    const created = res.json().data as Record<string, unknown> & {
      id: string;
      configuration: { signatureToken: string };
    };
    assert.ok(Value.Check(WebhookCreated, created));
    assert.match(created.configuration.signatureToken, /^[0-9a-f]{48}$/);
    assert.deepEqual(created, {
      id: created.id,
      event: 'candidateStageChange',
      url: receiver.url,
      configuration: {
        conditions: { origins: [...ORIGINS] },
        signatureToken: created.configuration.signatureToken,
      },
      createdAt: created.createdAt,
      updatedAt: created.createdAt,
      createdVia: 'api',
      disabledAt: null,
      disabledReason: null,
      previousTokenExpiresAt: null,
    });
    const list = (await req('GET', '/v1/webhooks?limit=100')).json() as { data: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(list), ['data']);
    const item = list.data.find((w) => w.id === created.id)!;
    assert.ok(Value.Check(Webhook, item));
    assert.equal(JSON.stringify(list).includes(created.configuration.signatureToken), false);
    const { configuration: _c, ...rest } = created;
    assert.deepEqual(item, { ...rest, configuration: { conditions: { origins: [...ORIGINS] } } });
    assert.deepEqual((await req('GET', `/v1/webhooks/${created.id}`)).json(), { data: item });

    const put = await req('PUT', `/v1/webhooks/${created.id}`, tenant.auth, {
      url: `${receiver.url}?v=2`,
      event: 'candidateHired',
      configuration: { conditions: { origins: ['referred'] } },
    });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json().data.configuration, { conditions: { origins: ['referred'] } });
    assert.equal(put.json().data.event, 'candidateHired');
    assert.equal(put.json().data.signatureToken, undefined);

    const del = await req('DELETE', `/v1/webhooks/${created.id}`);
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await req('GET', `/v1/webhooks/${created.id}`)).statusCode, 404);
  });

  void it('refuses to change a webhook made in settings (403 WebhookManagedElsewhereError)', async () => {
    const env = deliveryEnv(t, clock);
    const fromSettings = await createWebhook(
      t.db,
      env.deps,
      tenant.account.id,
      { url: receiver.url, event: 'candidateHired' },
      'settings',
    );
    for (const [method, url, body] of [
      ['PUT', `/v1/webhooks/${fromSettings.id}`, { url: receiver.url, event: 'candidateHired' }],
      ['DELETE', `/v1/webhooks/${fromSettings.id}`, undefined],
      ['POST', `/v1/webhooks/${fromSettings.id}/rotate_token`, {}],
    ] as const) {
      const res = await req(method, url, tenant.auth, body);
      assert.equal(res.statusCode, 403);
      assert.deepEqual(res.json(), {
        code: 'WebhookManagedElsewhereError',
        message: 'This webhook was created in Settings and can only be changed there',
        createdVia: 'settings',
      });
    }
    assert.equal((await req('GET', `/v1/webhooks/${fromSettings.id}`)).json().data.createdVia, 'settings');
  });

  void it('rotates the token (default overlap 24 h, 0 = at once) and returns it once', async () => {
    const w = (await create({ url: receiver.url, event: 'contactCreated' })).json().data as {
      id: string;
      configuration: { signatureToken: string };
    };
    const r1 = (await req('POST', `/v1/webhooks/${w.id}/rotate_token`, tenant.auth, {})).json().data;
    assert.notEqual(r1.configuration.signatureToken, w.configuration.signatureToken);
    assert.equal(r1.previousTokenExpiresAt, clock.now() + 86_400_000);
    const r2 = (
      await req('POST', `/v1/webhooks/${w.id}/rotate_token`, tenant.auth, { overlapSeconds: 0 })
    ).json().data;
    assert.equal(r2.previousTokenExpiresAt, null);
    assert.equal(
      (await req('POST', `/v1/webhooks/${w.id}/rotate_token`, tenant.auth, { overlapSeconds: -1 }))
        .statusCode,
      400,
    );
  });

  void it('lists deliveries with filters and keyset pages, shows attempts, re-sends one and a range', async () => {
    const w = (await create({ url: receiver.url, event: 'candidateStageChange' })).json().data as {
      id: string;
      configuration: { signatureToken: string };
    };
    receiver.secrets = [w.configuration.signatureToken];
    const env = deliveryEnv(t, clock);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await emitStageChange(t, tenant.account.id));
    receiver.answer = { status: 500 };
    await fanOutAndDeliver(env, ids);
    receiver.answer = undefined;
    const page1 = (
      await req('GET', `/v1/webhook_deliveries?webhook_id=${w.id}&status=pending&limit=2`)
    ).json();
    assert.equal(page1.data.length, 2);
    assert.equal(page1.hasNext, true);
    const page2 = (
      await req(
        'GET',
        `/v1/webhook_deliveries?webhook_id=${w.id}&status=pending&limit=2&offset=${page1.next}`,
      )
    ).json();
    assert.deepEqual(Object.keys(page2), ['data', 'hasNext']);
    assert.equal(page2.data.length, 1);
    const all = [...page1.data, ...page2.data] as { id: string; attempts: number; lastStatusCode: number }[];
    assert.equal(new Set(all.map((d) => d.id)).size, 3);
    assert.ok(all.every((d) => d.attempts === 1 && d.lastStatusCode === 500));
    assert.deepEqual(
      (await req('GET', `/v1/webhook_deliveries?webhook_id=${w.id}&status=exhausted`)).json(),
      { data: [], hasNext: false },
    );
    const detail = (await req('GET', `/v1/webhook_deliveries/${all[0]!.id}`)).json().data;
    assert.equal(detail.event, 'candidateStageChange');
    assert.deepEqual(
      detail.attemptLog.map(
        (a: { attempt: number; statusCode: number; outcome: string; responseExcerpt: string }) => [
          a.attempt,
          a.statusCode,
          a.outcome,
          a.responseExcerpt,
        ],
      ),
      [[1, 500, 'failure', 'receiver is down']],
    );
    assert.equal((await req('GET', `/v1/webhook_deliveries/${all[0]!.id}`, other.auth)).statusCode, 404);
    // Exhaust them by hand, then re-send one and the range: same webhook-id on the wire.
    await t.db
      .updateTable('ats.webhook_delivery')
      .set({ status: 'exhausted' })
      .where('webhook_id', '=', w.id)
      .execute();
    const one = await req('POST', `/v1/webhook_deliveries/${all[0]!.id}/resend`);
    assert.equal(one.statusCode, 202);
    assert.equal(one.json().data.status, 'pending');
    const range = await req('POST', '/v1/webhook_deliveries/resend', tenant.auth, {
      from: 0,
      to: Date.now() + 60_000,
      webhook_id: w.id,
    });
    assert.deepEqual(range.json(), { data: { resent: 2 } });
    const { deliverDue } = await import('../../domain/webhooks/delivery-engine.ts');
    assert.equal(await deliverDue(env, { allDue: true }), 3);
    const ok = receiver.received.filter((r) => r.result.ok).map((r) => r.headers['webhook-id']);
    assert.deepEqual(new Set(ok), new Set(all.map((d) => d.id)));
    assert.equal(
      (await req('POST', '/v1/webhook_deliveries/resend', tenant.auth, { from: 10, to: 5 })).statusCode,
      400,
    );
  });
});
