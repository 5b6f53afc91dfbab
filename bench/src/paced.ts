// Open-model load at a fixed rate, for "p99 at half the max rate": requests leave on an even schedule (one every
// 1/rate s) whether or not earlier ones have answered, and each latency counts from its scheduled departure, so
// a stall is not hidden by sending less (no coordinated omission). autocannon's `overallRate` is not this: each
// connection sends its quota for the second back to back when its one-second ticker fires, so the "fixed rate"
// arrives as one burst per second and its percentiles measure how long the burst takes to drain.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchRequest } from './pair.ts';
import { percentile, type RoundResult } from './stats.ts';

export async function measurePaced(
  url: string,
  request: BenchRequest,
  headers: Record<string, string>,
  seconds: number,
  rate: number,
): Promise<RoundResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const interval = 1000 / rate;
  const total = Math.max(1, Math.round(seconds * rate));
  const latencies: number[] = [];
  const failures: string[] = [];
  const sent: Promise<void>[] = [];
  const start = performance.now();
  try {
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sent.push(
        send(agent, url + request.path, request, headers).then(
          (status) => {
            if (status >= 200 && status < 300) latencies.push(performance.now() - due);
            else failures.push(`HTTP ${status}`);
          },
          (e: Error) => void failures.push(e.message),
        ),
      );
    }
    await Promise.all(sent);
  } finally {
    agent.destroy();
  }
  if (failures.length > 0) {
    throw new Error(`${url}${request.path}: ${failures.length} failed requests (${failures[0]})`);
  }
  return {
    rps: latencies.length / ((performance.now() - start) / 1000),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}

function send(
  agent: http.Agent,
  url: string,
  request: BenchRequest,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: request.method ?? 'GET', headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(request.body);
  });
}
