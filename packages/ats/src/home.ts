// The ATS's entries on the Hireloop home page: the recruiter app, each account's public job site (first few),
// and the API reference.
import type { HomeLink, Runtime } from '@hireloop/platform';
import type { AtsContext } from './context.ts';

const JOB_SITES_SHOWN = 3;

export async function atsHomeLinks(_runtime: Runtime, ctx: AtsContext): Promise<HomeLink[]> {
  const accounts = await ctx.db
    .selectFrom('ats.account')
    .select(['site', 'name'])
    .orderBy('created_at')
    .limit(JOB_SITES_SHOWN)
    .execute();
  return [
    {
      title: 'ATS',
      href: '/ats',
      description:
        'The Lever-compatible applicant tracking system: pipeline, candidates, postings and settings.',
    },
    ...accounts.map((a) => ({
      title: `${a.name} jobs`,
      href: `/jobs/${a.site}`,
      description: `The public job site of ${a.name}, with application forms (what jobs.lever.co is to Lever).`,
    })),
    {
      title: 'API reference',
      href: '/v1/docs',
      description:
        'Lever Data API v1 and Postings API v0 endpoints, permissions and fields; OpenAPI at /v1/openapi.json.',
    },
  ];
}
