// Loads what `?expand=` needs for a whole page at once — the account's stages, the users named by owner,
// followers and sourcedBy, and the applications — one query each and only when asked (no N+1).
import type { OpportunityExpand, User } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import { findUsersByIds } from '../users/user.repository.ts';
import { toLeverUser } from '../users/user.wire.ts';
import { listApplicationViews } from './application.repository.ts';
import { toLeverApplication } from './application.wire.ts';
import { listStages } from './opportunity.repository.ts';
import type { OpportunityView } from './opportunity-view.ts';
import { NO_EXPANSIONS, type Expansions } from './opportunity.wire.ts';

export async function loadExpansions(
  db: AtsKysely,
  accountId: string,
  views: readonly OpportunityView[],
  expand: ReadonlySet<OpportunityExpand>,
): Promise<Expansions> {
  if (expand.size === 0 || views.length === 0) return { ...NO_EXPANSIONS, expand };
  const userIds = new Set<string>();
  for (const o of views) {
    if (expand.has('owner') && o.owner_id) userIds.add(o.owner_id);
    if (expand.has('sourcedBy') && o.sourced_by) userIds.add(o.sourced_by);
    if (expand.has('followers')) for (const f of o.followers) userIds.add(f);
  }
  const [stages, users, applications] = await Promise.all([
    expand.has('stage') ? listStages(db, accountId) : [],
    findUsersByIds(db, accountId, [...userIds]),
    expand.has('applications')
      ? listApplicationViews(
          db,
          views.map((o) => o.id),
        )
      : [],
  ]);
  const byOpportunity = new Map<string, ReturnType<typeof toLeverApplication>[]>();
  for (const a of applications) {
    const list = byOpportunity.get(a.opportunity_id) ?? [];
    list.push(toLeverApplication(a));
    byOpportunity.set(a.opportunity_id, list);
  }
  return {
    expand,
    stages: new Map(stages.map((s) => [s.id, { id: s.id, text: s.text }])),
    users: new Map(users.map((u) => [u.id, toLeverUser(u) as User])),
    applications: byOpportunity,
  };
}
