// Company structure rules (Settings › Company): names are trimmed, 1–120 characters and unique (teams
// within their department); a rename carries over to the postings that use the name; removing something a
// posting uses (or a department that still has teams) is refused with a message that says which and why,
// and nothing is removed. Call inside a transaction.
import type { AtsEvents } from '../events/events.ts';
import { AppError, Errors } from '@hireloop/platform';
import type { AtsKysely } from '../../db.ts';
import {
  countTeamsOfDepartment,
  deleteItem,
  findStructureItem,
  insertDepartment,
  insertLocation,
  insertTeam,
  nameTaken,
  postingsUsing,
  renameItem,
  renamePostingCategory,
  type StructureKind,
} from './company.repository.ts';

export const MAX_NAME_LENGTH = 120;

const LABEL: Record<StructureKind, string> = { location: 'location', department: 'department', team: 'team' };

function fieldError(message: string): AppError {
  return new AppError(Errors.Validation, message, { details: { fields: [{ field: 'name', message }] } });
}

function cleanName(kind: StructureKind, raw: string | undefined): string {
  const name = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (!name) throw fieldError(`Enter a name for the ${LABEL[kind]}.`);
  if (name.length > MAX_NAME_LENGTH)
    throw fieldError(`A ${LABEL[kind]} name is at most ${MAX_NAME_LENGTH} characters.`);
  return name;
}

async function departmentName(db: AtsKysely, accountId: string, id: string | null | undefined) {
  if (!id) return null;
  return (await findStructureItem(db, 'department', accountId, id))?.name ?? null;
}

export async function addStructureItem(
  db: AtsKysely,
  accountId: string,
  kind: StructureKind,
  rawName: string | undefined,
  departmentId?: string,
): Promise<string> {
  const name = cleanName(kind, rawName);
  let deptId: string | null = null;
  if (kind === 'team') {
    if (!departmentId || !(await findStructureItem(db, 'department', accountId, departmentId)))
      throw new AppError(Errors.Validation, 'Choose the department the team belongs to.', {
        details: { fields: [{ field: 'departmentId', message: 'Choose a department' }] },
      });
    deptId = departmentId;
  }
  if (await nameTaken(db, kind, accountId, name, deptId)) {
    throw fieldError(
      kind === 'team'
        ? `That department already has a team called “${name}”.`
        : `There is already a ${LABEL[kind]} called “${name}”.`,
    );
  }
  if (kind === 'location') await insertLocation(db, accountId, name);
  else if (kind === 'department') await insertDepartment(db, accountId, name);
  else await insertTeam(db, accountId, deptId, name);
  return name;
}

/** Renames a location/department/team and carries it onto postings, each reported as postingUpdated. */
export async function renameStructureItem(
  db: AtsKysely,
  events: AtsEvents,
  accountId: string,
  kind: StructureKind,
  id: string,
  rawName: string | undefined,
): Promise<{ from: string; to: string }> {
  const item = await findStructureItem(db, kind, accountId, id);
  if (!item) throw new AppError(Errors.NotFound, `That ${LABEL[kind]} no longer exists.`);
  const name = cleanName(kind, rawName);
  if (name === item.name) return { from: item.name, to: name };
  if (await nameTaken(db, kind, accountId, name, item.department_id ?? null, id))
    throw fieldError(`There is already a ${LABEL[kind]} called “${name}”.`);
  await renameItem(db, kind, accountId, id, name);
  const dept = kind === 'team' ? await departmentName(db, accountId, item.department_id) : undefined;
  const updatedAt = Date.now();
  for (const postingId of await renamePostingCategory(db, accountId, kind, item.name, name, dept)) {
    await events.emit(db, accountId, 'postingUpdated', { postingId, updatedAt });
  }
  return { from: item.name, to: name };
}

export async function removeStructureItem(
  db: AtsKysely,
  accountId: string,
  kind: StructureKind,
  id: string,
): Promise<string> {
  const item = await findStructureItem(db, kind, accountId, id);
  if (!item) throw new AppError(Errors.NotFound, `That ${LABEL[kind]} no longer exists.`);
  if (kind === 'department') {
    const teams = await countTeamsOfDepartment(db, accountId, id);
    if (teams > 0) {
      throw new AppError(
        Errors.Conflict,
        `“${item.name}” still has ${teams} ${teams === 1 ? 'team' : 'teams'}. Remove or rename ${teams === 1 ? 'it' : 'them'} first; nothing was removed.`,
      );
    }
  }
  const dept = kind === 'team' ? await departmentName(db, accountId, item.department_id) : undefined;
  const used = await postingsUsing(db, accountId, kind, item.name, dept);
  if (used.count > 0) {
    const examples = used.titles.map((t) => `“${t}”`).join(', ');
    const more = used.count > used.titles.length ? ` and ${used.count - used.titles.length} more` : '';
    throw new AppError(
      Errors.Conflict,
      `“${item.name}” is used by ${used.count} ${used.count === 1 ? 'posting' : 'postings'} (${examples}${more}). Change the ${LABEL[kind]} on ${used.count === 1 ? 'that posting' : 'those postings'} first; nothing was removed.`,
    );
  }
  await deleteItem(db, kind, accountId, id);
  return item.name;
}
