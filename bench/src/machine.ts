// What every BENCHMARKS.md section says about where it ran, and how it shows a database URL.
import os from 'node:os';

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return (
    `nproc ${os.availableParallelism()} (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` +
    `Node ${process.version}, ${os.platform()} ${os.release()}`
  );
}

/** The 1/5/15-minute load averages: the machine is shared, so they explain outliers. */
export const loadAverage = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

/** A database URL with its password masked, for a recorded command line. */
export function redactedUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
