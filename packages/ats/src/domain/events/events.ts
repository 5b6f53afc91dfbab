// The port every ATS state change reports through (reference §3.1). Domain functions call
// `events.emit(trx, …)` inside the transaction of the change, so the event and the change commit or roll
// back together (outbox semantics, DESIGN.md). The default implementation appends to ats.event_log; the
// webhooks area adds its outbox row in the same statement (context.ts → recordForFanout).
import { randomUUID } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import type { Archived } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';

/** Lever's event names and `data` keys (§3.1); `candidateId` is the legacy alias of `opportunityId`. */
export interface AtsEventData {
  applicationCreated: {
    applicationId: string;
    opportunityId: string;
    candidateId: string;
    contactId: string;
  };
  candidateStageChange: {
    opportunityId: string;
    candidateId: string;
    contactId: string;
    fromStageId: string | null;
    toStageId: string;
  };
  candidateArchiveChange: {
    opportunityId: string;
    candidateId: string;
    contactId: string;
    fromArchived: Archived | null;
    toArchived: Archived | null;
  };
  candidateHired: { opportunityId: string; candidateId: string; contactId: string };
  candidateDeleted: {
    opportunityId: string;
    candidateId: string;
    contactId: string;
    deletedBy: string | null;
  };
  contactCreated: { contactId: string; createdAt: number; accountId: string };
  contactUpdated: { contactId: string; updatedAt: number; accountId: string };
  // Hireloop extension events (never sent by real Lever): a posting changed; receivers re-fetch it.
  postingCreated: { postingId: string; createdAt: number };
  postingUpdated: { postingId: string; updatedAt: number };
  postingDeleted: { postingId: string; deletedAt: number };
}
export type AtsEventName = keyof AtsEventData;

export interface AtsEvents {
  /**
   * Records `event` for the account in the caller's transaction. `origin` is the opportunity's origin,
   * which webhooks filter on (`configuration.conditions.origins`, §3.4); undefined for contact events.
   */
  emit<E extends AtsEventName>(
    db: AtsKysely,
    accountId: string,
    event: E,
    data: AtsEventData[E],
    origin?: string,
  ): Promise<void>;
}

/**
 * The outbox step of every recorded event, in the caller's transaction: it must execute `insertEvent` (the
 * ats.event_log row, id `eventId`) — the webhooks area sends it in the same statement as its outbox row.
 */
export type EventRecordedHook = (db: AtsKysely, eventId: string, insertEvent: CompiledQuery) => Promise<void>;

/**
 * The events port: one ats.event_log row per event, written by `onRecorded` together with its webhook
 * outbox row (one round trip per event), or alone without a hook. Each AtsContext builds one with the
 * webhook outbox as its hook (context.ts).
 */
export function createEventLog(onRecorded?: EventRecordedHook): AtsEvents {
  return {
    async emit(db, accountId, event, data, origin) {
      // The id is made here so the row needs no RETURNING and can ride in the job's statement.
      const id = randomUUID();
      const insertEvent = db
        .insertInto('ats.event_log')
        .values({ id, account_id: accountId, event, data: JSON.stringify(data), origin: origin ?? null })
        .compile();
      if (onRecorded) await onRecorded(db, id, insertEvent);
      else await db.executeQuery(insertEvent);
    },
  };
}
