import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createHttp, testConfig, type Http } from '@hireloop/platform';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import { modulesFor, productModules } from '../modules.ts';
import { diagnosticsModule } from './diagnostics.module.ts';

describe('diagnostics module (HIRELOOP_DIAGNOSTICS=1)', () => {
  let rt: TestRuntime;
  let app: Http;

  before(async () => {
    // The module alone (not the whole product) so this file tests only diagnostics.
    rt = await createTestRuntime([diagnosticsModule], { diagnostics: true, workerConcurrency: 4 });
    app = await createHttp({ config: rt.config, logger: rt.logger, readiness: [] });
    await diagnosticsModule.routes?.(app, rt);
    await rt.queue.startWorkers();
  });
  after(async () => {
    await app.close();
    await rt.close();
  });

  it('is mounted only when configured, after the product modules', async () => {
    const product = productModules.map((m) => m.name);
    assert.deepEqual(
      modulesFor(testConfig()).map((m) => m.name),
      product,
    );
    assert.deepEqual(
      modulesFor(testConfig({ diagnostics: true })).map((m) => m.name),
      [...product, 'diagnostics'],
    );
  });

  it('rejects an invalid enqueue request', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/_diagnostics/jobs',
      payload: { key: 'k', count: 0 },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'ValidationError');
  });

  it('enqueues a batch and records each job exactly once with the worker pid', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/_diagnostics/jobs',
      payload: { key: 'batch', count: 50 },
    });
    assert.equal(res.statusCode, 202);
    assert.deepEqual(res.json(), { key: 'batch', enqueued: 50, pid: process.pid });
    let summary: unknown;
    const deadline = Date.now() + 30_000;
    do {
      summary = (await app.inject({ url: '/_diagnostics/runs?key=batch' })).json();
      if ((summary as { runs: number }).runs >= 50) break;
      await sleep(100);
    } while (Date.now() < deadline);
    assert.deepEqual(summary, { runs: 50, distinct: 50, pids: [process.pid] });
  });
});
