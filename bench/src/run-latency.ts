// The latency side of the runner (`npm run bench -- <latency-bench> [--samples 30] [--warmup-samples 2]
// [--variant V] [--no-write]`): starts the benchmark, then per variant prepares it, discards the warm-up
// samples and takes `samples` samples one after the other; prints each, then p50/p95/p99/max against the
// variant's targets, and appends a dated section to BENCHMARKS.md with the exact command.
import fs from 'node:fs';
import type { LatencyBench } from './pair.ts';
import { latencyMarkdown, percentile, type LatencyRow } from './stats.ts';

export interface LatencyOptions {
  readonly samples: number;
  readonly warmup: number;
  readonly variant: string | undefined;
  readonly write: boolean;
  readonly command: string;
  readonly machine: string;
  readonly benchmarksMd: string;
}

export async function runLatency(bench: LatencyBench, o: LatencyOptions): Promise<void> {
  if (!Number.isInteger(o.samples) || o.samples < 1 || !Number.isInteger(o.warmup) || o.warmup < 0)
    throw new Error('--samples takes a whole number ≥ 1, --warmup-samples ≥ 0');
  const variants = bench.variants.filter((v) => !o.variant || v.name === o.variant);
  if (variants.length === 0)
    throw new Error(`no variant ${o.variant}; known: ${bench.variants.map((v) => v.name).join(', ')}`);
  const running = await bench.start();
  const rows: LatencyRow[] = [];
  try {
    for (const v of variants) {
      await running.prepare?.(v.name);
      for (let i = 0; i < o.warmup; i++) await running.sample(v.name, -1 - i);
      const samples: number[] = [];
      for (let i = 0; i < o.samples; i++) {
        const ms = await running.sample(v.name, i);
        samples.push(ms);
        console.log(`${v.name} ${i + 1}/${o.samples}: ${Math.round(ms)} ms`);
      }
      rows.push({ label: v.label, samples, target: v.target });
      console.log(
        `${v.name}: p50 ${Math.round(percentile(samples, 50))} p95 ${Math.round(percentile(samples, 95))} p99 ${Math.round(percentile(samples, 99))} ms`,
      );
    }
  } finally {
    await running.close();
  }
  const markdown = latencyMarkdown({
    date: new Date().toISOString().slice(0, 10),
    name: bench.name,
    description: bench.description,
    command: o.command,
    machine: o.machine,
    settings: `${o.samples} sequential samples per variant after ${o.warmup} discarded warm-up samples${running.notes ? `; ${running.notes}` : ''}`,
    rows,
  });
  console.log(`\n${markdown}`);
  if (o.write) {
    fs.appendFileSync(o.benchmarksMd, `${markdown}\n`);
    console.log(`appended to ${o.benchmarksMd}`);
  }
}
