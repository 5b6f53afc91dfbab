// The ATS locations and teams the matching page lists: read from the postings (Lever has no locations
// API; a posting's categories.location / categories.team strings are what hires carry).
import { collect } from '@hireloop/lever';
import type { OnboardingContext } from '../../context.ts';
import { withLever } from '../connection/connection.service.ts';
import { recordSeenValues } from './mapping.repository.ts';

export async function refreshAtsValues(ctx: OnboardingContext, organizationId: string): Promise<number> {
  const postings = await withLever(ctx, organizationId, (client) => collect(client.postings.list({})));
  const counts = { location: new Map<string, number>(), team: new Map<string, number>() };
  for (const p of postings) {
    for (const kind of ['location', 'team'] as const) {
      const value = p.categories[kind];
      if (value) counts[kind].set(value, (counts[kind].get(value) ?? 0) + 1);
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const kind of ['location', 'team'] as const)
      await recordSeenValues(trx, organizationId, kind, counts[kind]);
  });
  return postings.length;
}
