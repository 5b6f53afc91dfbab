// P2 (issue 3): `GET /v1/opportunities?limit=100&expand=stage` on 100k opportunities against bare Fastify
// returning a static JSON of the same size (the target's own first page, captured at start), plus p99 at half
// the target's max rate. OPPORTUNITIES=N changes the seeded count (default 100000).
import type { Kysely } from 'kysely';
import type { AtsDb } from '@hireloop/ats/db';
import { seedDemo } from '@hireloop/ats/seed/demo.seed';
import { seedScale } from '@hireloop/ats/seed/scale.seed';
import { createApiKey } from '@hireloop/ats/domain/api-keys/api-key.service';
import { findAccountBySite } from '@hireloop/ats/domain/accounts/account.service';
import { startStaticJson } from '../baselines.ts';
import { databaseLabel, startHireloop } from '../hireloop.ts';
import type { Pair } from '../pair.ts';

const PATH = '/v1/opportunities?limit=100&expand=stage';
const COUNT = Number(process.env.OPPORTUNITIES ?? 100_000);

async function startTarget(count = COUNT) {
  process.env.API_RATE_LIMIT_PER_SECOND = '1000000';
  process.env.API_RATE_LIMIT_BURST = '1000000';
  const side = await startHireloop();
  const db = side.server.runtime.database.kysely<AtsDb>() as Kysely<AtsDb>;
  await seedDemo(db, { publicUrl: side.url });
  await seedScale(db, 'acme', count);
  const account = await findAccountBySite(db, 'acme');
  const { secret } = await createApiKey(db, {
    accountId: account!.id,
    name: 'bench',
    permissions: ['opportunities:list'],
  });
  return {
    ...side,
    requestHeaders: { authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` },
  };
}

/** The baseline serves a page of the same shape and size: made by a throwaway target, then frozen. */
async function startBaseline() {
  const body = JSON.parse(process.env.P2_BASELINE_BODY ?? 'null') ?? (await captureFirstPage());
  return startStaticJson('/v1/opportunities', body);
}

/** A first page needs only 200 seeded rows (same generator, same shape and size as the target's). */
async function captureFirstPage(): Promise<unknown> {
  const target = await startTarget(200);
  try {
    const res = await fetch(target.url + PATH, { headers: target.requestHeaders });
    return await res.json();
  } finally {
    await target.close();
  }
}

export const opportunitiesListPair: Pair = {
  name: 'opportunities-list',
  description: `P2: GET ${PATH} on ${COUNT.toLocaleString('en-US')} opportunities vs bare Fastify returning an equally large static JSON`,
  baseline: { label: 'bare Fastify, static page of 100 opportunities', start: startBaseline },
  target: { label: `Hireloop /v1/opportunities (${databaseLabel()})`, start: () => startTarget() },
  request: () => ({ path: PATH }),
  latencyAtHalfRate: true,
};
