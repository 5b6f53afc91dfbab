import type { MigrationSet } from '../db/migrate.ts';
import * as m0001 from './0001-platform.ts';

export const platformMigrations: MigrationSet = {
  schema: 'platform',
  migrations: { '0001-platform': m0001 },
};
