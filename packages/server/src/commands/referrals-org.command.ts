// `hireloop referrals org create --name NAME --admin-email EMAIL`: a referrals organization whose first admin
// is invited by email (captured at /mailbox without SMTP_URL); prints the invitation link too.
import { AppError, Errors } from '@hireloop/platform';
import { createOrganizationWithAdmin, referralsModule } from '@hireloop/referrals';
import { AccountError } from '@hireloop/referrals/domain/orgs/accounts.service';
import type { DbCommand } from './command.ts';

export interface ReferralsOrgCreateArgs {
  readonly name?: string;
  readonly adminEmail?: string;
  readonly adminName?: string;
}

export const referralsOrgCreateCommand: DbCommand<ReferralsOrgCreateArgs> = {
  name: 'referrals-org-create',
  async run({ runtime }, args) {
    const ctx = referralsModule.context(runtime);
    try {
      const { organization, admin, inviteUrl } = await createOrganizationWithAdmin(ctx, {
        name: args.name ?? '',
        adminEmail: args.adminEmail ?? '',
        adminName: args.adminName,
      });
      return {
        json: {
          organizationId: organization.id,
          name: organization.name,
          adminId: admin.id,
          adminEmail: admin.email,
          inviteUrl,
        },
        text: [
          `Created referrals organization "${organization.name}" (id ${organization.id}).`,
          `Invited ${admin.email} as admin; the invitation was emailed. Link (valid 7 days):`,
          `  ${inviteUrl}`,
        ].join('\n'),
      };
    } catch (error) {
      if (error instanceof AccountError) throw new AppError(Errors.Validation, error.message);
      throw error;
    }
  },
};
