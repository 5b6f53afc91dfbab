// P3 (issue 4): webhook deliveries/s vs the pg-boss trivial-job rate, measured alternately in one run, and
// commit → receiver latency at half the delivery rate. Not an HTTP A/B pair (bench/src/run.ts): the work
// is a pipeline, so this file is its own runner:
//   node bench/src/pairs/webhooks-delivery.ts [--events 2000] [--rounds 3] [--latency-seconds 10] [--no-write]
// Both sides get the same producer: `events` commits, 8 at a time, each its own transaction —
//   baseline: one pg-boss job (no-op handler) per commit, the webhook retry queue's worker settings;
//   target:   one ATS event per commit through the real events port (event row + outbox row), fanned out to
//             one webhook, signed POST to a local node:http receiver (200), attempt stored.
// Rate = items / (first commit → last job done | last delivery stored). With DATABASE_URL: a fresh
// PostgreSQL database; otherwise in-memory PGlite.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import type { HireloopModule } from '@hireloop/platform';
import { createTestRuntime } from '@hireloop/platform/testing';
import type { AtsDb } from '@hireloop/ats/db';
import { atsContext, atsModule } from '@hireloop/ats';
import { createAccount } from '@hireloop/ats/domain/accounts/account.service';
import { createWebhook } from '@hireloop/ats/domain/webhooks/webhook.service';
import { webhookDeps } from '@hireloop/ats/domain/webhooks/webhook-deps';
import { WEBHOOK_OUTBOX_POLL_SECONDS, WEBHOOK_WORKER_SETTINGS } from '@hireloop/ats/jobs/webhook.jobs';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    'latency-seconds': { type: 'string', default: '10' },
    'no-write': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(values.events);
const ROUNDS = Number(values.rounds);
const LATENCY_SECONDS = Number(values['latency-seconds']);
const PRODUCERS = 8;
const NOOP_JOB = 'bench.noop';

let noopDone = 0;
const benchModule: HireloopModule = {
  name: 'bench',
  jobs: () => [
    {
      // The webhook queues' own worker settings (batch size, poll, notify), never a copy.
      name: NOOP_JOB,
      concurrency: WEBHOOK_WORKER_SETTINGS.concurrency,
      pollingIntervalSeconds: WEBHOOK_WORKER_SETTINGS.pollingIntervalSeconds,
      queue: { notify: WEBHOOK_WORKER_SETTINGS.notify },
      handler: async () => {
        noopDone++;
      },
    },
  ],
};

const runtime = await createTestRuntime([atsModule, benchModule], {
  allowPrivateWebhooks: true,
  logLevel: 'silent',
});
const db = runtime.database.kysely<AtsDb>();
const arrivals = new Map<string, number>();
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { opportunityId: string } };
    arrivals.set(body.data.opportunityId, performance.now());
    res.writeHead(200).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const account = await db
  .transaction()
  .execute((trx) => createAccount(trx, { site: `bench${Date.now()}`, name: 'Bench' }));
await createWebhook(
  db,
  webhookDeps(runtime),
  account.id,
  { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, event: 'candidateStageChange' },
  'api',
);
await runtime.queue.startWorkers();

async function produce(count: number, commit: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (next < count) await commit(next++);
    }),
  );
}

const stageChange = (opportunityId: string) => ({
  opportunityId,
  candidateId: opportunityId,
  contactId: opportunityId,
  fromStageId: 'lead-new',
  toStageId: 'offer',
});
const emit = (opportunityId: string) =>
  db
    .transaction()
    .execute((trx) =>
      atsContext(runtime).events.emit(
        trx,
        account.id,
        'candidateStageChange',
        stageChange(opportunityId),
        'applied',
      ),
    );
const succeeded = async () =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from ats.webhook_delivery where status = 'succeeded'`.execute(db)
  ).rows[0]!.n;

async function waitUntil(done: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 20));
}

async function baselineRound(): Promise<number> {
  const start = performance.now();
  const target = noopDone + EVENTS;
  await produce(EVENTS, () =>
    db.transaction().execute(async (trx) => {
      await runtime.queue.enqueue(trx as unknown as Kysely<unknown>, NOOP_JOB, {});
    }),
  );
  await waitUntil(() => noopDone >= target);
  return EVENTS / ((performance.now() - start) / 1000);
}

async function targetRound(): Promise<number> {
  const before = await succeeded();
  const arrived = arrivals.size;
  const start = performance.now();
  await produce(EVENTS, () => emit(crypto.randomUUID()));
  // The end is still "attempt stored" (the count below), but polled only once every POST has arrived:
  // a count(*) every 20 ms over a growing table would load the target side only (the baseline's wait
  // reads an in-memory counter).
  await waitUntil(() => arrivals.size >= arrived + EVENTS);
  await waitUntil(async () => (await succeeded()) >= before + EVENTS);
  return EVENTS / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

await baselineRound(); // warm-up, both sides
await targetRound();
const rows: { baseline: number; target: number }[] = [];
for (let i = 0; i < ROUNDS; i++) rows.push({ baseline: await baselineRound(), target: await targetRound() });
const ratio = median(rows.map((r) => r.target / r.baseline));
const rate = median(rows.map((r) => r.target));

// Latency: commits at half the delivery rate, one at a time on a timer; latency = arrival − commit.
const halfRate = rate / 2;
const commits = new Map<string, number>();
const total = Math.round(halfRate * LATENCY_SECONDS);
const t0 = performance.now();
for (let i = 0; i < total; i++) {
  const due = t0 + (i * 1000) / halfRate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const id = crypto.randomUUID();
  void emit(id).then(() => commits.set(id, performance.now()));
}
await waitUntil(() => [...commits.keys()].every((id) => arrivals.has(id)) && commits.size === total);
const latencies = [...commits].map(([id, at]) => arrivals.get(id)! - at);
const p50 = pct(latencies, 50);
const p99 = pct(latencies, 99);

const label = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const command = `${process.env.DATABASE_URL ? 'DATABASE_URL=… ' : ''}node bench/src/pairs/webhooks-delivery.ts --events ${EVENTS} --rounds ${ROUNDS} --latency-seconds ${LATENCY_SECONDS}`;
const md = [
  `## ${new Date().toISOString().slice(0, 10)} — webhooks (P3) on ${label}`,
  '',
  'Webhook deliveries/s (commit → fan-out → signed POST → 200 → attempt stored) vs pg-boss trivial jobs/s (commit → no-op job done), alternating in one process; then commit → receiver latency at half the delivery rate.',
  '',
  `- Command: \`${command}\``,
  `- Machine: nproc ${os.cpus().length} (${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
  `- Settings: ${EVENTS} items per round, ${PRODUCERS} concurrent producers (one transaction per item), ${ROUNDS} rounds after a warm-up; baseline: pg-boss fetches of ${WEBHOOK_WORKER_SETTINGS.concurrency}, notify + ${WEBHOOK_WORKER_SETTINGS.pollingIntervalSeconds} s poll; target: outbox loop, passes of ≤ ${webhookDeps(runtime).batchSize} events, NOTIFY + ${WEBHOOK_OUTBOX_POLL_SECONDS} s poll`,
  '',
  '| round | pg-boss trivial jobs/s | webhook deliveries/s | ratio |',
  '|---:|---:|---:|---:|',
  ...rows.map(
    (r, i) => `| ${i + 1} | ${fmt(r.baseline)} | ${fmt(r.target)} | ${(r.target / r.baseline).toFixed(2)} |`,
  ),
  '',
  `**Median ratio deliveries/s ÷ trivial jobs/s: ${ratio.toFixed(2)}** (target ≥ 1.0)`,
  '',
  `Commit → receiver latency at ${fmt(halfRate)} events/s (${total} events): **p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms** (target p99 ≤ 250 ms)`,
  '',
].join('\n');
console.log(md);
if (!values['no-write']) {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../BENCHMARKS.md');
  fs.appendFileSync(file, `\n${md}`);
}
receiver.closeAllConnections();
receiver.close();
await runtime.close();
