import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME, readLock } from './data-dir-lock.ts';

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'hl-lock-'));

describe('data directory lock', () => {
  it('refuses a second holder while the first is alive, naming it', () => {
    const dir = tempDir();
    // A live process other than this one holds the lock.
    const holderPid = process.ppid;
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: holderPid, startedAt: 'then', command: 'serve' }),
    );
    assert.throws(
      () => acquireDataDirLock(dir, 'migrate'),
      (e: unknown) => {
        assert.ok(e instanceof DataDirLockedError);
        assert.equal(e.holder.pid, holderPid);
        assert.match(e.message, new RegExp(`pid ${holderPid}, "serve"`));
        return true;
      },
    );
    assert.equal(readLock(dir)?.pid, holderPid);
  });

  it('takes over a stale lock left by a killed process', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: Number(dead), startedAt: 'then', command: 'serve' }),
    );
    const lock = acquireDataDirLock(dir, 'serve');
    assert.equal(JSON.parse(fs.readFileSync(lock.path, 'utf8')).pid, process.pid);
    lock.setUrl('http://localhost:1234');
    assert.equal(JSON.parse(fs.readFileSync(lock.path, 'utf8')).url, 'http://localhost:1234');
    lock.release();
    assert.equal(fs.existsSync(lock.path), false);
  });
});
