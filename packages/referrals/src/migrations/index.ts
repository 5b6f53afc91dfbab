import type { MigrationSet } from '@hireloop/platform';
import * as m0001 from './0001-referrals.ts';

export const referralsMigrations: MigrationSet = {
  schema: 'referrals',
  migrations: { '0001-referrals': m0001 },
};
