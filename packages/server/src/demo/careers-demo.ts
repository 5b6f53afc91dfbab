// The careers demo: a careers organization for the ATS demo account (same site code, so the careers site
// is /careers/acme), its admin, and an ATS integration with a `recruitment-marketing` key. The composition
// root may import both sides: the key is made by the ATS's own domain code (as an admin would in the ATS
// pages), then handed to the careers app's public `configureIntegration`, exactly as the form would.
// The HTTP checks are skipped (no server may be listening during `hireloop seed`); the preset is trusted.
import type { Runtime } from '@hireloop/platform';
import { atsContext } from '@hireloop/ats';
import { findAccountBySite } from '@hireloop/ats/domain/accounts/account.service';
import { createApiKey } from '@hireloop/ats/domain/api-keys/api-key.service';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_SITE } from '@hireloop/ats/seed/demo-company';
import { RECRUITMENT_MARKETING_PRESET } from '@hireloop/lever/permissions';
import {
  careersModule,
  configureIntegration,
  createOrganizationWithAdmin,
  findOrganizationBySlug,
} from '@hireloop/careers';

export const CAREERS_DEMO_ADMIN = `careers@${DEMO_EMAIL_DOMAIN}`;

export interface CareersDemoResult {
  readonly created: boolean;
  readonly slug: string;
  readonly adminEmail: string;
}

export async function seedCareersDemo(runtime: Runtime): Promise<CareersDemoResult | undefined> {
  const ctx = careersModule.context(runtime);
  if (await findOrganizationBySlug(ctx.db, DEMO_SITE))
    return { created: false, slug: DEMO_SITE, adminEmail: CAREERS_DEMO_ADMIN };
  const ats = atsContext(runtime);
  const account = await findAccountBySite(ats.db, DEMO_SITE);
  if (!account) return undefined;
  const { organization } = await createOrganizationWithAdmin(ctx, {
    name: account.name,
    slug: DEMO_SITE,
    adminEmail: CAREERS_DEMO_ADMIN,
    adminName: 'Casey Careers',
    password: DEMO_PASSWORD,
  });
  const { key, secret } = await createApiKey(ats.db, {
    accountId: account.id,
    name: 'Careers site (recruitment marketing, read only)',
    preset: RECRUITMENT_MARKETING_PRESET.id,
  });
  await configureIntegration(
    ctx,
    organization.id,
    {
      apiKey: secret,
      settings: {
        name: 'Hireloop ATS (demo)',
        environment: 'embedded',
        companyCode: DEMO_SITE,
        syncStates: ['published'],
        channel: 'public',
        remoteRegex: '\\bremote\\b',
        hybridRegex: '\\bhybrid\\b',
        hiddenRules: [],
        syncResumes: true,
        jobPollMinutes: 15,
        candidatePollMinutes: 15,
        // The demo's postings and candidates are all "old" news to a new integration: import everything.
        jobsStartAt: new Date('2000-01-01T00:00:00Z'),
        candidatesStartAt: new Date('2000-01-01T00:00:00Z'),
        importUnknownCandidates: false,
      },
    },
    { trusted: { permissions: key.permissions, confidentialAccess: key.confidential_access } },
  );
  return { created: true, slug: DEMO_SITE, adminEmail: CAREERS_DEMO_ADMIN };
}
