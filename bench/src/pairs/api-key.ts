// P1 (issue 3): an API-key-checked endpoint that needs no database once the key lookup is cached
// (`GET /v1/credential`: Basic auth → cached key → rate budget → permission-free answer) against bare Fastify
// hello. The rate budget is raised for the run (API_RATE_LIMIT_*): the bench measures the auth path, not 429s.
import type { Kysely } from 'kysely';
import type { AtsDb } from '@hireloop/ats/db';
import { createAccount } from '@hireloop/ats/domain/accounts/account.service';
import { createApiKey } from '@hireloop/ats/domain/api-keys/api-key.service';
import { startStaticJson } from '../baselines.ts';
import { databaseLabel, startHireloop } from '../hireloop.ts';
import type { Pair } from '../pair.ts';

export async function startHireloopWithKey(permissions: string[]) {
  process.env.API_RATE_LIMIT_PER_SECOND = '1000000';
  process.env.API_RATE_LIMIT_BURST = '1000000';
  const side = await startHireloop();
  const db = side.server.runtime.database.kysely<AtsDb>() as Kysely<AtsDb>;
  const account = await db
    .transaction()
    .execute((trx) => createAccount(trx, { site: 'bench', name: 'Bench Inc' }));
  const { secret } = await createApiKey(db, { accountId: account.id, name: 'bench', permissions });
  return {
    ...side,
    requestHeaders: { authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` },
  };
}

export const apiKeyPair: Pair = {
  name: 'api-key',
  description:
    'P1: GET /v1/credential (API key checked, no database after the cached key lookup) vs bare Fastify hello',
  baseline: {
    label: 'bare Fastify hello',
    start: () => startStaticJson('/v1/credential', { hello: 'world' }),
  },
  target: {
    label: `Hireloop /v1/credential (${databaseLabel()})`,
    start: () => startHireloopWithKey(['stages:list']),
  },
  request: () => ({ path: '/v1/credential' }),
};
