// Loads what `?expand=` needs for a whole page at once — the users named by owner, followers and sourcedBy,
// and the applications — one query each and only when asked (no N+1). Stage names need no query: the view
// carries its stage's name (opportunity-view.ts).
import type { OpportunityExpand, Stage, User } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import { findUsersByIds } from '../users/user.repository.ts';
import { toLeverUser } from '../users/user.wire.ts';
import { listApplicationViews } from './application.repository.ts';
import { toLeverApplication } from './application.wire.ts';
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
  const [users, applications] = await Promise.all([
    findUsersByIds(db, accountId, [...userIds]),
    expand.has('applications')
      ? listApplicationViews(
          db,
          views.map((o) => o.id),
        )
      : [],
  ]);
  // A stage id the account does not define stays unmapped; toLeverOpportunity shows it with empty text.
  const stages = new Map<string, Stage>();
  if (expand.has('stage')) {
    for (const o of views)
      if (o.stage_text !== null) stages.set(o.stage_id, { id: o.stage_id, text: o.stage_text });
  }
  const byOpportunity = new Map<string, ReturnType<typeof toLeverApplication>[]>();
  for (const a of applications) {
    const list = byOpportunity.get(a.opportunity_id) ?? [];
    list.push(toLeverApplication(a));
    byOpportunity.set(a.opportunity_id, list);
  }
  return {
    expand,
    stages,
    users: new Map(users.map((u) => [u.id, toLeverUser(u) as User])),
    applications: byOpportunity,
  };
}
