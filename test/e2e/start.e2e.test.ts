// The README's start command on a fresh machine: `hireloop start` (what `npm start` runs) on an empty data
// directory answers /healthz within 90 s and prints the banner; a second start on the same directory is
// faster (the PGlite data directory and the migrations already exist).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  getJson,
  killAll,
  makeDataDir,
  removeDataDir,
  spawnHireloop,
  waitFor,
} from './support/hireloop-process.ts';

const FIRST_START_BUDGET_MS = 90_000;

async function startAndStop(dataDir: string): Promise<{ readyMs: number; stdout: string }> {
  const started = Date.now();
  // No LOG_LEVEL: `start` keeps the terminal to the banner by default.
  const proc = spawnHireloop(['start'], { env: { DATA_DIR: dataDir, LOG_LEVEL: undefined } });
  const url = await proc.waitForUrl(FIRST_START_BUDGET_MS);
  await waitFor(
    '/healthz',
    async () => ((await getJson(`${url}/healthz`)).status === 200 ? true : undefined),
    FIRST_START_BUDGET_MS - (Date.now() - started),
    50,
  );
  const readyMs = Date.now() - started;
  await proc.waitForOutput(/Stop with Ctrl\+C/, 30_000);
  proc.signal('SIGTERM');
  const exit = await proc.waitForExit(30_000);
  assert.deepEqual(exit, { code: 0, signal: null }, proc.stderr());
  return { readyMs, stdout: proc.stdout() };
}

describe('hireloop start (the README start command) on the embedded database', () => {
  const dataDir = makeDataDir();
  after(async () => {
    await killAll();
    removeDataDir(dataDir);
  });

  it('answers /healthz within 90 s on a fresh data directory, prints the banner, and starts faster the second time', async (t) => {
    const first = await startAndStop(dataDir);
    t.diagnostic(`first start (fresh data directory): /healthz answered after ${first.readyMs} ms`);
    assert.ok(first.readyMs < FIRST_START_BUDGET_MS, `first start took ${first.readyMs} ms`);
    assert.match(first.stdout, /Hireloop is running at http:\/\/localhost:\d+/);
    assert.match(
      first.stdout,
      new RegExp(`Data: embedded PGlite in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    assert.match(first.stdout, /Health: http:\/\/localhost:\d+\/healthz/);

    const second = await startAndStop(dataDir);
    t.diagnostic(`second start (same data directory): /healthz answered after ${second.readyMs} ms`);
    assert.ok(second.readyMs < first.readyMs, `second start ${second.readyMs} ms, first ${first.readyMs} ms`);
  });
});
