// healthz: Hireloop's /healthz through the full app (request ids, security headers, access log, error
// handler, metrics hooks) against bare Fastify answering the same JSON.
import { startStaticJson } from '../baselines.ts';
import { databaseLabel, startHireloop } from '../hireloop.ts';
import type { Pair } from '../pair.ts';

export const healthzPair: Pair = {
  name: 'healthz',
  description: 'GET /healthz on the full Hireloop app vs bare Fastify hello (same JSON body)',
  baseline: { label: 'bare Fastify hello', start: () => startStaticJson('/healthz', { status: 'ok' }) },
  target: { label: `Hireloop /healthz (${databaseLabel()})`, start: startHireloop },
  request: () => ({ path: '/healthz' }),
};
