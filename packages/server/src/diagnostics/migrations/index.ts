import type { MigrationSet } from '@hireloop/platform';
import * as m0001 from './0001-diagnostics.ts';

export const diagnosticsMigrations: MigrationSet = {
  schema: 'diagnostics',
  migrations: { '0001-diagnostics': m0001 },
};
