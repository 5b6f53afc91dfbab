// The embedded data directory has one writer: a second server on the same DATA_DIR fails fast and touches
// nothing, and CLI commands run while the server holds the directory go through the server (cli-channel.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIAGNOSTICS_ENV, enqueueRuns, runSummary, waitForRuns } from './support/diagnostics.ts';
import {
  getJson,
  killAll,
  makeDataDir,
  removeDataDir,
  spawnHireloop,
  type HireloopProcess,
} from './support/hireloop-process.ts';

const STACK_FRAME = /\n\s+at /;

describe('one process per embedded data directory', () => {
  const dataDir = makeDataDir();
  let server: HireloopProcess;
  let url: string;

  before(async () => {
    server = spawnHireloop(['serve'], { env: { DATA_DIR: dataDir, ...DIAGNOSTICS_ENV } });
    url = await server.waitForUrl(90_000);
    await enqueueRuns(url, 'before-second', 3);
    await waitForRuns(url, 'before-second', 3, 30_000);
  });
  after(async () => {
    await killAll();
    removeDataDir(dataDir);
  });

  it('a second serve on the same DATA_DIR exits non-zero within seconds; the first keeps serving, data intact', async () => {
    const lockBefore = fs.readFileSync(path.join(dataDir, 'hireloop.lock'), 'utf8');
    const started = Date.now();
    const second = spawnHireloop(['serve'], { env: { DATA_DIR: dataDir, ...DIAGNOSTICS_ENV } });
    const exit = await second.waitForExit(10_000);
    assert.equal(exit.code, 3);
    assert.ok(Date.now() - started < 10_000);
    assert.match(
      second.stderr(),
      new RegExp(`is in use by another Hireloop process \\(pid ${server.pid}, "serve --role all"`),
    );
    assert.doesNotMatch(second.stderr(), STACK_FRAME);

    assert.ok(server.alive());
    assert.equal(fs.readFileSync(path.join(dataDir, 'hireloop.lock'), 'utf8'), lockBefore);
    assert.deepEqual(await getJson(`${url}/healthz`), { status: 200, body: { status: 'ok' } });
    assert.deepEqual(await runSummary(url, 'before-second'), { runs: 3, distinct: 3, pids: [server.pid] });
    // …and it still writes: new jobs run after the failed second start.
    await enqueueRuns(url, 'after-second', 2);
    assert.deepEqual(await waitForRuns(url, 'after-second', 2, 30_000), {
      runs: 2,
      distinct: 2,
      pids: [server.pid],
    });
  });

  it('hireloop migrate while the server holds the directory runs through the server (exit 0, no stack trace)', async () => {
    // The CLI is started WITHOUT HIRELOOP_DIAGNOSTICS: the `diagnostics` schema in the answer proves the
    // command ran inside the server, which mounts that module.
    const cli = spawnHireloop(['migrate'], { env: { DATA_DIR: dataDir } });
    assert.deepEqual(await cli.waitForExit(30_000), { code: 0, signal: null });
    assert.equal(cli.stdout().trim(), 'Database is up to date.');
    assert.doesNotMatch(cli.stderr(), STACK_FRAME);

    const json = spawnHireloop(['migrate', '--json'], { env: { DATA_DIR: dataDir } });
    assert.deepEqual(await json.waitForExit(30_000), { code: 0, signal: null });
    const result = JSON.parse(json.stdout()) as { applied: string[]; schemas: string[] };
    assert.deepEqual(result.applied, []);
    assert.ok(result.schemas.includes('platform') && result.schemas.includes('diagnostics'), json.stdout());
  });

  it('hireloop seed --demo while the server holds the directory runs through the server; --json gives JSON', async () => {
    const cli = spawnHireloop(['seed', '--demo'], { env: { DATA_DIR: dataDir } });
    assert.deepEqual(await cli.waitForExit(120_000), { code: 0, signal: null }, cli.stderr());
    assert.doesNotMatch(cli.stderr(), STACK_FRAME);
    assert.notEqual(cli.stdout().trim(), '');

    // Idempotent: a second demo seed through the server succeeds too.
    const json = spawnHireloop(['--json', 'seed', '--demo'], { env: { DATA_DIR: dataDir } });
    assert.deepEqual(await json.waitForExit(120_000), { code: 0, signal: null }, json.stderr());
    assert.equal(typeof JSON.parse(json.stdout()), 'object');
    assert.ok(server.alive());
  });
});
