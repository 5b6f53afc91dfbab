// Forward-only migrations, one set per package, each package in its own Postgres schema (the set's `schema`,
// which also holds that package's `kysely_migration` table). Kysely's Migrator runs a set's pending
// migrations in one transaction (Postgres has transactional DDL), so a failing migration leaves the schema
// as it was and the error propagates (the CLI then exits non-zero).
import { type Kysely, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';

export interface MigrationSet {
  /** Postgres schema owned by the package, e.g. `ats`. */
  readonly schema: string;
  /** Ordered by name; names never change once released. */
  readonly migrations: Readonly<Record<string, Migration>>;
}

export interface MigrationReport {
  readonly schema: string;
  readonly applied: readonly string[];
}

export class MigrationError extends Error {
  readonly schema: string;
  readonly migration: string | undefined;
  constructor(schema: string, migration: string | undefined, cause: unknown) {
    super(
      `Migration ${migration ? `"${migration}" ` : ''}of schema "${schema}" failed: ${(cause as Error)?.message ?? cause}. ` +
        'Nothing of this schema was changed.',
      { cause },
    );
    this.name = 'MigrationError';
    this.schema = schema;
    this.migration = migration;
  }
}

// Several processes may start at once on one PostgreSQL database (`serve --role web` ×N, workers ×N). Kysely's
// Migrator locks per set, but `create schema if not exists` races (duplicate key on pg_namespace), so every
// process takes this session-level advisory lock for the whole run; the rest wait and then find nothing to do.
const MIGRATION_LOCK_KEY = 0x68_6c_6d_69; // 'hlmi'

export async function migrateToLatest(
  db: Kysely<unknown>,
  sets: readonly MigrationSet[],
): Promise<MigrationReport[]> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await migrateSets(conn, sets);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

async function migrateSets(db: Kysely<unknown>, sets: readonly MigrationSet[]): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const set of sets) {
    await sql`create schema if not exists ${sql.id(set.schema)}`.execute(db);
    const migrator = new Migrator({
      db,
      migrationTableSchema: set.schema,
      provider: { getMigrations: async () => set.migrations },
    });
    const { error, results = [] } = await migrator.migrateToLatest();
    if (error) {
      const failed = results.find((r) => r.status === 'Error');
      throw new MigrationError(set.schema, failed?.migrationName, error);
    }
    reports.push({ schema: set.schema, applied: results.map((r) => r.migrationName) });
  }
  return reports;
}

export async function pendingMigrations(
  db: Kysely<unknown>,
  sets: readonly MigrationSet[],
): Promise<string[]> {
  const pending: string[] = [];
  for (const set of sets) {
    const migrator = new Migrator({
      db,
      migrationTableSchema: set.schema,
      provider: { getMigrations: async () => set.migrations },
    });
    const list = await migrator.getMigrations().catch(() => []);
    const done = new Set(list.filter((m) => m.executedAt).map((m) => m.name));
    for (const name of Object.keys(set.migrations))
      if (!done.has(name)) pending.push(`${set.schema}/${name}`);
  }
  return pending;
}
