// Test support (used by *.int.test.ts and e2e tests, never by production code): a runtime on a fresh
// database per test file — in-memory PGlite by default, or a new PostgreSQL database created next to the
// one DATABASE_URL names (dropped again by `close`).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { testConfig, type Config } from './config.ts';
import { startRuntime, stopRuntime, type HireloopModule, type Runtime } from './runtime.ts';

export interface TestRuntime extends Runtime {
  close(): Promise<void>;
}

/** A fresh, empty PostgreSQL database for one test file; returns its URL and a dropper. */
export async function createTestDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestRuntime(
  modules: readonly HireloopModule[] = [],
  overrides: Partial<Config> = {},
): Promise<TestRuntime> {
  const baseUrl = process.env.DATABASE_URL;
  const database = baseUrl ? await createTestDatabase(baseUrl) : undefined;
  const config = testConfig({ databaseUrl: database?.url, ...overrides });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const runtime = await startRuntime({
    config,
    logger,
    modules,
    command: 'test',
    migrate: true,
    schedule: false,
    memory: !database,
  });
  return {
    ...runtime,
    async close() {
      await stopRuntime(runtime);
      await database?.drop();
    },
  };
}
