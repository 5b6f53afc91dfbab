// P5 (issue 8): initial careers sync of N postings + M candidates through ONE rate-limited key (the ATS
// enforces 10 req/s, burst 20; the careers client keeps the same budget), then a delta after 1 % of the
// records changed. Reports records/s ÷ (10 req/s × 100 per page) (goal ≥ 0.9), 429 responses (goal 0),
// delta requests ÷ full requests (goal ≤ 1/50) and peak RSS of the process (server + ATS + careers app).
//   LOG_LEVEL=warn node bench/src/pairs/careers-sync-p5.ts [--postings 10000] [--candidates 100000] [--no-write]
// Not an A/B pair (run.ts measures req/s); it appends its own section to BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';

const { values } = parseArgs({
  options: {
    postings: { type: 'string', default: '10000' },
    candidates: { type: 'string', default: '100000' },
    'no-write': { type: 'boolean', default: false },
  },
});
const POSTINGS = Number(values.postings);
const CANDIDATES = Number(values.candidates);
process.env.API_RATE_LIMIT_PER_SECOND = '10';
process.env.API_RATE_LIMIT_BURST = '20';
process.env.LOG_LEVEL ??= 'warn';

const { startHireloop, databaseLabel } = await import('../hireloop.ts');
const { atsContext } = await import('@hireloop/ats');
const { seedDemo } = await import('@hireloop/ats/seed/demo.seed');
const { seedScale } = await import('@hireloop/ats/seed/scale.seed');
const { findAccountBySite } = await import('@hireloop/ats/domain/accounts/account.service');
const { createPosting } = await import('@hireloop/ats/domain/postings/posting.service');
const { createApiKey } = await import('@hireloop/ats/domain/api-keys/api-key.service');
const careers = await import('@hireloop/careers');

const side = await startHireloop();
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  const runtime = side.server.runtime;
  const ats = atsContext(runtime);
  const t0 = Date.now();
  await seedDemo(ats.db, { publicUrl: ats.publicUrl });
  const account = (await findAccountBySite(ats.db, 'acme'))!;
  const admin = await ats.db
    .selectFrom('ats.user')
    .select('id')
    .where('account_id', '=', account.id)
    .where('access_role', '=', 'super admin')
    .executeTakeFirstOrThrow();
  const vis = { accountId: account.id, confidential: true, limitedToUserId: undefined };
  const teams = ['Engineering', 'Design', 'Sales', 'Operations', 'Support'];
  const places = ['Berlin', 'Remote — EU', 'London', 'Lyon', 'Austin, TX', 'Hybrid — Madrid'];
  for (let i = 0; i < POSTINGS; i += 500) {
    await ats.db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(POSTINGS, i + 500); j++)
        await createPosting(trx, ats.events, vis, admin.id, {
          text: `Generated role ${j + 1}`,
          state: j % 10 === 0 ? 'closed' : 'published',
          distributionChannels: ['public'],
          categories: {
            team: teams[j % teams.length],
            location: j % 50 === 0 ? undefined : places[j % places.length],
            commitment: 'Full-time',
          },
          content: { description: `Generated posting ${j + 1} for the P5 benchmark.` },
        });
    });
  }
  await seedScale(ats.db, 'acme', CANDIDATES);
  // Seeded records get updatedAt spread over the 30 days before yesterday (as a real account's would), so the
  // delta's window (watermark − 2 min overlap) only sees the 1 % changed later.
  await sql`update ats.posting set updated_at = now() - interval '1 day' - random() * interval '30 days' where account_id = ${account.id}`.execute(
    ats.db,
  );
  await sql`update ats.opportunity set updated_at = now() - interval '1 day' - random() * interval '30 days' where account_id = ${account.id}`.execute(
    ats.db,
  );
  const seededMs = Date.now() - t0;

  const ctx = careers.careersModule.context(runtime);
  const { organization } = await careers.createOrganizationWithAdmin(ctx, {
    name: 'P5 Robotics',
    slug: 'p5',
    adminEmail: 'p5@careers.test',
    adminName: 'P5',
    password: 'p5-benchmark-pw',
  });
  const { key, secret } = await createApiKey(ats.db, {
    accountId: account.id,
    name: 'P5 careers',
    preset: 'recruitment-marketing',
  });
  await careers.configureIntegration(
    ctx,
    organization.id,
    {
      apiKey: secret,
      settings: {
        name: 'P5',
        environment: 'embedded',
        companyCode: 'acme',
        syncStates: ['published'],
        channel: 'public',
        remoteRegex: '\\bremote\\b',
        hybridRegex: '\\bhybrid\\b',
        hiddenRules: [],
        syncResumes: false,
        jobPollMinutes: 15,
        candidatePollMinutes: 15,
        jobsStartAt: new Date('2000-01-01T00:00:00Z'),
        candidatesStartAt: new Date('2000-01-01T00:00:00Z'),
        importUnknownCandidates: true,
      },
    },
    {
      trusted: { permissions: key.permissions, confidentialAccess: key.confidential_access },
      enqueueSync: false,
    },
  );
  // The server listens on a random port; PUBLIC_URL (the embedded ATS's default address) does not know it.
  await sql`update careers.integration set api_base_url = ${`${side.url}/v1`} where organization_id = ${organization.id}`.execute(
    ats.db,
  );
  let tooMany = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const res = await realFetch(input, init);
    if (res.status === 429) tooMany++;
    return res;
  };
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const s0 = Date.now();
  const full = (await careers.runSync(ctx, {
    organizationId: organization.id,
    kind: 'full',
    scope: 'all',
    trigger: 'p5',
  }))!;
  const fullMs = Date.now() - s0;
  const fullPeak = peakRss;
  const records = full.jobsUpserted + full.candidatesUpserted + full.skipped;
  const rate = records / (fullMs / 1000);
  // 1 % of the records change.
  const pc = Math.max(1, Math.round(POSTINGS / 100));
  const cc = Math.max(1, Math.round(CANDIDATES / 100));
  await sql`update ats.posting set updated_at = now() where id in (select id from ats.posting where account_id = ${account.id} order by id limit ${pc})`.execute(
    ats.db,
  );
  await sql`update ats.opportunity set updated_at = now() where id in (select id from ats.opportunity where account_id = ${account.id} order by id limit ${cc})`.execute(
    ats.db,
  );
  const d0 = Date.now();
  const delta = (await careers.runSync(ctx, {
    organizationId: organization.id,
    kind: 'delta',
    scope: 'all',
    trigger: 'p5',
  }))!;
  const deltaMs = Date.now() - d0;
  globalThis.fetch = realFetch;
  if (full.errors.length || delta.errors.length) console.error('errors:', full.errors, delta.errors);
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  const lines = [
    `## ${new Date().toISOString().slice(0, 10)} — careers P5 sync`,
    '',
    `Initial careers sync of ${POSTINGS.toLocaleString('en')} postings + ${CANDIDATES.toLocaleString('en')} candidates (plus the demo's) through one recruitment-marketing key; the ATS enforces 10 req/s, burst 20 per key; then a delta after 1 % changed.`,
    '',
    `- Command: \`LOG_LEVEL=${process.env.LOG_LEVEL} ${process.env.DATABASE_URL ? 'DATABASE_URL=… ' : ''}node bench/src/pairs/careers-sync-p5.ts --postings ${POSTINGS} --candidates ${CANDIDATES}\``,
    `- Machine: nproc ${os.availableParallelism()} (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${databaseLabel()}; ATS, careers app and sync in one process (RSS covers all three). Seeding took ${(seededMs / 1000).toFixed(0)} s.`,
    '',
    '| run | status | records | requests | 429s | seconds | records/s | ÷ (10 req/s × 100) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    `| full (initial) | ${full.status} | ${records.toLocaleString('en')} | ${full.requests} | ${tooMany} | ${(fullMs / 1000).toFixed(1)} | ${Math.round(rate)} | **${(rate / 1000).toFixed(3)}** |`,
    `| delta after 1 % changed | ${delta.status} | ${(delta.jobsUpserted + delta.candidatesUpserted + delta.skipped).toLocaleString('en')} | ${delta.requests} | — | ${(deltaMs / 1000).toFixed(1)} | — | — |`,
    '',
    `**Delta requests ÷ full requests: ${delta.requests}/${full.requests} = ${(delta.requests / full.requests).toFixed(4)}** (goal ≤ ${(1 / 50).toFixed(4)}). 429 responses during the full sync: **${tooMany}**. Peak RSS during the full sync: **${mb(fullPeak)}** (before: ${mb(rssBefore)}).`,
    '',
  ];
  const md = lines.join('\n');
  console.log(md);
  if (!values['no-write']) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../BENCHMARKS.md');
    fs.appendFileSync(file, `\n${md}`);
    console.log('appended to BENCHMARKS.md');
  }
} finally {
  clearInterval(sampler);
  await side.close();
}
