import type { MigrationSet } from '@hireloop/platform';
import * as m0001 from './0001-core.ts';

export const atsMigrations: MigrationSet = { schema: 'ats', migrations: { '0001-core': m0001 } };
