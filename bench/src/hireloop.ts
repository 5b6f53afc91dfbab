// The Hireloop side of a pair: the real server (serve() → startRuntime + buildApp + listen) on a throwaway
// database — a temporary PGlite data directory, or a fresh PostgreSQL database next to DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig } from '@hireloop/platform';
import { createTestDatabase } from '@hireloop/platform/testing';
import { serve, type Server } from '@hireloop/server/serve';
import type { RunningSide } from './pair.ts';

export function databaseLabel(): string {
  return process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
}

export async function startHireloop(): Promise<RunningSide & { server: Server }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hireloop-bench-'));
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    // Request logs are part of the real cost; they go to the child's stdout, which the runner discards. Read
    // at start, not at import, so a runner may default LOG_LEVEL after its imports (walk-opportunities.ts).
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url ?? '',
  });
  const server = await serve(config, createLogger(config), 'all');
  return {
    server,
    url: server.url!.replace('localhost', '127.0.0.1'),
    async close() {
      await server.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
