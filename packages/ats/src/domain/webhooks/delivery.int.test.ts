// Durable delivery in fake time: a receiver that is down and comes back gets every event, retries follow
// the schedule; 410 disables, 429 honours Retry-After, 3xx is a failure; a webhook failing for days is
// disabled when a delivery exhausts; rotation sends both signatures; the receiver helper rejects forged,
// replayed, stale, wrong-token and tampered deliveries.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { verifyLeverDelivery, createMemoryDeliveryStore } from '@hireloop/lever/webhook-receiver';
import { signLever, standardWebhookHeaders } from '@hireloop/lever/webhook-signature';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../../test-support.ts';
import { deliverDue, fanOutAndDeliver, type DeliveryEnv } from './delivery-engine.ts';
import { RETRY_SCHEDULE_MS, JITTER_RATIO } from './retry-schedule.ts';
import { rotateSignatureToken } from './webhook.service.ts';
import { setWebhookDeps, webhookDeps } from './webhook-deps.ts';
import { WEBHOOK_RETRY_JOB } from './webhook-queue.ts';
import {
  emitStageChange,
  stageChangeFixture,
  type FakeClock,
  type TestReceiver,
} from './webhook-test-support.ts';
import { findWebhook, type WebhookRow } from './webhook.repository.ts';

void describe(`webhook delivery (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let clock: FakeClock;
  let env: DeliveryEnv;
  let receiver: TestReceiver;
  let webhook: WebhookRow;

  before(async () => {
    t = await createAtsTestApp();
  });
  after(async () => {
    await t.close();
  });
  beforeEach(async () => {
    ({ tenant, clock, env, receiver, webhook } = await stageChangeFixture(t));
  });
  afterEach(async () => {
    await receiver.close();
  });

  const deliveries = () =>
    t.db
      .selectFrom('ats.webhook_delivery')
      .selectAll()
      .where('account_id', '=', tenant.account.id)
      .orderBy('created_at')
      .execute();
  const attemptsOf = (id: string) =>
    t.db
      .selectFrom('ats.webhook_attempt')
      .selectAll()
      .where('delivery_id', '=', id)
      .orderBy('attempt')
      .execute();
  /** Moves the fake clock to the next due attempt and runs it, like the retry job would. */
  const runNextRetry = async () => {
    const pending = (await deliveries()).filter((d) => d.status === 'pending');
    const next = Math.max(...pending.map((d) => d.next_attempt_at!.getTime()));
    clock.set(next);
    return deliverDue(env, { allDue: true });
  };

  it('a receiver down for the first three attempts gets every event; retries follow the schedule', async () => {
    const t0 = clock.now();
    const ids = [await emitStageChange(t, tenant.account.id), await emitStageChange(t, tenant.account.id)];
    receiver.answer = { status: 503 };
    assert.equal(await fanOutAndDeliver(env, ids), 2);
    assert.equal(await runNextRetry(), 2);
    assert.equal(await runNextRetry(), 2);
    receiver.answer = undefined;
    assert.equal(await runNextRetry(), 2);
    const rows = await deliveries();
    assert.deepEqual(
      rows.map((d) => [d.status, d.attempts]),
      [
        ['succeeded', 4],
        ['succeeded', 4],
      ],
    );
    for (const d of rows) {
      const attempts = await attemptsOf(d.id);
      assert.deepEqual(
        attempts.map((a) => [a.attempt, a.status_code, a.outcome]),
        [
          [1, 503, 'failure'],
          [2, 503, 'failure'],
          [3, 503, 'failure'],
          [4, 200, 'success'],
        ],
      );
      assert.equal(attempts[0]!.attempted_at.getTime(), t0);
      for (let i = 1; i < attempts.length; i++) {
        const gap = attempts[i]!.attempted_at.getTime() - attempts[i - 1]!.attempted_at.getTime();
        const base = RETRY_SCHEDULE_MS[i]!;
        assert.ok(gap >= base && gap <= base * (1 + JITTER_RATIO), `gap ${i}: ${gap} for ${base}`);
      }
      assert.equal(attempts[0]!.response_excerpt, 'receiver is down');
      assert.ok(attempts.every((a) => a.latency_ms >= 0));
    }
    const processed = receiver.received.filter((r) => r.result.ok);
    assert.equal(processed.length, 2);
    const body = JSON.parse(processed[0]!.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['triggeredAt', 'event', 'signature', 'token', 'data']);
    const row = rows.find((r) => r.id === processed[0]!.headers['webhook-id'])!;
    assert.equal(body.triggeredAt, row.triggered_at.getTime());
    assert.equal(body.token, row.token);
    assert.deepEqual(body.data, row.data);
    assert.equal(processed[0]!.headers['webhook-timestamp'], String(Math.floor(clock.now() / 1000)));
    assert.equal((await findWebhook(t.db, tenant.account.id, webhook.id))?.failing_since, null);
  });

  it('delivers a duplicate attempt only once to the processing side (stable token, triggeredAt, webhook-id)', async () => {
    const id = await emitStageChange(t, tenant.account.id);
    await fanOutAndDeliver(env, [id]);
    const [d] = await deliveries();
    // Re-sending a delivered one (e.g. a lost 2xx) arrives again with the same keys: the helper says replayed.
    await t.db
      .updateTable('ats.webhook_delivery')
      .set({ status: 'pending', next_attempt_at: new Date(clock.now()) })
      .execute();
    await deliverDue(env, { deliveryIds: [d!.id] });
    assert.deepEqual(
      receiver.received.map((r) => (r.result.ok ? 'ok' : r.result.code)),
      ['ok', 'replayed'],
    );
    assert.equal(receiver.received[0]!.headers['webhook-id'], receiver.received[1]!.headers['webhook-id']);
  });

  it('does not hold a batch on its slowest receiver: the rest is recorded, the late one records itself and has a wake-up', async () => {
    setWebhookDeps(t.runtime, { batchPatienceMs: 100 });
    env = { ...env, deps: webhookDeps(t.runtime) };
    receiver.delayMs = (n) => (n === 0 ? 1_000 : 0);
    const ids = [await emitStageChange(t, tenant.account.id), await emitStageChange(t, tenant.account.id)];
    const started = Date.now();
    assert.equal(await fanOutAndDeliver(env, ids), 2);
    assert.ok(Date.now() - started < 900, 'the batch waited for its slowest POST');
    const early = await deliveries();
    const slow = early.find((d) => d.status === 'pending')!;
    assert.deepEqual(early.map((d) => d.status).sort(), ['pending', 'succeeded']);
    assert.ok(slow.lease_until);
    const wakeUps = (await t.runtime.queue.boss.findJobs<{ deliveryId: string }>(WEBHOOK_RETRY_JOB)).filter(
      (j) => j.data.deliveryId === slow.id,
    );
    assert.equal(wakeUps.length, 1);
    assert.equal(wakeUps[0]!.startAfter.getTime(), slow.lease_until.getTime() + 1000);
    const deadline = Date.now() + 5_000;
    while ((await deliveries()).some((d) => d.status === 'pending') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = await deliveries();
    assert.deepEqual(
      done.map((d) => [d.status, d.attempts, d.lease_until]),
      [
        ['succeeded', 1, null],
        ['succeeded', 1, null],
      ],
    );
    assert.equal((await attemptsOf(slow.id)).length, 1);
  });

  it('filters opportunity events by origin and ignores other accounts and events', async () => {
    const other = await createTestTenant(t.db);
    await t.db
      .updateTable('ats.webhook')
      .set({ origins: ['referred'] })
      .where('id', '=', webhook.id)
      .execute();
    const ids = [
      await emitStageChange(t, tenant.account.id, 'applied'),
      await emitStageChange(t, tenant.account.id, 'referred'),
      await emitStageChange(t, other.account.id, 'referred'),
    ];
    assert.equal(await fanOutAndDeliver(env, ids), 1);
    assert.equal(receiver.received.length, 1);
  });

  it('410 disables the webhook with a visible reason and cancels what is pending', async () => {
    const ids = [await emitStageChange(t, tenant.account.id)];
    receiver.answer = { status: 410 };
    await fanOutAndDeliver(env, ids);
    const w = await findWebhook(t.db, tenant.account.id, webhook.id);
    assert.equal(w?.disabled_reason, 'the receiver answered 410 Gone');
    assert.equal(w?.disabled_at?.getTime(), clock.now());
    assert.deepEqual(
      (await deliveries()).map((d) => d.status),
      ['cancelled'],
    );
    // Disabled webhooks get no new deliveries.
    assert.equal(await fanOutAndDeliver(env, [await emitStageChange(t, tenant.account.id)]), 0);
  });

  it('429 honours Retry-After; 3xx is a failure and is never followed', async () => {
    receiver.answer = { status: 429, headers: { 'retry-after': '120' } };
    await fanOutAndDeliver(env, [await emitStageChange(t, tenant.account.id)]);
    let [d] = await deliveries();
    assert.equal(d!.next_attempt_at!.getTime() - clock.now(), 120_000);
    receiver.answer = { status: 302, headers: { location: 'http://169.254.169.254/' } };
    await runNextRetry();
    [d] = await deliveries();
    const attempts = await attemptsOf(d!.id);
    assert.deepEqual(
      attempts.map((a) => [a.status_code, a.outcome]),
      [
        [429, 'rate_limited'],
        [302, 'failure'],
      ],
    );
    assert.equal(attempts[1]!.error, 'redirect to http://169.254.169.254/ not followed');
    assert.equal(d!.status, 'pending');
  });

  it('exhausts after 8 attempts; a webhook failing for 3 days is disabled on exhaustion', async () => {
    receiver.answer = { status: 500 };
    await fanOutAndDeliver(env, [await emitStageChange(t, tenant.account.id)]);
    for (let i = 1; i < RETRY_SCHEDULE_MS.length; i++) await runNextRetry();
    let [d] = await deliveries();
    assert.equal(d!.status, 'exhausted');
    assert.equal(d!.attempts, 8);
    assert.equal(
      (await findWebhook(t.db, tenant.account.id, webhook.id))?.disabled_at,
      null,
      'failing ~1.3 days only',
    );
    // Two days later another event fails all its attempts: failing since > 3 days → disabled.
    clock.advance(2 * 86_400_000);
    await fanOutAndDeliver(env, [await emitStageChange(t, tenant.account.id)]);
    for (let i = 1; i < RETRY_SCHEDULE_MS.length; i++) await runNextRetry();
    const w = await findWebhook(t.db, tenant.account.id, webhook.id);
    assert.match(w?.disabled_reason ?? '', /failed for more than 3 days/);
    [, d] = await deliveries();
    assert.equal(d!.status, 'exhausted');
  });

  it('during a rotation overlap sends both Standard signatures and signs the Lever body with the new token', async () => {
    const old = webhook.signature_token;
    const rotated = await rotateSignatureToken(t.db, env.deps, tenant.account.id, webhook.id, 3600, 'api');
    receiver.secrets = [old];
    await fanOutAndDeliver(env, [await emitStageChange(t, tenant.account.id)]);
    const [first] = receiver.received;
    assert.equal((first!.headers['webhook-signature'] as string).split(' ').length, 2);
    // An old-token-only receiver fails the Lever body signature (new token) — it must add the new one.
    assert.equal(first!.result.ok, false);
    const body = JSON.parse(first!.body) as { token: string; triggeredAt: number; signature: string };
    assert.equal(
      body.signature,
      signLever({
        signatureToken: rotated.signature_token,
        token: body.token,
        triggeredAt: body.triggeredAt,
      }),
    );
    const stdOnly = standardWebhookHeaders({ id: 'x', timestamp: 1, body: 'b', secrets: [old] })[
      'webhook-signature'
    ]!;
    assert.ok(stdOnly.length > 0);
    // Overlap 0 = the old token stops at once.
    await rotateSignatureToken(t.db, env.deps, tenant.account.id, webhook.id, 0, 'api');
    receiver.secrets = [(await findWebhook(t.db, tenant.account.id, webhook.id))!.signature_token];
    await fanOutAndDeliver(env, [await emitStageChange(t, tenant.account.id)]);
    const last = receiver.received.at(-1)!;
    assert.equal((last.headers['webhook-signature'] as string).split(' ').length, 1);
    assert.equal(last.result.ok, true);
  });

  it('the receiver helper rejects forged, replayed, stale, wrong-token and tampered deliveries', async () => {
    await fanOutAndDeliver(env, [await emitStageChange(t, tenant.account.id)]);
    const real = receiver.received[0]!;
    assert.equal(real.result.ok, true);
    const verify = (
      body: string,
      headers: Record<string, unknown>,
      over: { secrets?: string[]; now?: number } = {},
    ) =>
      verifyLeverDelivery({
        rawBody: body,
        headers: headers as Record<string, string>,
        secrets: over.secrets ?? [webhook.signature_token],
        store: createMemoryDeliveryStore(),
        now: over.now ?? clock.now(),
      }).then((r) => (r.ok ? 'ok' : r.code));
    const headers = { ...real.headers } as Record<string, string>;
    const parsed = JSON.parse(real.body) as Record<string, unknown>;
    assert.equal(await verify(real.body, headers), 'ok');
    assert.equal(await verify(JSON.stringify({ ...parsed, signature: 'a'.repeat(64) }), {}), 'bad_signature');
    assert.equal(await verify(real.body, headers, { secrets: ['0'.repeat(48)] }), 'bad_signature');
    assert.equal(await verify(real.body, headers, { now: clock.now() + 10 * 60_000 }), 'stale');
    assert.equal(await verify(real.body, {}, { now: clock.now() + 10 * 60_000 }), 'stale');
    const tampered = real.body.replace('"toStageId":"offer"', '"toStageId":"hired"');
    assert.notEqual(tampered, real.body);
    assert.equal(await verify(tampered, headers), 'bad_signature');
    // Replayed: the same delivery again at the same receiver (one store).
    const store = createMemoryDeliveryStore();
    const again = () =>
      verifyLeverDelivery({
        rawBody: real.body,
        headers,
        secrets: [webhook.signature_token],
        store,
        now: clock.now(),
      });
    assert.equal((await again()).ok, true);
    assert.equal(((await again()) as { code: string }).code, 'replayed');
  });
});
