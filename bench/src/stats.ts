// Pure helpers of the runner: medians, per-round ratios and the Markdown report.

export interface RoundResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface SideSummary {
  readonly label: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly rounds: readonly RoundResult[];
}

export function summarize(label: string, rounds: readonly RoundResult[]): SideSummary {
  return {
    label,
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
  };
}

/** Median of the per-round ratios target/baseline (rounds are paired A/B, so drift cancels out). */
export function medianRatio(target: readonly RoundResult[], baseline: readonly RoundResult[]): number {
  if (target.length !== baseline.length) throw new Error('rounds must pair up');
  return median(target.map((t, i) => t.rps / baseline[i]!.rps));
}

export interface Report {
  readonly date: string;
  readonly pair: string;
  readonly description: string;
  readonly command: string;
  readonly machine: string;
  readonly settings: string;
  readonly baseline: SideSummary;
  readonly target: SideSummary;
  readonly ratio: number;
  /** Latency of both sides at an evenly paced rate of half the target's median max (pairs with latencyAtHalfRate). */
  readonly halfRate?: { rate: number; baseline: RoundResult; target: RoundResult };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function toMarkdown(r: Report): string {
  const row = (s: SideSummary): string =>
    `| ${s.label} | ${fmt(s.rps)} | ${fmt(s.p50, 1)} | ${fmt(s.p99, 1)} | ${s.rounds.map((x) => fmt(x.rps)).join(', ')} |`;
  return [
    `## ${r.date} — ${r.pair}`,
    '',
    r.description,
    '',
    `- Command: \`${r.command}\``,
    `- Machine: ${r.machine}`,
    `- Settings: ${r.settings}`,
    '',
    '| side | median req/s | p50 ms | p99 ms | req/s per round |',
    '|---|---:|---:|---:|---|',
    row(r.baseline),
    row(r.target),
    '',
    `**Median ratio target/baseline: ${fmt(r.ratio, 3)}** (${fmt(r.ratio * 100, 1)} % of baseline throughput)`,
    '',
    ...(r.halfRate
      ? [
          `At half the target's max rate (${fmt(r.halfRate.rate)} req/s, evenly paced): target p50 ${fmt(r.halfRate.target.p50, 1)} ms, ` +
            `**p99 ${fmt(r.halfRate.target.p99, 1)} ms**; baseline p50 ${fmt(r.halfRate.baseline.p50, 1)} ms, p99 ${fmt(r.halfRate.baseline.p99, 1)} ms.`,
          '',
        ]
      : []),
  ].join('\n');
}

/** Nearest-rank percentile (p in 0–100) of the samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface LatencyRow {
  readonly label: string;
  readonly samples: readonly number[];
  readonly target?: { readonly p95?: number; readonly p99?: number };
}

export interface LatencyReport {
  readonly date: string;
  readonly name: string;
  readonly description: string;
  readonly command: string;
  readonly machine: string;
  readonly settings: string;
  readonly rows: readonly LatencyRow[];
}

export function latencyMarkdown(r: LatencyReport): string {
  const ms = (n: number) => fmt(n);
  const verdict = (row: LatencyRow) => {
    const checks = Object.entries(row.target ?? {}).map(([k, limit]) => {
      const got = percentile(row.samples, Number(k.slice(1)));
      return `${k} ≤ ${ms(limit)}: ${got <= limit ? 'met' : 'MISSED'}`;
    });
    return checks.length ? checks.join('; ') : '—';
  };
  return [
    `## ${r.date} — ${r.name}`,
    '',
    r.description,
    '',
    `- Command: \`${r.command}\``,
    `- Machine: ${r.machine}`,
    `- Settings: ${r.settings}`,
    '',
    '| variant | n | p50 ms | p95 ms | p99 ms | max ms | target |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...r.rows.map(
      (row) =>
        `| ${row.label} | ${row.samples.length} | ${ms(percentile(row.samples, 50))} | ${ms(percentile(row.samples, 95))} | ${ms(percentile(row.samples, 99))} | ${ms(Math.max(...row.samples))} | ${verdict(row)} |`,
    ),
    '',
  ].join('\n');
}
