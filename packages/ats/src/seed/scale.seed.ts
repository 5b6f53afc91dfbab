// `seedScale`: N more opportunities in an existing account, fast — for benchmarks (`hireloop seed --scale N`,
// 100k in minutes on PGlite). Batches of BATCH_SIZE candidates, one transaction and four statements per
// batch (bulk-candidates.ts); progress ticks once per batch; VACUUM ANALYZE at the end. Candidates reuse the
// account's postings, stages and people; emails carry a per-run tag so repeated runs never collide.
import { sql, type Kysely } from 'kysely';
import type { AtsDb } from '../db.ts';
import { findAccountBySite } from '../domain/accounts/account.service.ts';
import { insertCandidates } from './bulk-candidates.ts';
import { makeCandidate } from './candidate-factory.ts';
import { createRng } from './prng.ts';
import { loadFactoryContext } from './seed-context.ts';

export const SCALE_BATCH_SIZE = 2_000;

export interface ScaleProgress {
  tick(n?: number): void;
  done(): void;
}

export async function seedScale(
  db: Kysely<AtsDb>,
  accountSite: string,
  count: number,
  progress?: (label: string, total: number) => ScaleProgress,
): Promise<{ site: string; created: number; ms: number }> {
  const started = Date.now();
  const account = await findAccountBySite(db, accountSite);
  if (!account) throw new Error(`No account with site "${accountSite}"; run the demo seed first`);
  const run = Date.now().toString(36);
  const ctx = await loadFactoryContext(db, account.id, `scale-${run}.`);
  const rng = createRng(count);
  const bar = progress?.('opportunities', count);
  let created = 0;
  while (created < count) {
    const size = Math.min(SCALE_BATCH_SIZE, count - created);
    const batch = Array.from({ length: size }, (_, i) => makeCandidate(rng, ctx, created + i + 1));
    await db.transaction().execute((trx) => insertCandidates(trx, account.id, batch));
    created += size;
    bar?.tick(size);
  }
  // What a bulk import should end with: fresh statistics, or the planner plans against the sizes before the
  // import until autovacuum gets there (a minute or more; never where it is off), and a vacuum, so that this
  // work does not land on the first minutes of requests (benchmarks measure right after seeding).
  await sql`vacuum (analyze) ats.contact, ats.opportunity, ats.stage_change, ats.application`.execute(db);
  bar?.done();
  return { site: accountSite, created, ms: Date.now() - started };
}
