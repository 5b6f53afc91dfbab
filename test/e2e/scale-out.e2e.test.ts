// Scale-out smoke test. With DATABASE_URL (the PostgreSQL pass): two `serve --role web` and two
// `serve --role worker` processes on one fresh database; 1,000 jobs enqueued through the web processes
// (500 each) each run exactly once, and both workers take part. Without DATABASE_URL (the PGlite pass) the
// embedded database allows one process, so the same 1,000 jobs go through one `serve` (web + worker) and
// must each run exactly once there, and the split roles must be refused.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase } from '@hireloop/platform/testing';
import { DIAGNOSTICS_ENV, enqueueRuns, runSummary, waitForRuns } from './support/diagnostics.ts';
import {
  killAll,
  makeDataDir,
  removeDataDir,
  spawnHireloop,
  type HireloopProcess,
} from './support/hireloop-process.ts';

const JOBS_PER_WEB = 500;
const TOTAL = 2 * JOBS_PER_WEB;
const STARTUP_MS = 90_000;
const DRAIN_MS = 120_000;

async function assertRanExactlyOnce(
  url: string,
  key: string,
  t: { diagnostic(m: string): void },
  enqueuedAt: number,
) {
  const drained = await waitForRuns(url, key, TOTAL, DRAIN_MS);
  t.diagnostic(`${TOTAL} jobs ran in ${Date.now() - enqueuedAt} ms`);
  // Give any duplicate a chance to show up before the final count.
  await sleep(3_000);
  const summary = await runSummary(url, key);
  assert.equal(summary.runs, TOTAL);
  assert.equal(summary.distinct, TOTAL);
  return { ...summary, pidsAtDrain: drained.pids };
}

const baseUrl = process.env.DATABASE_URL;

if (baseUrl) {
  describe('scale-out: 2 web + 2 worker processes on one PostgreSQL database', () => {
    let database: { url: string; drop(): Promise<void> };
    const dataDir = makeDataDir();
    let webs: { proc: HireloopProcess; url: string }[] = [];
    let workers: HireloopProcess[] = [];

    before(async () => {
      database = await createTestDatabase(baseUrl);
      const env = {
        ...DIAGNOSTICS_ENV,
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        WORKER_CONCURRENCY: '4',
      };
      // All four start at once on the empty database: migrations and queue setup must cope with the race.
      const webProcs = [0, 1].map(() => spawnHireloop(['serve', '--role', 'web'], { env }));
      workers = [0, 1].map(() => spawnHireloop(['serve', '--role', 'worker'], { env }));
      webs = await Promise.all(
        webProcs.map(async (proc) => ({ proc, url: await proc.waitForUrl(STARTUP_MS) })),
      );
      await Promise.all(workers.map((w) => w.waitForOutput(/"msg":"hireloop started"/, STARTUP_MS)));
    });
    after(async () => {
      await killAll();
      await database?.drop();
      removeDataDir(dataDir);
    });

    it('1,000 jobs enqueued through the web processes each run exactly once, on both workers', async (t) => {
      const enqueuedAt = Date.now();
      await Promise.all(webs.map((w) => enqueueRuns(w.url, 'scale-out', JOBS_PER_WEB)));
      const summary = await assertRanExactlyOnce(webs[0]!.url, 'scale-out', t, enqueuedAt);
      const workerPids = workers.map((w) => w.pid).sort((a, b) => a - b);
      t.diagnostic(`worker pids ${workerPids.join(', ')}; pids that ran jobs ${summary.pids.join(', ')}`);
      assert.deepEqual(summary.pids, workerPids, 'both workers ran jobs, and no web process did');
      // The other web process reads the same database.
      assert.deepEqual(await runSummary(webs[1]!.url, 'scale-out'), {
        runs: TOTAL,
        distinct: TOTAL,
        pids: workerPids,
      });
      for (const p of [...webs.map((w) => w.proc), ...workers]) assert.ok(p.alive());
    });
  });
} else {
  describe('scale-out on the embedded database: one process runs web and worker', () => {
    const dataDir = makeDataDir();
    let server: HireloopProcess;
    let url: string;

    before(async () => {
      server = spawnHireloop(['serve'], {
        env: { ...DIAGNOSTICS_ENV, DATA_DIR: dataDir, WORKER_CONCURRENCY: '4' },
      });
      url = await server.waitForUrl(STARTUP_MS);
    });
    after(async () => {
      await killAll();
      removeDataDir(dataDir);
    });

    it('1,000 jobs enqueued in two batches of 500 each run exactly once', async (t) => {
      const enqueuedAt = Date.now();
      await Promise.all([
        enqueueRuns(url, 'scale-out', JOBS_PER_WEB),
        enqueueRuns(url, 'scale-out', JOBS_PER_WEB),
      ]);
      const summary = await assertRanExactlyOnce(url, 'scale-out', t, enqueuedAt);
      assert.deepEqual(summary.pids, [server.pid]);
    });

    it('refuses --role web and --role worker without DATABASE_URL, leaving the server alone', async () => {
      for (const role of ['web', 'worker']) {
        const proc = spawnHireloop(['serve', '--role', role], { env: { DATA_DIR: dataDir } });
        assert.equal((await proc.waitForExit(15_000)).code, 2);
        assert.match(proc.stderr(), new RegExp(`--role ${role} needs PostgreSQL \\(set DATABASE_URL\\)`));
      }
      assert.ok(server.alive());
    });
  });
}
