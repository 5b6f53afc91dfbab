import { migrateToLatest, migrationSets } from '@hireloop/platform';
import type { DbCommand } from './command.ts';
import { modulesFor } from '../modules.ts';

/** Applies pending migrations of every package; idempotent (serve runs it at start too). */
export const migrateCommand: DbCommand = {
  name: 'migrate',
  async run({ runtime }) {
    const reports = await migrateToLatest(runtime.db, migrationSets(modulesFor(runtime.config)));
    const applied = reports.flatMap((r) => r.applied.map((name) => `${r.schema}/${name}`));
    return {
      json: { applied, schemas: reports.map((r) => r.schema) },
      text: applied.length
        ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
        : 'Database is up to date.',
    };
  },
};
