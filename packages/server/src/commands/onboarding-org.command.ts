// `hireloop onboarding org create --name NAME --admin-email EMAIL`: an onboarding organization whose first
// people-ops admin is invited by email (captured at /mailbox without SMTP_URL) to choose a password; the
// invitation link is printed too.
import { AppError, Errors } from '@hireloop/platform';
import { createOrganizationWithInvitation, onboardingModule } from '@hireloop/onboarding';
import { AccountError } from '@hireloop/onboarding/domain/orgs/accounts.service';
import type { DbCommand } from './command.ts';

export interface OnboardingOrgCreateArgs {
  readonly name?: string;
  readonly adminEmail?: string;
  readonly adminName?: string;
}

export const onboardingOrgCreateCommand: DbCommand<OnboardingOrgCreateArgs> = {
  name: 'onboarding-org-create',
  async run({ runtime }, args) {
    const ctx = onboardingModule.context(runtime);
    try {
      const { organization, admin, inviteUrl } = await createOrganizationWithInvitation(ctx, {
        name: args.name ?? '',
        adminEmail: args.adminEmail ?? '',
        adminName: args.adminName,
      });
      return {
        json: {
          organizationId: organization.id,
          name: organization.name,
          slug: organization.slug,
          adminId: admin.id,
          adminEmail: admin.email,
          inviteUrl,
          webhookUrl: `${ctx.publicUrl}/onboarding/hooks/lever/${organization.id}`,
        },
        text: [
          `Created onboarding organization "${organization.name}" (id ${organization.id}).`,
          `Invited ${admin.email} as people-ops admin; the invitation was emailed. Link (valid 7 days, once):`,
          `  ${inviteUrl}`,
          `Then connect the ATS at ${ctx.publicUrl}/onboarding/connect.`,
        ].join('\n'),
      };
    } catch (error) {
      if (error instanceof AccountError) throw new AppError(Errors.Validation, error.message);
      throw error;
    }
  },
};
