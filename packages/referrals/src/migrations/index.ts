import type { MigrationSet } from '@hireloop/platform';
import * as m0001 from './0001-referrals.ts';
import * as m0002 from './0002-portal.ts';

export const referralsMigrations: MigrationSet = {
  schema: 'referrals',
  migrations: { '0001-referrals': m0001, '0002-portal': m0002 },
};
