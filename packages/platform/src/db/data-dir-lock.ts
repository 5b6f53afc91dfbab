// A PID lock on the embedded data directory. PGlite does not stop two processes from opening the same
// directory, and a write is lost when that happens, so the second process must fail before it opens it.
//
// Why not proper-lockfile: it detects a stale lock by mtime, so after `kill -9` a restart waits for the
// staleness window. A PID lock knows at once whether its holder is alive (same machine, which is the only
// place an embedded data directory can be shared).
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = 'hireloop.lock';

export interface LockInfo {
  readonly pid: number;
  readonly startedAt: string;
  readonly command: string;
  /** Base URL of the holder's HTTP server when it serves one, so CLI commands can go through it. */
  readonly url?: string;
}

export class DataDirLockedError extends Error {
  readonly holder: LockInfo;
  constructor(dataDir: string, holder: LockInfo) {
    super(
      `The data directory ${dataDir} is in use by another Hireloop process (pid ${holder.pid}, "${holder.command}", ` +
        `since ${holder.startedAt}). Only one process may open the embedded database at a time: stop that process, ` +
        `run this command through it, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = 'DataDirLockedError';
    this.holder = holder;
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Records the URL the holder serves on, for CLI commands that want to go through the running server. */
  setUrl(url: string): void;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the directory's lock, if another process holds it. */
export function readLock(dataDir: string): LockInfo | undefined {
  const info = readLockFile(path.join(dataDir, LOCK_FILE_NAME));
  return info && info.pid !== process.pid && isAlive(info.pid) ? info : undefined;
}

export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  let info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), command };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' = O_CREAT|O_EXCL: atomic; exactly one process wins a race for a free directory.
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
          if (current.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return {
        path: lockPath,
        setUrl(url) {
          info = { ...info, url };
          fs.writeFileSync(lockPath, JSON.stringify(info));
        },
        release() {
          process.removeListener('exit', release);
          release();
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLockFile(lockPath);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid))
        throw new DataDirLockedError(dataDir, holder);
      // Stale (holder died, e.g. kill -9) or unreadable: remove and retry the atomic create.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

function readLockFile(lockPath: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}
