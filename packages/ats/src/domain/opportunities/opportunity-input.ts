// Checks shared by the opportunity writers: the acting user (`perform_as`, reference §1.6), referenced
// users, stages and archive reasons. Each failure is a 400 naming the field, never a 404 or 500.
import { AppError, Errors } from '@hireloop/platform';
import type { AtsKysely } from '../../db.ts';
import { isUuid } from '../../api/query.ts';
import { findUserById, findUsersByIds, type UserRow } from '../users/user.repository.ts';
import {
  findArchiveReason,
  listStages,
  type ArchiveReasonRow,
  type StageRow,
} from './opportunity.repository.ts';

export function badField(field: string, message: string, where: 'body' | 'querystring' = 'body'): AppError {
  return new AppError(Errors.Validation, `Invalid value for ${field}: ${message}`, {
    details: { fields: [{ field, in: where, message }] },
  });
}

/** The active user `perform_as` names; 400 when it is required and missing, unknown or deactivated. */
export async function resolvePerformer(
  db: AtsKysely,
  accountId: string,
  performAs: string | undefined,
  required: boolean,
): Promise<UserRow | undefined> {
  if (performAs === undefined || performAs === '') {
    if (required)
      throw badField(
        'perform_as',
        'is required: the id of the user this action is attributed to',
        'querystring',
      );
    return undefined;
  }
  const user = isUuid(performAs) ? await findUserById(db, accountId, performAs) : undefined;
  if (!user || user.deactivated_at)
    throw badField('perform_as', 'must be the id of an active user of this account', 'querystring');
  return user;
}

/** Every id must be a user of the account (deactivated users may still own or follow). */
export async function checkUsers(
  db: AtsKysely,
  accountId: string,
  field: string,
  ids: readonly string[],
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.some((id) => !isUuid(id))) throw badField(field, 'must be user ids');
  const found = await findUsersByIds(db, accountId, unique);
  if (found.length !== unique.length)
    throw badField(field, 'names a user that does not exist in this account');
}

export interface StageInfo {
  readonly stage: StageRow;
  /** Position in the account's pipeline, from 0 (`toStageIndex`). */
  readonly index: number;
}

export async function resolveStage(
  db: AtsKysely,
  accountId: string,
  stageId: string,
  field = 'stage',
): Promise<StageInfo> {
  const stages = await listStages(db, accountId);
  const index = stages.findIndex((s) => s.id === stageId);
  const stage = stages[index];
  if (!stage) throw badField(field, `"${stageId}" is not a stage of this account`);
  return { stage, index };
}

export async function resolveArchiveReason(
  db: AtsKysely,
  accountId: string,
  id: string,
  field: string,
): Promise<ArchiveReasonRow> {
  const reason = await findArchiveReason(db, accountId, id);
  if (!reason) throw badField(field, `"${id}" is not an archive reason of this account`);
  return reason;
}

/** Values in first-seen order without duplicates (tags, sources, links keep the order they were given). */
export const unique = (values: Iterable<string>): string[] => [...new Set(values)];
