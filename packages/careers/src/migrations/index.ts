import type { MigrationSet } from '@hireloop/platform';
import * as m0001 from './0001-careers.ts';
import * as m0002 from './0002-sync-heartbeat.ts';

export const careersMigrations: MigrationSet = {
  schema: 'careers',
  migrations: { '0001-careers': m0001, '0002-sync-heartbeat': m0002 },
};
