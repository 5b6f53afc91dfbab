// Opens the one database: PGlite in DATA_DIR (embedded default, guarded by a PID lock) or PostgreSQL when
// DATABASE_URL is set. Kysely talks to either; pg-boss gets the same PGlite instance (fromPglite) or the
// same connection string (its own pool), so jobs live beside the data they describe.
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { hireloopPgClient } from './pg-client.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  /** Present for PGlite only. */
  readonly pglite: PGlite | undefined;
  readonly connectionString: string | undefined;
  readonly lock: DataDirLock | undefined;
  /** The Kysely instance typed for a package's own tables (each package owns one Postgres schema). */
  kysely<T>(): Kysely<T>;
  close(): Promise<void>;
}

// int8 (count(*), bigint ids) as JS numbers on both drivers: our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
const pgliteParsers = { [pgliteTypes.INT8]: (v: string) => Number(v) };

export interface OpenDatabaseOptions {
  /** Recorded in the lock file so a second process can say who holds the directory. */
  readonly command: string;
  /** In-memory PGlite (tests): no data directory, no lock. */
  readonly memory?: boolean;
}

export async function openDatabase(config: Config, options: OpenDatabaseOptions): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config);
  const lock = options.memory ? undefined : acquireDataDirLock(config.dataDir, options.command);
  try {
    const pglite = options.memory
      ? new PGlite({ parsers: pgliteParsers })
      : new PGlite(path.join(config.dataDir, 'pgdata'), { parsers: pgliteParsers });
    await pglite.waitReady;
    const kysely = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
    return {
      kind: 'pglite',
      pglite,
      connectionString: undefined,
      lock,
      kysely: <T>() => kysely as unknown as Kysely<T>,
      async close() {
        await kysely.destroy(); // closes the PGlite instance too
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

function openPostgres(connectionString: string, config: Config): Database {
  // JIT off for our sessions: our queries are short, indexed reads and writes, and JIT compiles a query whose
  // estimated cost crosses jit_above_cost — an estimate that stale statistics (right after a bulk import) can
  // inflate past it — for 30–50 ms, ten times the query (seen on the opportunity list, issue 3 P2).
  // Kysely's queries go through pg's callback form, and hot ones are prepared per connection (pg-client.ts).
  const pool = new pg.Pool({
    connectionString,
    max: config.databasePoolSize,
    options: '-c jit=off',
    Client: hireloopPgClient({ prepare: config.databasePreparedStatements }),
  });
  // An idle pooled connection that the server ends (restart, failover, `drop database … with (force)`) emits
  // 'error' on the pool; without a listener that is an uncaught exception that kills the process. The pool
  // has already discarded the client, and the next query opens a new one (or fails and is reported there).
  pool.on('error', () => {});
  const kysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    pglite: undefined,
    connectionString,
    lock: undefined,
    kysely: <T>() => kysely as unknown as Kysely<T>,
    close: () => kysely.destroy(),
  };
}
