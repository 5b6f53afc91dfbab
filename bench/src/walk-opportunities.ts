// Walk all opportunities page by page (issue 3): keyset pagination must keep the time per page flat from the
// first page to the last. Seeds N opportunities (default 100k) into a throwaway database, then follows `next`
// with limit=100 over HTTP and compares the first and last tenth of the pages.
//   node bench/src/walk-opportunities.ts [--count 100000] [--no-write]
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { AtsDb } from '@hireloop/ats/db';
import { seedDemo } from '@hireloop/ats/seed/demo.seed';
import { seedScale } from '@hireloop/ats/seed/scale.seed';
import { createApiKey } from '@hireloop/ats/domain/api-keys/api-key.service';
import { findAccountBySite } from '@hireloop/ats/domain/accounts/account.service';
import { databaseLabel, startHireloop } from './hireloop.ts';
import { loadAverage, machine, redactedUrl } from './machine.ts';
import { median } from './stats.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '100000' }, 'no-write': { type: 'boolean', default: false } },
});
const COUNT = Number(values.count);
process.env.API_RATE_LIMIT_PER_SECOND = '1000000';
process.env.API_RATE_LIMIT_BURST = '1000000';
process.env.LOG_LEVEL ??= 'warn';

const side = await startHireloop();
try {
  const db = side.server.runtime.database.kysely<AtsDb>() as Kysely<AtsDb>;
  await seedDemo(db, { publicUrl: side.url });
  const seeded = await seedScale(db, 'acme', COUNT);
  const account = await findAccountBySite(db, 'acme');
  const { secret } = await createApiKey(db, {
    accountId: account!.id,
    name: 'walk',
    permissions: ['opportunities:list'],
  });
  const headers = { authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` };
  const loadBefore = loadAverage();
  const pageMs: number[] = [];
  let offset: string | undefined;
  let rows = 0;
  const started = performance.now();
  for (;;) {
    const t0 = performance.now();
    const res = await fetch(`${side.url}/v1/opportunities?limit=100${offset ? `&offset=${offset}` : ''}`, {
      headers,
    });
    const page = (await res.json()) as { data: unknown[]; hasNext: boolean; next?: string };
    pageMs.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`page ${pageMs.length}: ${res.status}`);
    rows += page.data.length;
    if (!page.hasNext || !page.next) break;
    offset = page.next;
  }
  const totalS = (performance.now() - started) / 1000;
  const tenth = Math.max(1, Math.floor(pageMs.length / 10));
  const first = median(pageMs.slice(0, tenth));
  const last = median(pageMs.slice(-tenth));
  const lines = [
    `## ${new Date().toISOString().slice(0, 10)} — walk-opportunities`,
    '',
    `Walk every opportunity with \`GET /v1/opportunities?limit=100\`, following \`next\` (keyset), ${databaseLabel()}.`,
    '',
    `- Command: \`${process.env.DATABASE_URL ? `DATABASE_URL=${redactedUrl(process.env.DATABASE_URL)} ` : ''}node bench/src/walk-opportunities.ts --count ${COUNT}\``,
    `- Machine: ${machine()}; load average ${loadBefore} before the walk, ${loadAverage()} after`,
    `- Seeded ${seeded.created.toLocaleString('en-US')} opportunities (+ demo) in ${(seeded.ms / 1000).toFixed(1)} s; walked ${rows.toLocaleString('en-US')} rows in ${pageMs.length.toLocaleString('en-US')} pages, ${totalS.toFixed(1)} s`,
    `- Median time per page: first tenth ${first.toFixed(1)} ms, last tenth ${last.toFixed(1)} ms — **last/first ${(last / first).toFixed(2)}** (flat ≈ 1)`,
    '',
  ].join('\n');
  console.log(lines);
  if (!values['no-write']) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../BENCHMARKS.md');
    fs.appendFileSync(file, `${lines}\n`);
  }
} finally {
  await side.close();
}
