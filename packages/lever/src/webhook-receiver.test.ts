import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createMemoryDeliveryStore,
  verifyLeverDelivery,
  type VerifyDeliveryInput,
} from './webhook-receiver.ts';
import { signLever, standardWebhookHeaders } from './webhook-signature.ts';

const SECRET = '81358960e95ed76bf1def200692c2f956818caf168682e26';
const NOW = 1782975358767;

const makeDelivery = (
  over: { secret?: string; triggeredAt?: number; token?: string; event?: string } = {},
) => {
  const token = over.token ?? '3f9b8c1d2e4a5b6c7d8e9f0a1b2c3d4e';
  const triggeredAt = over.triggeredAt ?? NOW;
  const signature = signLever({ signatureToken: over.secret ?? SECRET, token, triggeredAt });
  return {
    triggeredAt,
    event: over.event ?? 'candidateHired',
    signature,
    token,
    data: { opportunityId: 'opp-1', contactId: 'contact-1' },
  };
};

const receive = (rawBody: string | Uint8Array, over: Partial<VerifyDeliveryInput> = {}) =>
  verifyLeverDelivery({
    rawBody,
    headers: {},
    secrets: [SECRET],
    store: createMemoryDeliveryStore({ now: () => NOW }),
    now: NOW,
    ...over,
  });

void describe('verifyLeverDelivery', () => {
  void it('accepts a signed delivery and types the event', async () => {
    const delivery = makeDelivery();
    const result = await receive(JSON.stringify(delivery));
    assert.deepEqual(result, {
      ok: true,
      event: delivery,
      bodyAuthenticated: false,
      key: `${delivery.token}.${NOW}`,
    });
  });

  void it('rejects bodies that are not JSON, not deliveries or unsigned', async () => {
    const notJson = await receive('{nope');
    assert.equal(notJson.ok === false && notJson.code, 'invalid_json');
    const { signature: _s, ...unsigned } = makeDelivery();
    assert.deepEqual(await receive(JSON.stringify(unsigned)), {
      ok: false,
      code: 'missing_signature',
      message: 'Body has no signature or token',
    });
    const wrongShape = { ...makeDelivery(), triggeredAt: String(NOW) };
    assert.equal(((await receive(JSON.stringify(wrongShape))) as { code: string }).code, 'invalid_payload');
    assert.equal(((await receive('[1,2]')) as { code: string }).code, 'invalid_payload');
  });

  void it('rejects forged and wrong-token signatures', async () => {
    const forged = { ...makeDelivery(), signature: 'f'.repeat(64) };
    assert.equal(((await receive(JSON.stringify(forged))) as { code: string }).code, 'bad_signature');
    const otherSecret = makeDelivery({ secret: 'some-other-webhook-token' });
    assert.equal(((await receive(JSON.stringify(otherSecret))) as { code: string }).code, 'bad_signature');
    const swappedToken = { ...makeDelivery(), token: 'another-token' };
    assert.equal(((await receive(JSON.stringify(swappedToken))) as { code: string }).code, 'bad_signature');
  });

  void it('rejects deliveries outside the window, both ways', async () => {
    const old = makeDelivery({ triggeredAt: NOW - 5 * 60 * 1000 - 1 });
    const future = makeDelivery({ triggeredAt: NOW + 5 * 60 * 1000 + 1 });
    assert.equal(((await receive(JSON.stringify(old))) as { code: string }).code, 'stale');
    assert.equal(((await receive(JSON.stringify(future))) as { code: string }).code, 'stale');
    assert.equal((await receive(JSON.stringify(old), { toleranceMs: 10 * 60 * 1000 })).ok, true);
  });

  void it('rejects a replay of an accepted delivery but not of a rejected one', async () => {
    const store = createMemoryDeliveryStore({ now: () => NOW });
    const body = JSON.stringify(makeDelivery());
    const forged = JSON.stringify({ ...makeDelivery(), signature: '0'.repeat(64) });
    assert.equal((await receive(forged, { store })).ok, false);
    assert.equal((await receive(body, { store })).ok, true);
    assert.deepEqual(await receive(body, { store }), {
      ok: false,
      code: 'replayed',
      message: 'Delivery already received',
    });
    assert.equal(store.size(), 1);
  });

  void it('accepts either secret during a rotation', async () => {
    const secrets = ['new-token-after-rotation', SECRET];
    assert.equal((await receive(JSON.stringify(makeDelivery()), { secrets })).ok, true);
    const signedWithNew = makeDelivery({ secret: 'new-token-after-rotation', token: 'fresh' });
    assert.equal((await receive(JSON.stringify(signedWithNew), { secrets })).ok, true);
    assert.equal((await receive(JSON.stringify(signedWithNew), { secrets: [SECRET] })).ok, false);
  });

  void it('authenticates the body with Standard Webhooks headers and rejects a tampered body', async () => {
    const body = JSON.stringify(makeDelivery());
    const headers = standardWebhookHeaders({
      id: 'msg_1',
      timestamp: Math.floor(NOW / 1000),
      body,
      secrets: [SECRET],
    });
    const ok = await receive(body, { headers: new Headers(headers) });
    assert.equal(ok.ok && ok.bodyAuthenticated, true);
    // Same token, time and Lever signature, different data: only the standard headers can catch this.
    const tampered = body.replace('opp-1', 'opp-2');
    assert.deepEqual(await receive(tampered, { headers }), {
      ok: false,
      code: 'bad_signature',
      message: 'Standard Webhooks check failed: bad_signature',
    });
    const partial = { 'webhook-id': 'msg_1' };
    assert.equal(((await receive(body, { headers: partial })) as { code: string }).code, 'missing_signature');
  });

  void it('accepts a retry hours after triggeredAt when the signed webhook-timestamp is fresh, once', async () => {
    const store = createMemoryDeliveryStore({ now: () => NOW });
    const body = JSON.stringify(makeDelivery({ triggeredAt: NOW - 5 * 3600_000 }));
    const headers = (at: number) =>
      standardWebhookHeaders({ id: 'msg_1', timestamp: Math.floor(at / 1000), body, secrets: [SECRET] });
    assert.equal((await receive(body, { store, headers: headers(NOW) })).ok, true);
    assert.equal(
      ((await receive(body, { store, headers: headers(NOW) })) as { code: string }).code,
      'replayed',
    );
    const staleAttempt = await receive(body, { headers: headers(NOW - 10 * 60_000) });
    assert.equal((staleAttempt as { code: string }).code, 'stale');
    assert.equal(((await receive(body)) as { code: string }).code, 'stale');
  });

  void it('rejects events outside the known set with a stable code', async () => {
    const result = await receive(JSON.stringify(makeDelivery({ event: 'somethingNew' })));
    assert.equal(result.ok === false && result.code, 'unknown_event');
  });

  void it('accepts a Buffer body', async () => {
    assert.equal((await receive(Buffer.from(JSON.stringify(makeDelivery())))).ok, true);
  });
});

void describe('createMemoryDeliveryStore', () => {
  void it('forgets keys after the retention period', async () => {
    let now = 0;
    const store = createMemoryDeliveryStore({ retainMs: 1000, now: () => now });
    const event = makeDelivery() as never;
    assert.equal(await store.recordIfNew('a', event), true);
    assert.equal(await store.recordIfNew('a', event), false);
    now = 1001;
    assert.equal(await store.recordIfNew('a', event), true);
  });
});
