// P5 (issue 8): initial careers sync of N postings + M candidates through ONE rate-limited key (the ATS
// enforces 10 req/s, burst 20 per key), then a delta after 1 % of the records changed. Reports records/s ÷
// (10 req/s × 100 per page) (goal ≥ 0.9), 429 responses (goal 0), delta requests ÷ full requests (goal ≤ 1/50)
// and the peak RSS of the sync process. The ATS runs in its own process on its own database
// (careers-sync-p5.ats.ts); the careers app runs here on another database, as two deployments would.
//   LOG_LEVEL=warn [DATABASE_URL=…] node bench/src/pairs/careers-sync-p5.ts [--postings 10000] [--candidates 100000] [--no-write]
// Not an A/B pair (run.ts measures req/s); it appends its own section to BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ageRecords, createAtsSide, touchOnePercent } from './careers-sync-p5.ats.ts';

const { values } = parseArgs({
  options: {
    postings: { type: 'string', default: '10000' },
    candidates: { type: 'string', default: '100000' },
    'no-write': { type: 'boolean', default: false },
  },
});
const POSTINGS = Number(values.postings);
const CANDIDATES = Number(values.candidates);
process.env.LOG_LEVEL ??= 'warn';

const { createTestRuntime } = await import('@hireloop/platform/testing');
const { atsContext } = await import('@hireloop/ats');
const { seedDemo } = await import('@hireloop/ats/seed/demo.seed');
const { seedScale } = await import('@hireloop/ats/seed/scale.seed');
const { findAccountBySite } = await import('@hireloop/ats/domain/accounts/account.service');
const { createPosting } = await import('@hireloop/ats/domain/postings/posting.service');
const { createApiKey } = await import('@hireloop/ats/domain/api-keys/api-key.service');
const careers = await import('@hireloop/careers');

const dbLabel = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const ats = await createAtsSide({ perSecond: 10, burst: 20 });
const careersRuntime = await createTestRuntime([careers.careersModule]);
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  const t0 = Date.now();
  const seeded = await ats.withRuntime(async (runtime) => {
    const a = atsContext(runtime);
    await seedDemo(a.db, { publicUrl: a.publicUrl });
    const account = (await findAccountBySite(a.db, 'acme'))!;
    const admin = await a.db
      .selectFrom('ats.user')
      .select('id')
      .where('account_id', '=', account.id)
      .where('access_role', '=', 'super admin')
      .executeTakeFirstOrThrow();
    const vis = { accountId: account.id, confidential: true, limitedToUserId: undefined };
    const teams = ['Engineering', 'Design', 'Sales', 'Operations', 'Support'];
    const places = ['Berlin', 'Remote — EU', 'London', 'Lyon', 'Austin, TX', 'Hybrid — Madrid'];
    for (let i = 0; i < POSTINGS; i += 500) {
      await a.db.transaction().execute(async (trx) => {
        for (let j = i; j < Math.min(POSTINGS, i + 500); j++)
          await createPosting(trx, a.events, vis, admin.id, {
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
    await seedScale(a.db, 'acme', CANDIDATES);
    // Spread updatedAt over the past month so the delta's window (watermark − 2 min) sees only the 1 %.
    await ageRecords(runtime, account.id);
    const { key, secret } = await createApiKey(a.db, {
      accountId: account.id,
      name: 'P5 careers',
      preset: 'recruitment-marketing',
    });
    return { accountId: account.id, key, secret };
  });
  const seededMs = Date.now() - t0;
  await ats.start();

  const ctx = careers.careersModule.context(careersRuntime);
  const { organization } = await careers.createOrganizationWithAdmin(ctx, {
    name: 'P5 Robotics',
    slug: 'p5',
    adminEmail: 'p5@careers.test',
    adminName: 'P5',
    password: 'p5-benchmark-pw',
  });
  await careers.configureIntegration(
    ctx,
    organization.id,
    {
      apiKey: seeded.secret,
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
      trusted: { permissions: seeded.key.permissions, confidentialAccess: seeded.key.confidential_access },
      enqueueSync: false,
    },
  );
  await sql`update careers.integration set api_base_url = ${`${ats.url}/v1`} where organization_id = ${organization.id}`.execute(
    ctx.db,
  );
  let tooMany = 0;
  const latencies: number[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const f0 = performance.now();
    const res = await realFetch(input, init);
    latencies.push(performance.now() - f0);
    if (res.status === 429) tooMany++;
    return res;
  };
  const load0 = os.loadavg();
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
  const load1 = os.loadavg();
  const atsPeak = ats.childPeakRss();
  const fullTooMany = tooMany;
  const sorted = [...latencies].sort((x, y) => x - y);
  const pct = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  const records = full.jobsUpserted + full.candidatesUpserted + full.skipped;
  const rate = records / (fullMs / 1000);

  // 1 % changes (the PGlite data directory is the child's while it runs: stop, write, start again).
  await ats.stop();
  await ats.withRuntime((runtime) => touchOnePercent(runtime, seeded.accountId, POSTINGS, CANDIDATES));
  await ats.start();
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
  const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  const lines = [
    `## ${new Date().toISOString().slice(0, 10)} — careers P5 sync (${dbLabel}, ATS in its own process)`,
    '',
    `Initial careers sync of ${POSTINGS.toLocaleString('en')} postings + ${CANDIDATES.toLocaleString('en')} candidates (plus the demo's) through one recruitment-marketing key; the ATS enforces 10 req/s, burst 20 per key; then a delta after 1 % changed.`,
    '',
    `- Command: \`LOG_LEVEL=${process.env.LOG_LEVEL} ${process.env.DATABASE_URL ? 'DATABASE_URL=postgres://… ' : ''}node bench/src/pairs/careers-sync-p5.ts --postings ${POSTINGS} --candidates ${CANDIDATES}\``,
    `- Machine: nproc ${os.availableParallelism()} (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${dbLabel}; load average (1/5/15 min) ${la(load0)} before the full sync, ${la(load1)} after. The ATS (\`main.ts serve\`) runs in a child process on its own database; the careers app and the sync run in the bench process on another. Seeding took ${(seededMs / 1000).toFixed(0)} s.`,
    '',
    '| run | status | records | requests | 429s | seconds | records/s | ÷ (10 req/s × 100) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    `| full (initial) | ${full.status} | ${records.toLocaleString('en')} | ${full.requests} | ${fullTooMany} | ${(fullMs / 1000).toFixed(1)} | ${Math.round(rate)} | **${(rate / 1000).toFixed(3)}** |`,
    `| delta after 1 % changed | ${delta.status} | ${(delta.jobsUpserted + delta.candidatesUpserted + delta.skipped).toLocaleString('en')} | ${delta.requests} | ${tooMany - fullTooMany} | ${(deltaMs / 1000).toFixed(1)} | — | — |`,
    '',
    `**Delta requests ÷ full requests: ${delta.requests}/${full.requests} = ${(delta.requests / full.requests).toFixed(4)}** (goal ≤ ${(1 / 50).toFixed(4)}). 429 responses during the full sync: **${fullTooMany}**. Peak RSS of the sync process during the full sync: **${mb(fullPeak)}** (before: ${mb(rssBefore)}); ATS child peak RSS: ${mb(atsPeak)}. Response time of the full sync's requests (headers received): p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms.`,
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
  await ats.close();
  await careersRuntime.close();
}
