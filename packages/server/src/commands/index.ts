import type { DbCommand } from './command.ts';
import { migrateCommand } from './migrate.command.ts';
import { seedCommand } from './seed.command.ts';
import { accountCreateCommand } from './account.command.ts';
import { apiKeyCreateCommand } from './api-key.command.ts';
import { referralsOrgCreateCommand } from './referrals-org.command.ts';
import { onboardingOrgCreateCommand } from './onboarding-org.command.ts';
import { oauthClientCreateCommand } from './oauth-client.command.ts';
import { careersSyncCommand } from './careers-sync.command.ts';

/** Commands the CLI channel may run inside a server. Adding one here makes it remote-capable. */
export const dbCommands: ReadonlyMap<string, DbCommand> = new Map(
  (
    [
      migrateCommand,
      seedCommand,
      accountCreateCommand,
      apiKeyCreateCommand,
      oauthClientCreateCommand,
      referralsOrgCreateCommand,
      onboardingOrgCreateCommand,
      careersSyncCommand,
    ] as DbCommand[]
  ).map((c) => [c.name, c]),
);
