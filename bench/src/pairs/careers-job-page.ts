// careers-job-page: a published careers job page (server-rendered, JSON-LD, cached per process with an
// ETag) against a static file served by the same kind of server (/assets/hireloop.css, in memory with its
// own ETag). Issue 8 asks for target/baseline ≥ 0.5 on the cached path. The target's job is stored the way a
// sync stores it (postingToJob over a Lever posting), with a fixed posting id so the runner knows the path.
import { careersModule, createOrganizationWithAdmin } from '@hireloop/careers';
import { postingToJob } from '@hireloop/careers/domain/jobs/posting-to-job';
import { upsertJobs } from '@hireloop/careers/domain/jobs/job.repository';
import { compileWorkModeRules } from '@hireloop/careers/domain/classify/work-mode';
import { makePosting } from '@hireloop/lever/fixtures';
import { databaseLabel, startHireloop } from '../hireloop.ts';
import type { Pair } from '../pair.ts';

const POSTING_ID = '5b0c8f3e-8d4a-4f7e-9a51-0c2d7b1e6a10';
const SLUG = 'bench';

async function startCareersTarget() {
  const side = await startHireloop();
  const ctx = careersModule.context(side.server.runtime);
  const { organization } = await createOrganizationWithAdmin(ctx, {
    name: 'Bench Robotics',
    slug: SLUG,
    adminEmail: 'bench@careers.test',
    adminName: 'Bench',
    password: 'bench-password-1',
  });
  const posting = makePosting({
    id: POSTING_ID,
    text: 'Senior Robotics Engineer',
    state: 'published',
    distributionChannels: ['public'],
    workplaceType: 'remote',
  });
  const outcome = postingToJob(organization.id, posting, {
    settings: { syncStates: ['published'], channel: 'public' },
    workModes: compileWorkModeRules('', ''),
    hidden: [],
  });
  if (outcome.kind !== 'job') throw new Error('bench posting was skipped');
  await upsertJobs(ctx.db, [outcome.values]);
  return side;
}

export const careersJobPagePair: Pair = {
  name: 'careers-job-page',
  description:
    'GET a published careers job page (JSON-LD, ETag, per-process page cache) vs GET /assets/hireloop.css on the same server',
  baseline: { label: `Hireloop static file /assets/hireloop.css (${databaseLabel()})`, start: startHireloop },
  target: { label: `Hireloop careers job page (${databaseLabel()})`, start: startCareersTarget },
  request: (side) => ({
    path: side === 'baseline' ? '/assets/hireloop.css' : `/careers/${SLUG}/jobs/${POSTING_ID}`,
  }),
};
