// Spawning real `hireloop` processes for the e2e tier: `node packages/server/src/main.ts <args>` with its own
// environment, output captured, found by URL (lock file or log line), and always killed by PID in `after`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = path.join(REPO_ROOT, 'packages/server/src/main.ts');

export interface SpawnOptions {
  /** Variables on top of a clean base (PATH, HOME, NODE_ENV=test, PORT=0, HOST=127.0.0.1). */
  readonly env?: Record<string, string | undefined>;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface HireloopProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly args: readonly string[];
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (immediately if it already has). */
  exited(): Promise<Exit>;
  /** The exit, or an error naming the process and its output after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<Exit>;
  /** Waits for the HTTP URL: the lock file's `url` (embedded database) or the `hireloop started` log line. */
  waitForUrl(timeoutMs: number): Promise<string>;
  /** Waits for `pattern` in stdout+stderr. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  signal(signal: NodeJS.Signals): void;
  alive(): boolean;
}

const spawned = new Set<HireloopProcess>();

/** A fresh, empty data directory under the OS temp dir. */
export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hireloop-e2e-'));
}

export function removeDataDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function spawnHireloop(args: readonly string[], options: SpawnOptions = {}): HireloopProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  let exit: Exit | undefined;
  const exitPromise = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    }),
  );
  if (child.pid === undefined) throw new Error(`could not spawn hireloop ${args.join(' ')}`);
  const pid = child.pid;
  const describe = (): string =>
    `hireloop ${args.join(' ')} (pid ${pid})\n--- stdout ---\n${out.slice(-4000)}\n--- stderr ---\n${err.slice(-4000)}`;

  const proc: HireloopProcess = {
    child,
    pid,
    args,
    stdout: () => out,
    stderr: () => err,
    exited: () => exitPromise,
    async waitForExit(timeoutMs) {
      // unref: a pending timeout must not keep the test process alive after the child has exited.
      const timer = sleep(timeoutMs, undefined, { ref: false }).then(() => undefined);
      const result = await Promise.race([exitPromise, timer]);
      if (!result) throw new Error(`still running after ${timeoutMs} ms: ${describe()}`);
      return result;
    },
    async waitForUrl(timeoutMs) {
      const dataDir = env.DATABASE_URL ? undefined : env.DATA_DIR;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (exit) throw new Error(`exited (${exit.code ?? exit.signal}) before serving: ${describe()}`);
        const fromLock = dataDir ? readLockUrl(dataDir, pid) : undefined;
        if (fromLock) return fromLock;
        const fromLog = /"msg":"hireloop started"/.test(out)
          ? /"url":"(http[^"]+)"/.exec(out)?.[1]
          : undefined;
        if (fromLog) return fromLog;
        await sleep(50);
      }
      throw new Error(`no URL after ${timeoutMs} ms: ${describe()}`);
    },
    async waitForOutput(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = pattern.exec(out + err);
        if (match) return match;
        if (exit) break;
        await sleep(50);
      }
      throw new Error(`no output matching ${pattern} within ${timeoutMs} ms: ${describe()}`);
    },
    signal(signal) {
      if (!exit) process.kill(pid, signal);
    },
    alive: () => exit === undefined,
  };
  spawned.add(proc);
  void exitPromise.then(() => spawned.delete(proc));
  return proc;
}

function readLockUrl(dataDir: string, pid: number): string | undefined {
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'hireloop.lock'), 'utf8')) as {
      pid: number;
      url?: string;
    };
    return lock.pid === pid ? lock.url : undefined;
  } catch {
    return undefined;
  }
}

/** For `after`: SIGKILL every process this file spawned that is still running, and wait for them. */
export async function killAll(): Promise<void> {
  const running = [...spawned];
  for (const p of running) p.signal('SIGKILL');
  await Promise.all(running.map((p) => p.exited()));
}

/** Polls `probe` until it returns a value other than undefined. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
}

export async function getJson<T = unknown>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as T };
}

export async function postJson<T = unknown>(
  url: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * Environment for a CLI call against a server started by spawnHireloop on `dataDir`: that server runs on the
 * embedded database (spawnHireloop passes no DATABASE_URL), so the CLI must too, or it would open the
 * PostgreSQL database of the test run instead of going through the server.
 */
export function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _postgres, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, NODE_ENV: 'test' };
}

/** A Basic auth header for a new all-permission key of `site`, made by `hireloop api-key create` on `dataDir`. */
export function createKeyViaCli(dataDir: string, name: string, site = 'acme'): string {
  const out = execFileSync(
    process.execPath,
    ['packages/server/src/main.ts', 'api-key', 'create', '--site', site, '--name', name, '--all', '--json'],
    { cwd: REPO_ROOT, env: cliEnv(dataDir), encoding: 'utf8' },
  );
  const { key } = JSON.parse(out) as { key: string };
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}
