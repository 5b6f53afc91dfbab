// The runtime a process shares with every module: config, logger, database, queue, mailer.
// Built by packages/server (the composition root) and handed to each module's routes and jobs.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest, type MigrationSet } from './db/migrate.ts';
import type { Http } from './http/create-http.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { platformMigrations } from './migrations/index.ts';
import { startQueue, type JobDefinition, type Queue } from './queue/queue.ts';
import type { LoopDefinition } from './queue/loop.ts';

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  /** Untyped Kysely; packages narrow it with their own table types (`runtime.database.kysely<AtsDb>()`). */
  readonly db: Kysely<unknown>;
  readonly queue: Queue;
  readonly mailer: Mailer;
}

/** A product entry on the home page (`/`), so every link there leads somewhere real. */
export interface HomeLink {
  readonly title: string;
  readonly href: string;
  readonly description: string;
}

/** What a package (ats, referrals, careers, onboarding) contributes to a process. */
export interface HireloopModule {
  readonly name: string;
  readonly migrations?: MigrationSet;
  jobs?(runtime: Runtime): readonly JobDefinition[];
  /** Background loops that claim their own rows (an outbox) instead of a job per item; worker role only. */
  loops?(runtime: Runtime): readonly LoopDefinition[];
  routes?(app: Http, runtime: Runtime): Promise<void>;
  /** Entries for the home page (asked on every visit); only for pages this module actually serves. */
  home?(runtime: Runtime): readonly HomeLink[] | Promise<readonly HomeLink[]>;
}

export interface StartRuntimeOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly command: string;
  readonly modules: readonly HireloopModule[];
  /** Run pending migrations first (serve does; other commands may only check). */
  readonly migrate: boolean;
  /** Whether this process runs cron schedules (worker or all role). */
  readonly schedule: boolean;
  /** In-memory PGlite, for tests. */
  readonly memory?: boolean;
}

export function migrationSets(modules: readonly HireloopModule[]): MigrationSet[] {
  return [platformMigrations, ...modules.flatMap((m) => (m.migrations ? [m.migrations] : []))];
}

export async function startRuntime(options: StartRuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const database = await openDatabase(config, { command: options.command, memory: options.memory });
  try {
    const db = database.kysely<unknown>();
    if (options.migrate) {
      const reports = await migrateToLatest(db, migrationSets(options.modules));
      const applied = reports.flatMap((r) => r.applied.map((a) => `${r.schema}/${a}`));
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
    const queue = await startQueue(database, logger, {
      schedule: options.schedule,
      superviseIntervalSeconds: config.queueSuperviseIntervalSeconds,
    });
    const mailer = createMailer(config, queue, db);
    const runtime: Runtime = { config, logger, database, db, queue, mailer };
    await queue.register([mailer.job, ...options.modules.flatMap((m) => m.jobs?.(runtime) ?? [])]);
    queue.registerLoops(options.modules.flatMap((m) => m.loops?.(runtime) ?? []));
    return runtime;
  } catch (e) {
    await database.close();
    throw e;
  }
}

export async function stopRuntime(runtime: Runtime): Promise<void> {
  await runtime.queue.stop(runtime.config.shutdownTimeoutMs);
  runtime.mailer.close();
  await runtime.database.close();
}
