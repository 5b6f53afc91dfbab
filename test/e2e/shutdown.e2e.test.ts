// Jobs survive the process: SIGTERM during a running job waits for it (recorded once, exit 0); SIGKILL
// during a running job leaves it active, and after a restart on the same data it is retried and recorded
// once. Runs on the embedded database, or on a fresh PostgreSQL database when DATABASE_URL is set.
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

const JOB_MS = 3_000;

describe(`graceful and hard shutdown during a running job (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const dataDir = makeDataDir();
  let database: { url: string; drop(): Promise<void> } | undefined;
  const env = (): Record<string, string> => ({
    DATA_DIR: dataDir,
    ...DIAGNOSTICS_ENV,
    ...(database ? { DATABASE_URL: database.url } : {}),
  });

  const startServer = async (): Promise<{ proc: HireloopProcess; url: string }> => {
    const proc = spawnHireloop(['serve'], { env: env() });
    return { proc, url: await proc.waitForUrl(90_000) };
  };

  before(async () => {
    if (process.env.DATABASE_URL) database = await createTestDatabase(process.env.DATABASE_URL);
  });
  after(async () => {
    await killAll();
    await database?.drop();
    removeDataDir(dataDir);
  });

  it('SIGTERM: the process waits for the running job, which is recorded once, and exits 0', async (t) => {
    const { proc, url } = await startServer();
    await enqueueRuns(url, 'sigterm', 1, JOB_MS);
    await proc.waitForOutput(/"key":"sigterm".*"msg":"diagnostics job started"/, 30_000);
    const signalled = Date.now();
    proc.signal('SIGTERM');
    assert.deepEqual(await proc.waitForExit(30_000), { code: 0, signal: null }, proc.stderr());
    const waitedMs = Date.now() - signalled;
    t.diagnostic(`exit ${waitedMs} ms after SIGTERM`);
    assert.ok(waitedMs >= 1_000, `exited after ${waitedMs} ms, before the job could finish`);

    const restarted = await startServer();
    assert.deepEqual(await runSummary(restarted.url, 'sigterm'), { runs: 1, distinct: 1, pids: [proc.pid] });
    // Not run again after the restart (several supervise passes later).
    await sleep(5_000);
    assert.deepEqual(await runSummary(restarted.url, 'sigterm'), { runs: 1, distinct: 1, pids: [proc.pid] });
    restarted.proc.signal('SIGTERM');
    assert.equal((await restarted.proc.waitForExit(30_000)).code, 0);
  });

  it('SIGKILL: the running job is retried after a restart on the same data and recorded once', async (t) => {
    const { proc, url } = await startServer();
    await enqueueRuns(url, 'sigkill', 1, JOB_MS);
    await proc.waitForOutput(/"key":"sigkill".*"msg":"diagnostics job started"/, 30_000);
    proc.signal('SIGKILL');
    assert.deepEqual(await proc.waitForExit(10_000), { code: null, signal: 'SIGKILL' });

    const restartedAt = Date.now();
    const restarted = await startServer();
    assert.deepEqual(await runSummary(restarted.url, 'sigkill'), { runs: 0, distinct: 0, pids: [] });
    // The job's heartbeat (10 s) lapses, a supervise pass fails it, and the retry runs here.
    const summary = await waitForRuns(restarted.url, 'sigkill', 1, 60_000);
    t.diagnostic(`retried and recorded ${Date.now() - restartedAt} ms after the restart`);
    assert.deepEqual(summary, { runs: 1, distinct: 1, pids: [restarted.proc.pid] });
    restarted.proc.signal('SIGTERM');
    assert.equal((await restarted.proc.waitForExit(30_000)).code, 0);
  });
});
