import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  signLever,
  signStandard,
  standardWebhookHeaders,
  verifyLever,
  verifyStandard,
} from './webhook-signature.ts';

// Reference §3.3 vector (also reproduced with `openssl dgst -sha256 -hmac`).
const LEVER = {
  signatureToken: '81358960e95ed76bf1def200692c2f956818caf168682e26',
  token: '3f9b8c1d2e4a5b6c7d8e9f0a1b2c3d4e',
  triggeredAt: 1782975358767,
  signature: '1e7c00dc7cad8b7f123a92ca282dfc768a3ad57f30b87c6154d2c575dd245634',
};

// Standard Webhooks vectors computed independently with:
//   printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
const STD = {
  id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
  timestamp: 1782975358,
  body: '{"event":"candidateHired","data":{"opportunityId":"6408dc54"}}',
  secret: LEVER.signatureToken,
  signature: 'v1,PjudRv7i8CWptO0ZUaIe+Sed1cBH+Qy1aQ7Dq5PaAXk=',
  rotatedSecret: 'second-secret-after-rotation',
  rotatedSignature: 'v1,NipIWlVKrajIZ+BU/53Z9AvAdTzzN8cyrEqnr6TgtUM=',
};
const NOW = STD.timestamp * 1000;

void describe('Lever signature', () => {
  void it('matches the reference vector', () => {
    assert.equal(signLever(LEVER), LEVER.signature);
  });

  void it('verifies with any of several secrets and rejects changes', () => {
    const base = { token: LEVER.token, triggeredAt: LEVER.triggeredAt, signature: LEVER.signature };
    assert.equal(verifyLever({ ...base, secrets: ['old', LEVER.signatureToken] }), true);
    assert.equal(
      verifyLever({ ...base, signature: LEVER.signature.toUpperCase(), secrets: [LEVER.signatureToken] }),
      true,
    );
    assert.equal(verifyLever({ ...base, secrets: ['old'] }), false);
    assert.equal(verifyLever({ ...base, secrets: [] }), false);
    assert.equal(
      verifyLever({ ...base, triggeredAt: LEVER.triggeredAt + 1, secrets: [LEVER.signatureToken] }),
      false,
    );
    assert.equal(verifyLever({ ...base, signature: 'abc', secrets: [LEVER.signatureToken] }), false);
  });
});

void describe('Standard Webhooks signature', () => {
  void it('matches the openssl vectors', () => {
    assert.equal(signStandard(STD), STD.signature);
    assert.equal(signStandard({ ...STD, secret: STD.rotatedSecret }), STD.rotatedSignature);
  });

  void it('emits one signature per secret in the header', () => {
    const headers = standardWebhookHeaders({ ...STD, secrets: [STD.secret, STD.rotatedSecret] });
    assert.deepEqual(headers, {
      'webhook-id': STD.id,
      'webhook-timestamp': String(STD.timestamp),
      'webhook-signature': `${STD.signature} ${STD.rotatedSignature}`,
    });
  });

  const verify = (over: Partial<Parameters<typeof verifyStandard>[0]> = {}) =>
    verifyStandard({
      id: STD.id,
      timestamp: String(STD.timestamp),
      signatureHeader: STD.signature,
      body: STD.body,
      secrets: [STD.secret],
      now: NOW,
      ...over,
    });

  void it('accepts a valid delivery, also among several signatures and secrets', () => {
    assert.deepEqual(verify(), { ok: true });
    assert.deepEqual(
      verify({
        signatureHeader: `v2,xyz v1,AAAA ${STD.rotatedSignature}`,
        secrets: ['x', STD.rotatedSecret],
      }),
      {
        ok: true,
      },
    );
  });

  void it('rejects tampering, missing headers, bad and stale timestamps', () => {
    assert.deepEqual(verify({ body: STD.body.replace('6408', '6409') }), {
      ok: false,
      code: 'bad_signature',
    });
    assert.deepEqual(verify({ id: 'msg_other' }), { ok: false, code: 'bad_signature' });
    assert.deepEqual(verify({ secrets: [STD.rotatedSecret] }), { ok: false, code: 'bad_signature' });
    assert.deepEqual(verify({ signatureHeader: undefined }), { ok: false, code: 'missing_signature' });
    assert.deepEqual(verify({ timestamp: '17829e5' }), { ok: false, code: 'invalid_timestamp' });
    assert.deepEqual(verify({ now: NOW + 5 * 60 * 1000 + 1 }), { ok: false, code: 'stale' });
    assert.deepEqual(verify({ now: NOW - 5 * 60 * 1000 - 1 }), { ok: false, code: 'stale' });
    assert.deepEqual(verify({ now: NOW + 5 * 60 * 1000 }), { ok: true });
  });
});
