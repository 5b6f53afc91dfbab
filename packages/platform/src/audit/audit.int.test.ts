import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestRuntime, type TestRuntime } from '../testing.ts';
import { AuditDetailsError, listAudit, recordAudit } from './audit.ts';

describe('audit log', () => {
  let rt: TestRuntime;
  before(async () => {
    rt = await createTestRuntime();
  });
  after(async () => {
    await rt.close();
  });

  it('records in the caller transaction: a rollback leaves no row', async () => {
    await assert.rejects(
      rt.db.transaction().execute(async (trx) => {
        await recordAudit(trx, {
          product: 'ats',
          tenantId: 't-rollback',
          actorType: 'system',
          action: 'thing.changed',
        });
        throw new Error('change failed');
      }),
      /change failed/,
    );
    assert.deepEqual(
      (await listAudit(rt.db, { product: 'ats', tenantId: 't-rollback', limit: 10 })).events,
      [],
    );
  });

  it('refuses credential-looking detail keys and malformed action names', async () => {
    const base = { product: 'ats', tenantId: 't1', actorType: 'system', action: 'x.y' } as const;
    await assert.rejects(recordAudit(rt.db, { ...base, details: { secret: 'abc' } }), AuditDetailsError);
    await assert.rejects(
      recordAudit(rt.db, { ...base, details: { a: { signatureToken: 'x' } } }),
      AuditDetailsError,
    );
    await assert.rejects(recordAudit(rt.db, { ...base, action: 'Created' }), AuditDetailsError);
  });

  it('lists one tenant newest first with keyset pages and filters', async () => {
    const t0 = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 5; i++) {
      await recordAudit(rt.db, {
        product: 'ats',
        tenantId: 't-list',
        actorType: i % 2 ? 'user' : 'api_key',
        actorId: i % 2 ? 'u1' : 'k1',
        action: i === 4 ? 'api_key.revoked' : 'api_key.created',
        targetType: 'api_key',
        targetId: `k${i}`,
        details: { n: i },
        ip: '127.0.0.1',
        requestId: `req-${i}`,
        occurredAt: new Date(t0 + i * 1000 + 0.7),
      });
    }
    await recordAudit(rt.db, {
      product: 'referrals',
      tenantId: 't-list',
      actorType: 'system',
      action: 'a.b',
    });
    await recordAudit(rt.db, { product: 'ats', tenantId: 'other', actorType: 'system', action: 'a.b' });

    const first = await listAudit(rt.db, { product: 'ats', tenantId: 't-list', limit: 2 });
    assert.deepEqual(
      first.events.map((e) => e.target_id),
      ['k4', 'k3'],
    );
    assert.ok(first.next);
    const second = await listAudit(rt.db, {
      product: 'ats',
      tenantId: 't-list',
      limit: 2,
      before: first.next,
    });
    assert.deepEqual(
      second.events.map((e) => e.target_id),
      ['k2', 'k1'],
    );
    const third = await listAudit(rt.db, {
      product: 'ats',
      tenantId: 't-list',
      limit: 2,
      before: second.next,
    });
    assert.deepEqual(
      third.events.map((e) => e.target_id),
      ['k0'],
    );
    assert.equal(third.next, undefined);

    const e = first.events[0]!;
    assert.equal(e.occurred_at.getTime(), t0 + 4000);
    assert.deepEqual(
      { ...e, id: undefined, occurred_at: undefined },
      {
        id: undefined,
        occurred_at: undefined,
        product: 'ats',
        tenant_id: 't-list',
        actor_type: 'api_key',
        actor_id: 'k1',
        action: 'api_key.revoked',
        target_type: 'api_key',
        target_id: 'k4',
        details: { n: 4 },
        ip: '127.0.0.1',
        request_id: 'req-4',
      },
    );
    const revoked = await listAudit(rt.db, {
      product: 'ats',
      tenantId: 't-list',
      limit: 10,
      action: 'api_key.revoked',
    });
    assert.deepEqual(
      revoked.events.map((r) => r.target_id),
      ['k4'],
    );
    const byUser = await listAudit(rt.db, {
      product: 'ats',
      tenantId: 't-list',
      limit: 10,
      actorType: 'user',
      actorId: 'u1',
    });
    assert.deepEqual(
      byUser.events.map((r) => r.target_id),
      ['k3', 'k1'],
    );
  });
});
