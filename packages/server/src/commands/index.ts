import type { DbCommand } from './command.ts';
import { migrateCommand } from './migrate.command.ts';
import { seedCommand } from './seed.command.ts';

/** Commands the CLI channel may run inside a server. Adding one here makes it remote-capable. */
export const dbCommands: ReadonlyMap<string, DbCommand> = new Map(
  ([migrateCommand, seedCommand] as DbCommand[]).map((c) => [c.name, c]),
);
