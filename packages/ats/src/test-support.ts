// Test support for ATS integration tests (never imported by production code): an in-process app on a fresh
// database (createTestRuntime: PGlite, or PostgreSQL when DATABASE_URL is set) and factories for tenants,
// users and API keys. Tests call the API over `app.inject` with real auth headers.
import type { Kysely } from 'kysely';
import { createHttp, type Config, type Http } from '@hireloop/platform';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import { PERMISSIONS, type PermissionKey } from '@hireloop/lever/permissions';
import { sql } from 'kysely';
import type { AtsDb } from './db.ts';
import { atsContext, atsModule, type AtsContext } from './index.ts';
import { createAccount, type AccountRow } from './domain/accounts/account.service.ts';
import { createApiKey } from './domain/api-keys/api-key.service.ts';
import { insertUser, type UserRow } from './domain/users/user.repository.ts';

export interface AtsTestApp {
  readonly runtime: TestRuntime;
  readonly app: Http;
  readonly ctx: AtsContext;
  readonly db: Kysely<AtsDb>;
  close(): Promise<void>;
}

export interface AtsTestAppOptions {
  readonly apiRatePerSecond?: number;
  readonly apiRateBurst?: number;
  /** Extra routes for a test (added before the app is ready). */
  readonly routes?: (app: Http, ctx: AtsContext) => void;
  /** Config overrides (e.g. allowPrivateWebhooks for loopback receivers). */
  readonly config?: Partial<Config>;
}

export async function createAtsTestApp(options: AtsTestAppOptions = {}): Promise<AtsTestApp> {
  // Tests fire many requests with one key; the bucket is tested on its own (rate-limit tests set their own).
  const runtime = await createTestRuntime([atsModule], {
    apiRatePerSecond: options.apiRatePerSecond ?? 100_000,
    apiRateBurst: options.apiRateBurst ?? 100_000,
    ...options.config,
  });
  const app = await createHttp({ config: runtime.config, logger: runtime.logger, readiness: [] });
  const ctx = atsContext(runtime);
  try {
    await atsModule.routes?.(app, runtime);
    options.routes?.(app, ctx);
    await app.ready();
  } catch (e) {
    await runtime.close();
    throw e;
  }
  return {
    runtime,
    app,
    ctx,
    db: ctx.db,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

export interface TestTenant {
  readonly account: AccountRow;
  readonly superAdmin: UserRow;
  readonly limitedMember: UserRow;
  /** Basic auth header for a key with every permission, without confidential access. */
  readonly auth: string;
  /** Every permission plus confidential access. */
  readonly confidentialAuth: string;
  key(permissions: readonly PermissionKey[], confidential?: boolean): Promise<string>;
}

let tenantCounter = 0;

export const basicAuth = (secret: string): string => `Basic ${Buffer.from(`${secret}:`).toString('base64')}`;

export async function createTestTenant(
  db: Kysely<AtsDb>,
  site = `t${Date.now().toString(36)}${tenantCounter++}`,
): Promise<TestTenant> {
  const account = await db
    .transaction()
    .execute((trx) => createAccount(trx, { site, name: `Tenant ${site}` }));
  const superAdmin = await insertUser(db, {
    accountId: account.id,
    name: 'Sam Super',
    email: `sam@${site}.test`,
    accessRole: 'super admin',
  });
  const limitedMember = await insertUser(db, {
    accountId: account.id,
    name: 'Lee Limited',
    email: `lee@${site}.test`,
    accessRole: 'limited team member',
  });
  const key = async (permissions: readonly PermissionKey[], confidential = false): Promise<string> => {
    const { secret } = await createApiKey(db, {
      accountId: account.id,
      name: 'test key',
      permissions,
      confidentialAccess: confidential,
    });
    return basicAuth(secret);
  };
  const all = PERMISSIONS.map((p) => p.key);
  return {
    account,
    superAdmin,
    limitedMember,
    auth: await key(all),
    confidentialAuth: await key(all, true),
    key,
  };
}

/** Row counts of every ATS table, for "bad input loses nothing" assertions. */
export async function countRows(db: Kysely<AtsDb>, table: keyof AtsDb): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return rows[0]?.n ?? 0;
}
