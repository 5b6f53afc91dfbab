// `npm run bench -- <pair> [--rounds 5] [--duration 5] [--warmup 2] [--connections 50] [--no-write]`
// Starts the pair's baseline and target in child processes (serve-side.ts), warms both up, then measures
// them alternately A/B for `rounds` rounds with autocannon, prints medians (req/s, p50/p99 latency) and the
// median of the per-round ratios, and appends a dated section to BENCHMARKS.md with the exact command.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { BenchRequest } from './pair.ts';
import { latencyBenches, pairs } from './pairs/index.ts';
import { machine, redactedUrl } from './machine.ts';
import type { PacedJob } from './paced-child.ts';
import { runLatency } from './run-latency.ts';
import { medianRatio, summarize, toMarkdown, type Report, type RoundResult } from './stats.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BENCHMARKS_MD = path.join(ROOT, 'BENCHMARKS.md');
/** Seconds of unrecorded paced load before each side's half-rate measurement. */
const PACED_SETTLE_S = 2;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    'no-write': { type: 'boolean', default: false },
    // Latency benchmarks (run-latency.ts): samples per variant, warm-up samples, one variant only.
    samples: { type: 'string', default: '30' },
    'warmup-samples': { type: 'string', default: '2' },
    variant: { type: 'string' },
  },
});
const pairName = positionals[0];
const latency = latencyBenches.get(pairName ?? '');
if (latency) {
  await runLatency(latency, {
    samples: Number(values.samples),
    warmup: Number(values['warmup-samples']),
    variant: values.variant,
    write: !values['no-write'],
    command: commandLine(),
    machine: machine(),
    benchmarksMd: BENCHMARKS_MD,
  });
  process.exit(0);
}
const pair = pairs.get(pairName ?? '');
if (!pair) {
  console.error(
    `usage: npm run bench -- <${[...pairs.keys(), ...latencyBenches.keys()].join('|')}> [--rounds N] [--duration S] [--connections C] | [--samples N] [--variant V]`,
  );
  process.exit(2);
}
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
if (![rounds, duration, warmup, connections].every((n) => Number.isInteger(n) && n >= 0) || rounds < 1) {
  console.error('--rounds, --duration, --warmup and --connections take whole numbers (rounds ≥ 1)');
  process.exit(2);
}

interface Child {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly headers: Record<string, string>;
}

function startSide(side: 'baseline' | 'target'): Promise<Child> {
  // The side's stdout (request logs) is discarded; its stderr shows problems.
  const proc = fork(path.join(HERE, 'serve-side.ts'), [pair!.name, side], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => {
      const { url, headers } = m as { url: string; headers: Record<string, string> };
      resolve({ proc, url, headers });
    });
    proc.once('exit', (code) => reject(new Error(`${side} exited with ${code} before it served`)));
  });
}

async function stopSide(child: Child | undefined): Promise<void> {
  if (!child || child.proc.exitCode !== null) return;
  const exited = new Promise((resolve) => child.proc.once('exit', resolve));
  child.proc.send('stop');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function measure(child: Child, request: BenchRequest, seconds: number): Promise<RoundResult> {
  const url = child.url;
  const result = await autocannon({
    url: url + request.path,
    method: request.method ?? 'GET',
    headers: { ...request.headers, ...child.headers },
    body: request.body,
    connections,
    duration: seconds,
  });
  const bad = result.errors + result.timeouts + result.non2xx;
  if (bad > 0) throw new Error(`${url}${request.path}: ${bad} failed requests (non-2xx, errors or timeouts)`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

function measurePacedInChild(job: PacedJob): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(path.join(HERE, 'paced-child.ts'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    proc.once('message', (m: { result?: RoundResult; error?: string }) =>
      m.result ? resolve(m.result) : reject(new Error(m.error)),
    );
    proc.once('exit', (code) => reject(new Error(`the paced load process exited with code ${code}`)));
    proc.send(job);
  });
}

function commandLine(): string {
  const env: string[] = [];
  if (process.env.DATABASE_URL) {
    env.push(`DATABASE_URL=${redactedUrl(process.env.DATABASE_URL)}`);
  }
  if (process.env.LOG_LEVEL) env.push(`LOG_LEVEL=${process.env.LOG_LEVEL}`);
  return [...env, 'npm run bench --', ...process.argv.slice(2)].join(' ');
}

const children: Child[] = [];
try {
  const [baseline, target] = await Promise.all([startSide('baseline'), startSide('target')]);
  children.push(baseline, target);
  const baseSide = { name: 'baseline' as const, child: baseline, rounds: [] as RoundResult[] };
  const targetSide = { name: 'target' as const, child: target, rounds: [] as RoundResult[] };
  const sides = [baseSide, targetSide];
  if (warmup > 0) for (const s of sides) await measure(s.child, pair.request(s.name), warmup);
  for (let i = 0; i < rounds; i++) {
    // Alternate which side goes first so neither always follows the other.
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    for (const s of order) {
      const r = await measure(s.child, pair.request(s.name), duration);
      s.rounds.push(r);
      console.log(
        `round ${i + 1}/${rounds} ${s.name.padEnd(8)} ${Math.round(r.rps)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms`,
      );
    }
  }
  // Latency at half the target's median max rate: the same evenly paced request rate against both sides.
  let halfRate: Report['halfRate'];
  if (pair.latencyAtHalfRate) {
    const rate = Math.max(1, Math.round(summarize('', targetSide.rounds).rps / 2));
    // Each side first gets PACED_SETTLE_S of the same paced load, not recorded: the measurement is the steady
    // state at half rate, not the way out of the overload rounds just before (50 connections closing, the old
    // generation they filled being collected), which put 12–17 ms event-loop stalls into the first second.
    // The load comes from a process of its own (paced-child.ts).
    const paced = (child: Child, side: 'baseline' | 'target') => {
      const request = pair.request(side);
      const headers = { ...request.headers, ...child.headers };
      return measurePacedInChild({
        url: child.url,
        request,
        headers,
        settleSeconds: PACED_SETTLE_S,
        seconds: duration,
        rate,
      });
    };
    const [b, t] = [await paced(baseline, 'baseline'), await paced(target, 'target')];
    halfRate = { rate, baseline: b, target: t };
    console.log(
      `at ${rate} req/s: baseline p50 ${b.p50} p99 ${b.p99} ms; target p50 ${t.p50} p99 ${t.p99} ms`,
    );
  }
  const report: Report = {
    date: new Date().toISOString().slice(0, 10),
    pair: pair.name,
    description: pair.description,
    command: commandLine(),
    machine: machine(),
    settings: `${rounds} alternating A/B rounds of ${duration} s after ${warmup} s warm-up each; ${connections} connections; autocannon in the runner process, each side in its own child process; Hireloop LOG_LEVEL ${process.env.LOG_LEVEL ?? 'info'} (request logs written, then discarded)${pair.latencyAtHalfRate ? `; half-rate latency measured for ${duration} s per side after ${PACED_SETTLE_S} s of the same paced load unrecorded, from a process of its own` : ''}`,
    baseline: summarize(pair.baseline.label, baseSide.rounds),
    target: summarize(pair.target.label, targetSide.rounds),
    ratio: medianRatio(targetSide.rounds, baseSide.rounds),
    halfRate,
  };
  const markdown = toMarkdown(report);
  console.log(`\n${markdown}`);
  if (!values['no-write']) {
    if (!fs.existsSync(BENCHMARKS_MD)) {
      fs.writeFileSync(
        BENCHMARKS_MD,
        '# Benchmarks\n\nAppended by `npm run bench -- <pair>` (bench/README.md). Each section is one run: a Hireloop target\nagainst its baseline, measured alternately in the same run; compare ratios, not absolute numbers, across machines.\n\n',
      );
    }
    fs.appendFileSync(BENCHMARKS_MD, `${markdown}\n`);
    console.log(`appended to ${path.relative(process.cwd(), BENCHMARKS_MD)}`);
  }
} finally {
  await Promise.all(children.map(stopSide));
}
