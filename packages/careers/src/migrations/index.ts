import type { MigrationSet } from '@hireloop/platform';
import * as m0001 from './0001-careers.ts';

export const careersMigrations: MigrationSet = {
  schema: 'careers',
  migrations: { '0001-careers': m0001 },
};
