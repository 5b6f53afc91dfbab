// Loads what `?expand=` needs for a whole page at once — the users named by owner, followers and sourcedBy,
// the contacts and the applications — one query each and only when asked (no N+1), rendered to JSON text once
// per object. Stage names need no query: the row carries its stage's name (opportunity-view.ts).
import type { OpportunityExpand } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import { findContactsByIds } from '../contacts/contact.repository.ts';
import { toLeverContact } from '../contacts/contact.wire.ts';
import { findUsersByIds } from '../users/user.repository.ts';
import { toLeverUser } from '../users/user.wire.ts';
import { listApplicationViews } from './application.repository.ts';
import { toLeverApplication } from './application.wire.ts';
import type { OpportunityWireRow } from './opportunity-view.ts';
import { NO_EXPANSIONS, type Expansions } from './opportunity.wire.ts';

export async function loadExpansions(
  db: AtsKysely,
  accountId: string,
  rows: readonly OpportunityWireRow[],
  expand: ReadonlySet<OpportunityExpand>,
): Promise<Expansions> {
  if (expand.size === 0 || rows.length === 0) return { ...NO_EXPANSIONS, expand };
  const userIds = new Set<string>();
  for (const o of rows) {
    if (expand.has('owner') && o.owner_id) userIds.add(o.owner_id);
    if (expand.has('sourcedBy') && o.sourced_by) userIds.add(o.sourced_by);
    if (expand.has('followers')) for (const f of JSON.parse(o.followers) as string[]) userIds.add(f);
  }
  const [users, contacts, applications] = await Promise.all([
    findUsersByIds(db, accountId, [...userIds]),
    expand.has('contact')
      ? findContactsByIds(db, accountId, [...new Set(rows.map((o) => o.contact_id))])
      : [],
    expand.has('applications')
      ? listApplicationViews(
          db,
          rows.map((o) => o.id),
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
    users: new Map(users.map((u) => [u.id, JSON.stringify(toLeverUser(u))])),
    contacts: new Map(contacts.map((c) => [c.id, JSON.stringify(toLeverContact(c))])),
    applications: new Map([...byOpportunity].map(([id, list]) => [id, JSON.stringify(list)])),
  };
}
