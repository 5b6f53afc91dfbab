// `hireloop account create --site SITE --name NAME`: a new ATS account (tenant) with Lever's default
// pipeline and archive reasons. Errors (bad or taken site code) are AppErrors the CLI prints plainly.
import { atsContext } from '@hireloop/ats';
import { createAccount } from '@hireloop/ats/domain/accounts/account.service';
import { AppError, Errors } from '@hireloop/platform';
import type { DbCommand } from './command.ts';

export interface AccountCreateArgs {
  readonly site?: string;
  readonly name?: string;
}

export const accountCreateCommand: DbCommand<AccountCreateArgs> = {
  name: 'account-create',
  async run({ runtime }, args) {
    const site = args.site?.trim() ?? '';
    if (!site) throw new AppError(Errors.Validation, 'Pass the site code with --site (e.g. --site acme)');
    const { db, publicUrl } = atsContext(runtime);
    const account = await db
      .transaction()
      .execute((trx) => createAccount(trx, { site, name: args.name ?? site }));
    return {
      json: {
        id: account.id,
        site: account.site,
        name: account.name,
        createdAt: account.created_at.getTime(),
      },
      text: [
        `Created account "${account.name}" (site ${account.site}, id ${account.id}).`,
        `Job site: ${publicUrl}/jobs/${account.site}`,
        `Next: hireloop api-key create --site ${account.site} --name "My integration" --preset recruitment-marketing`,
      ].join('\n'),
    };
  },
};
