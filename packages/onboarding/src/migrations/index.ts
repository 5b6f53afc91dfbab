import type { MigrationSet } from '@hireloop/platform';
import * as m0001 from './0001-onboarding.ts';

export const onboardingMigrations: MigrationSet = {
  schema: 'onboarding',
  migrations: { '0001-onboarding': m0001 },
};
