// The ATS side of P5: its own database (a fresh PostgreSQL database next to DATABASE_URL, or a temporary
// PGlite data directory) seeded here, then served by a child process (`main.ts serve`), so the ATS and the
// careers sync share neither an event loop nor a database connection — as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createLogger, loadConfig, startRuntime, stopRuntime, type Runtime } from '@hireloop/platform';
import { createTestDatabase } from '@hireloop/platform/testing';
import { modulesFor } from '@hireloop/server/modules';

const MAIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../packages/server/src/main.ts',
);

export interface AtsSide {
  /** `http://127.0.0.1:PORT` while the child runs. */
  readonly url: string;
  /** Opens the ATS database here (the child must be stopped for PGlite: one process per data dir). */
  withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Peak RSS of the current child (VmHWM), bytes. */
  childPeakRss(): number;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

export async function createAtsSide(rate: { perSecond: number; burst: number }): Promise<AtsSide> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hireloop-p5-ats-'));
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url ?? '',
    API_RATE_LIMIT_PER_SECOND: String(rate.perSecond),
    API_RATE_LIMIT_BURST: String(rate.burst),
  };
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const side: AtsSide = {
    url,
    async withRuntime(fn) {
      const config = loadConfig(env);
      const runtime = await startRuntime({
        config,
        logger: createLogger(config),
        modules: modulesFor(config),
        command: 'bench p5',
        migrate: true,
        schedule: false,
      });
      try {
        return await fn(runtime);
      } finally {
        await stopRuntime(runtime);
      }
    },
    async start() {
      // PostgreSQL: HTTP only (no workers); the embedded database allows only `all`.
      const role = database ? 'web' : 'all';
      child = spawn(process.execPath, [MAIN, 'serve', '--role', role], {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const until = Date.now() + 120_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`ATS child exited with ${child.exitCode}`);
        const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > until) throw new Error('ATS child did not answer /healthz within 120 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
    childPeakRss() {
      if (!child?.pid) return 0;
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    async close() {
      await side.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return side;
}

/** Seeded records get updatedAt spread over the 30 days before yesterday, as a real account's would. */
export async function ageRecords(runtime: Runtime, accountId: string): Promise<void> {
  for (const table of ['ats.posting', 'ats.opportunity'])
    await sql`update ${sql.table(table)} set updated_at = now() - interval '1 day' - random() * interval '30 days' where account_id = ${accountId}`.execute(
      runtime.db,
    );
}

/** 1 % (at least one) of each table changes now. */
export async function touchOnePercent(
  runtime: Runtime,
  accountId: string,
  postings: number,
  candidates: number,
): Promise<void> {
  const pc = Math.max(1, Math.round(postings / 100));
  const cc = Math.max(1, Math.round(candidates / 100));
  await sql`update ats.posting set updated_at = now() where id in (select id from ats.posting where account_id = ${accountId} order by id limit ${pc})`.execute(
    runtime.db,
  );
  await sql`update ats.opportunity set updated_at = now() where id in (select id from ats.opportunity where account_id = ${accountId} order by id limit ${cc})`.execute(
    runtime.db,
  );
}
