// Event payloads shared by the opportunity writers (reference §3.1), so each change is reported the same
// way wherever it happens.
import type { Archived } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import type { AtsEvents } from '../events/events.ts';
import type { OpportunityRow } from './opportunity.repository.ts';

export const eventIds = (o: OpportunityRow) => ({
  opportunityId: o.id,
  candidateId: o.id,
  contactId: o.contact_id,
});

export const archivedOf = (o: Pick<OpportunityRow, 'archive_reason_id' | 'archived_at'>): Archived | null =>
  o.archive_reason_id && o.archived_at
    ? { reason: o.archive_reason_id, archivedAt: o.archived_at.getTime() }
    : null;

/** candidateArchiveChange, then candidateHired when the new reason is a Hired one. */
export async function archiveEvents(
  db: AtsKysely,
  events: AtsEvents,
  o: OpportunityRow,
  fromArchived: Archived | null,
  toArchived: Archived | null,
  hired: boolean,
): Promise<void> {
  await events.emit(
    db,
    o.account_id,
    'candidateArchiveChange',
    { ...eventIds(o), fromArchived, toArchived },
    o.origin,
  );
  if (hired) await events.emit(db, o.account_id, 'candidateHired', eventIds(o), o.origin);
}
