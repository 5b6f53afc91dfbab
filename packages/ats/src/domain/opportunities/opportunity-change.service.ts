// Changes to an existing opportunity (reference §2.3): stage, archive state (incl. hire), tags/sources/
// links, and soft delete. Each locks the visible row, writes, and reports through the events port in the
// caller's transaction. Not visible → 404, as if it did not exist.
import { AppError, Errors } from '@hireloop/platform';
import type { AtsKysely } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import type { AtsEvents } from '../events/events.ts';
import { setApplicationsHired, softDeleteApplications } from './application.repository.ts';
import {
  insertStageChange,
  lockVisibleOpportunity,
  updateOpportunity,
  type OpportunityRow,
} from './opportunity.repository.ts';
import { resolveArchiveReason, resolveStage, unique } from './opportunity-input.ts';
import { archiveEvents, archivedOf, eventIds } from './opportunity-events.ts';

export const opportunityNotFound = (): AppError =>
  new AppError(Errors.NotFound, 'That opportunity does not exist on your account');

async function lock(db: AtsKysely, vis: Visibility, id: string): Promise<OpportunityRow> {
  const o = await lockVisibleOpportunity(db, vis, id);
  if (!o) throw opportunityNotFound();
  return o;
}

/** PUT /opportunities/:id/stage: a new stage change and lastAdvancedAt; moving to the current stage is a no-op. */
export async function changeStage(
  db: AtsKysely,
  events: AtsEvents,
  vis: Visibility,
  id: string,
  stageId: string,
  userId: string | null,
  now = new Date(),
): Promise<OpportunityRow> {
  const o = await lock(db, vis, id);
  const { stage, index } = await resolveStage(db, vis.accountId, stageId);
  if (stage.id === o.stage_id) return o;
  const updated = await updateOpportunity(db, vis.accountId, o.id, {
    stage_id: stage.id,
    last_advanced_at: now,
    updated_at: now,
    last_interaction_at: now,
  });
  await insertStageChange(db, {
    opportunity_id: o.id,
    to_stage_id: stage.id,
    to_stage_index: index,
    user_id: userId,
    updated_at: now,
  });
  await events.emit(
    db,
    vis.accountId,
    'candidateStageChange',
    { ...eventIds(o), fromStageId: o.stage_id, toStageId: stage.id },
    o.origin,
  );
  return updated;
}

export interface ArchiveCommand {
  readonly reason: string | null;
  /** Interviews are not modelled yet; accepted for compatibility and ignored. */
  readonly cleanInterviews?: boolean;
  readonly requisitionId?: string;
}

/**
 * PUT /opportunities/:id/archived: `reason: null` unarchives; a reason archives (or changes the reason);
 * a Hired reason marks the application hired (with `requisitionForHire` when a requisition is named).
 */
export async function changeArchived(
  db: AtsKysely,
  events: AtsEvents,
  vis: Visibility,
  id: string,
  cmd: ArchiveCommand,
  now = new Date(),
): Promise<OpportunityRow> {
  const o = await lock(db, vis, id);
  const from = archivedOf(o);
  if (cmd.reason === null) {
    if (!from) return o;
    const updated = await updateOpportunity(db, vis.accountId, o.id, {
      archive_reason_id: null,
      archived_at: null,
      updated_at: now,
    });
    await setApplicationsHired(db, o.id, null, null);
    await archiveEvents(db, events, o, from, null, false);
    return updated;
  }
  const reason = await resolveArchiveReason(db, vis.accountId, cmd.reason, 'reason');
  if (from && from.reason === reason.id) return o;
  const updated = await updateOpportunity(db, vis.accountId, o.id, {
    archive_reason_id: reason.id,
    archived_at: now,
    updated_at: now,
  });
  const hired = reason.type === 'hired';
  const requisition =
    hired && cmd.requisitionId
      ? { id: cmd.requisitionId, requisitionCode: null, hiringManagerOnHire: null }
      : null;
  await setApplicationsHired(db, o.id, hired ? now : null, requisition);
  await archiveEvents(db, events, o, from, archivedOf(updated), hired);
  return updated;
}

export type LabelField = 'tags' | 'sources' | 'links';

/** addTags/removeTags/addSources/…: set union or difference, order kept. No Lever event exists for these. */
export async function changeLabels(
  db: AtsKysely,
  vis: Visibility,
  id: string,
  field: LabelField,
  op: 'add' | 'remove',
  values: readonly string[],
  now = new Date(),
): Promise<OpportunityRow> {
  const o = await lock(db, vis, id);
  const given = new Set(values);
  const next = op === 'add' ? unique([...o[field], ...values]) : o[field].filter((v) => !given.has(v));
  if (next.length === o[field].length && next.every((v, i) => v === o[field][i])) return o;
  return updateOpportunity(db, vis.accountId, o.id, { [field]: next, updated_at: now });
}

/** DELETE /opportunities/:id (extension): soft delete; it then shows in /opportunities/deleted. */
export async function deleteOpportunity(
  db: AtsKysely,
  events: AtsEvents,
  vis: Visibility,
  id: string,
  userId: string | null,
  now = new Date(),
): Promise<void> {
  const o = await lock(db, vis, id);
  await updateOpportunity(db, vis.accountId, o.id, { deleted_at: now, deleted_by: userId, updated_at: now });
  await softDeleteApplications(db, o.id, now);
  await events.emit(db, vis.accountId, 'candidateDeleted', { ...eventIds(o), deletedBy: userId }, o.origin);
}
