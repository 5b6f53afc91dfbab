// Demo and scale seeders, one per module, run in this order by `hireloop seed` and by the first `npm start`.
import { atsContext } from '@hireloop/ats';
import { findAccountBySite } from '@hireloop/ats/domain/accounts/account.service';
import { DEMO_PASSWORD, DEMO_SITE } from '@hireloop/ats/seed/demo-company';
import { DEMO_SIGN_IN, seedDemo } from '@hireloop/ats/seed/demo.seed';
import { seedScale } from '@hireloop/ats/seed/scale.seed';
import type { CommandContext, CommandResult } from './commands/command.ts';
import {
  REFERRALS_DEMO_ORG,
  REFERRALS_DEMO_PASSWORD,
  REFERRALS_DEMO_PEOPLE,
  seedReferralsDemo,
} from './referrals-demo.seed.ts';
import { CAREERS_DEMO_ADMIN, seedCareersDemo } from './demo/careers-demo.ts';
import { careersModule, findOrganizationBySlug } from '@hireloop/careers';
import { onboardingModule, findOrganizationBySlug as findOnboardingOrg } from '@hireloop/onboarding';
import {
  ONBOARDING_DEMO_ADMIN,
  ONBOARDING_DEMO_UNMATCHED,
  seedOnboardingDemo,
} from './demo/onboarding-demo.ts';

export interface Seeder {
  readonly name: string;
  demo?(ctx: CommandContext): Promise<CommandResult | undefined>;
  scale?(ctx: CommandContext, count: number): Promise<CommandResult | undefined>;
  /** Sign-in lines for the start banner, when demo data exists; `url` is where the server answers. */
  banner?(ctx: CommandContext, url: string): Promise<string[]>;
}

const signInLines = (): string[] => [
  ...DEMO_SIGN_IN.map((u) => `    ${u.email.padEnd(36)} ${u.role}`),
  `  Password for all of them: ${DEMO_PASSWORD}`,
];

/** The ATS: the `acme` demo account (Acme Robotics) and bulk opportunities for benchmarks. */
export const atsSeeder: Seeder = {
  name: 'ats',
  async demo(ctx) {
    const { db, publicUrl } = atsContext(ctx.runtime);
    const result = await seedDemo(db, { publicUrl });
    const what = result.content
      ? `${result.content.postings} postings, ${result.content.opportunities} opportunities, ${result.content.notes} notes, ${result.content.referrals} referrals, ${result.content.offers} offers`
      : 'already seeded; nothing added';
    return {
      json: result,
      text: [
        `ATS demo account "${result.accountName}" (site ${result.site}): ${what}.`,
        '  Sign in as:',
        ...signInLines(),
      ].join('\n'),
    };
  },
  async scale(ctx, count) {
    const { db, publicUrl } = atsContext(ctx.runtime);
    // Scale data reuses the demo account's postings, stages and people.
    await seedDemo(db, { publicUrl });
    const result = await seedScale(db, DEMO_SITE, count, ctx.progress);
    return {
      json: result,
      text: `ATS: added ${result.created} opportunities to site ${result.site} in ${(result.ms / 1000).toFixed(1)} s.`,
    };
  },
  async banner(ctx, url) {
    if (!(await findAccountBySite(atsContext(ctx.runtime).db, DEMO_SITE))) return [];
    return [
      `ATS (recruiters):      ${url}/ats`,
      `Job site:              ${url}/jobs/${DEMO_SITE}`,
      `API docs:              ${url}/v1/docs   (OpenAPI: ${url}/v1/openapi.json)`,
      `API key:               npx hireloop api-key create --site ${DEMO_SITE} --name "My key" --all`,
      'Demo sign-in (ATS):',
      ...signInLines(),
    ];
  },
};

/** The careers app: a careers site for the demo account, fed by a recruitment-marketing key (demo/careers-demo.ts). */
export const careersSeeder: Seeder = {
  name: 'careers',
  async demo(ctx) {
    const result = await seedCareersDemo(ctx.runtime);
    if (!result) return undefined;
    return {
      json: result,
      text: result.created
        ? `Careers: site /careers/${result.slug} connected to the ATS with a recruitment-marketing key; the first sync is queued. Admin: ${result.adminEmail}.`
        : `Careers: site /careers/${result.slug} already set up.`,
    };
  },
  async banner(ctx, url) {
    if (!(await findOrganizationBySlug(careersModule.context(ctx.runtime).db, DEMO_SITE))) return [];
    return [
      `Careers site:          ${url}/careers/${DEMO_SITE}`,
      `Careers admin:         ${url}/careers/admin   (${CAREERS_DEMO_ADMIN}, password ${DEMO_PASSWORD})`,
      `Careers sync now:      npx hireloop careers sync --org ${DEMO_SITE}`,
    ];
  },
};

/** Is this server answering (the `start` command seeds after listening; a standalone `seed` may not be)? */
async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** The referrals app: a demo org connected to `acme` through Sign in with Lever (referrals-demo.seed.ts). */
export const referralsSeeder: Seeder = {
  name: 'referrals',
  async demo(ctx) {
    const url = ctx.runtime.config.publicUrl.replace(/\/+$/, '');
    const result = await seedReferralsDemo(ctx, (await reachable(url)) ? url : undefined);
    return {
      json: result,
      text: result.connected
        ? `Referrals demo "${REFERRALS_DEMO_ORG}": connected to the ATS account acme by Sign in with Lever.`
        : `Referrals demo "${REFERRALS_DEMO_ORG}": created; it connects to the ATS on the next \`npm start\` (the server must be running).`,
    };
  },
  async banner(_ctx, url) {
    return [
      `Referrals:             ${url}/referrals   (API: ${url}/referrals/api/openapi.json)`,
      'Demo sign-in (referrals):',
      ...REFERRALS_DEMO_PEOPLE.map((p) => `    ${p.email.padEnd(36)} ${p.role}`),
      `  Password for all of them: ${REFERRALS_DEMO_PASSWORD}`,
    ];
  },
};

/** The onboarding app: an organization for the demo account, connected by the real OAuth path (demo/onboarding-demo.ts). */
export const onboardingSeeder: Seeder = {
  name: 'onboarding',
  async demo(ctx) {
    const result = await seedOnboardingDemo(ctx.runtime);
    if (!result) return undefined;
    return {
      json: result,
      text: result.connected
        ? `Onboarding: /onboarding ${result.created ? 'set up and ' : ''}connected to the ATS by Sign in with Lever; its webhooks are being created.`
        : `Onboarding: /onboarding set up but not connected (${result.problem}); connect it under Connect.`,
    };
  },
  async banner(ctx, url) {
    if (!(await findOnboardingOrg(onboardingModule.context(ctx.runtime).db, DEMO_SITE))) return [];
    return [
      `Onboarding (people ops): ${url}/onboarding   (${ONBOARDING_DEMO_ADMIN}, password ${DEMO_PASSWORD})`,
      `Onboarding matching:   ${url}/onboarding/matching   ("${ONBOARDING_DEMO_UNMATCHED}" has no office: hires there wait in the queue)`,
    ];
  },
};

export const seeders: readonly Seeder[] = [atsSeeder, careersSeeder, referralsSeeder, onboardingSeeder];
