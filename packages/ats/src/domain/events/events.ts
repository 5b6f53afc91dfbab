// The port every ATS state change reports through (reference §3.1). Domain functions call
// `events.emit(trx, …)` inside the transaction of the change, so the event and the change commit or roll
// back together (outbox semantics, DESIGN.md). The default implementation appends to ats.event_log; the
// webhooks area enqueues deliveries from there (or wraps this port to enqueue in the same transaction).
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

/** Runs in the transaction of every recorded event (the webhooks area enqueues its fan-out job: outbox). */
export type EventRecordedHook = (db: AtsKysely, eventId: string) => Promise<void>;

/**
 * The events port: one ats.event_log row per event, then `onRecorded` in the same transaction. Each
 * AtsContext builds one with the webhook fan-out as its hook (context.ts), so every process and every test
 * runtime enqueues on its own queue.
 */
export function createEventLog(onRecorded?: EventRecordedHook): AtsEvents {
  return {
    async emit(db, accountId, event, data, origin) {
      const { id } = await db
        .insertInto('ats.event_log')
        .values({ account_id: accountId, event, data: JSON.stringify(data), origin: origin ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await onRecorded?.(db, id);
    },
  };
}
