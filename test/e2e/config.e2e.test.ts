// A bad environment variable stops start-up with a non-zero exit and a message naming it (no stack trace);
// roles that need PostgreSQL are refused on the embedded database.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { killAll, makeDataDir, removeDataDir, spawnHireloop } from './support/hireloop-process.ts';

const STACK_FRAME = /\n\s+at /;

describe('start-up configuration errors', () => {
  const dataDir = makeDataDir();
  after(async () => {
    await killAll();
    removeDataDir(dataDir);
  });

  it('PORT=abc: exits 2 with a message naming PORT', async () => {
    const proc = spawnHireloop(['serve'], { env: { DATA_DIR: dataDir, PORT: 'abc' } });
    const exit = await proc.waitForExit(15_000);
    assert.equal(exit.code, 2);
    assert.match(proc.stderr(), /PORT: expected an integer from 0 to 65535, got "abc"/);
    assert.doesNotMatch(proc.stderr(), STACK_FRAME);
  });

  it('names every bad variable at once, and --json reports it as JSON', async () => {
    const proc = spawnHireloop(['--json', 'serve'], {
      env: { DATA_DIR: dataDir, PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' },
    });
    const exit = await proc.waitForExit(15_000);
    assert.equal(exit.code, 2);
    const report = JSON.parse(proc.stdout()) as { error: string; exitCode: number };
    assert.equal(report.exitCode, 2);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL'])
      assert.match(report.error, new RegExp(`${name}: `));
  });

  it('serve --role web on the embedded database: exits 2 and says it needs DATABASE_URL', async () => {
    const proc = spawnHireloop(['serve', '--role', 'web'], { env: { DATA_DIR: dataDir } });
    const exit = await proc.waitForExit(15_000);
    assert.equal(exit.code, 2);
    assert.match(proc.stderr(), /--role web needs PostgreSQL \(set DATABASE_URL\)/);
    assert.doesNotMatch(proc.stderr(), STACK_FRAME);
  });
});
