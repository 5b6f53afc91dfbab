import type { MigrationSet } from '../db/migrate.ts';
import * as m0001 from './0001-platform.ts';
import * as m0002 from './0002-sessions.ts';
import * as m0003 from './0003-audit.ts';

export const platformMigrations: MigrationSet = {
  schema: 'platform',
  migrations: { '0001-platform': m0001, '0002-sessions': m0002, '0003-audit': m0003 },
};
