// The webhook outbox (migration 0009): an event's outbox row commits or rolls back with the change, the
// fan-out loop's pass turns it into deliveries exactly once even with passes side by side (other worker
// processes), and a worker killed after its pass leaves leased deliveries that are sent again — same id and
// token — once the lease lapses. The loop itself (NOTIFY wake-up) runs in the e2e and bench tiers.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createAtsTestApp, type AtsTestApp, type TestTenant } from '../../test-support.ts';
import { deliverDue, fanOutPending, type DeliveryEnv } from './delivery-engine.ts';
import { fanOutFromOutbox } from './delivery.repository.ts';
import { setWebhookDeps, webhookDeps } from './webhook-deps.ts';
import {
  emitStageChange,
  stageChangeFixture,
  type FakeClock,
  type TestReceiver,
} from './webhook-test-support.ts';

void describe(`webhook outbox (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: AtsTestApp;
  let tenant: TestTenant;
  let clock: FakeClock;
  let env: DeliveryEnv;
  let receiver: TestReceiver;

  before(async () => {
    t = await createAtsTestApp();
  });
  after(async () => {
    await t.close();
  });
  beforeEach(async () => {
    ({ tenant, clock, env, receiver } = await stageChangeFixture(t));
  });
  afterEach(async () => {
    await receiver.close();
  });

  const outboxSize = async () =>
    (
      await t.db
        .selectFrom('ats.webhook_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const deliveries = () =>
    t.db
      .selectFrom('ats.webhook_delivery')
      .selectAll()
      .where('account_id', '=', tenant.account.id)
      .orderBy('created_at')
      .execute();

  it('fans out committed events once; a rolled-back change leaves no event and no outbox row', async () => {
    const ids = [await emitStageChange(t, tenant.account.id), await emitStageChange(t, tenant.account.id)];
    await t.db
      .transaction()
      .execute(async (trx) => {
        const id = crypto.randomUUID();
        await t.ctx.events.emit(trx, tenant.account.id, 'candidateStageChange', {
          opportunityId: id,
          candidateId: id,
          contactId: id,
          fromStageId: null,
          toStageId: 'offer',
        });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    assert.equal(await outboxSize(), 2);
    assert.equal(await fanOutPending(env), false);
    assert.equal(await outboxSize(), 0);
    const rows = await deliveries();
    assert.deepEqual(rows.map((d) => d.event_id).sort(), [...ids].sort());
    assert.deepEqual(
      rows.map((d) => [d.status, d.attempts, d.lease_until]),
      [
        ['succeeded', 1, null],
        ['succeeded', 1, null],
      ],
    );
    assert.equal(receiver.received.filter((r) => r.result.ok).length, 2);
    assert.equal(await fanOutPending(env), false);
    assert.equal(receiver.received.length, 2);
  });

  it('passes side by side (several workers) take each event once; a full pass asks for another', async () => {
    setWebhookDeps(t.runtime, { batchSize: 4 });
    env = { ...env, deps: webhookDeps(t.runtime) };
    for (let i = 0; i < 14; i++) await emitStageChange(t, tenant.account.id);
    assert.equal(await fanOutPending(env), true);
    await Promise.all([fanOutPending(env), fanOutPending(env), fanOutPending(env)]);
    while (await fanOutPending(env));
    const rows = await deliveries();
    assert.equal(rows.length, 14);
    assert.equal(new Set(rows.map((d) => d.event_id)).size, 14);
    assert.ok(rows.every((d) => d.status === 'succeeded' && d.attempts === 1));
    assert.equal(receiver.received.length, 14);
    setWebhookDeps(t.runtime, { batchSize: 200 });
  });

  it('a worker killed after its pass: the deliveries go out once the lease lapses, same id and token', async () => {
    await emitStageChange(t, tenant.account.id);
    // The dead worker's pass: outbox row gone, delivery leased, never sent.
    const { claimed } = await fanOutFromOutbox(t.db, new Date(clock.now()), env.deps.leaseMs, 10);
    assert.equal(claimed.length, 1);
    assert.equal(await outboxSize(), 0);
    assert.equal(await deliverDue(env, { allDue: true }), 0, 'claimable while the lease holds');
    clock.advance(env.deps.leaseMs + 1);
    assert.equal(await deliverDue(env, { allDue: true }), 1);
    const [d] = await deliveries();
    assert.deepEqual(
      [d!.id, d!.token, d!.status, d!.attempts],
      [claimed[0]!.id, claimed[0]!.token, 'succeeded', 1],
    );
    assert.equal(receiver.received[0]!.headers['webhook-id'], d!.id);
  });
});
