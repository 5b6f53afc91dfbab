// All SQL for the company structure: locations, departments and the teams inside them. Postings keep
// these as text categories (Lever's model, reference §2.2), so "in use" means a posting (not deleted)
// carries the name, and a rename carries the new name onto those postings in the same transaction.
import type { AtsKysely, Row } from '../../db.ts';

export type LocationRow = Row<'ats.location'>;
export type DepartmentRow = Row<'ats.department'>;
export type TeamRow = Row<'ats.team'>;

export type StructureKind = 'location' | 'department' | 'team';

export function listLocations(db: AtsKysely, accountId: string): Promise<LocationRow[]> {
  return db
    .selectFrom('ats.location')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export function listDepartments(db: AtsKysely, accountId: string): Promise<DepartmentRow[]> {
  return db
    .selectFrom('ats.department')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('name')
    .execute();
}

export function listTeams(db: AtsKysely, accountId: string): Promise<TeamRow[]> {
  return db.selectFrom('ats.team').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
}

export function findStructureItem(
  db: AtsKysely,
  kind: StructureKind,
  accountId: string,
  id: string,
): Promise<{ id: string; name: string; department_id?: string | null } | undefined> {
  if (kind === 'team') {
    return db
      .selectFrom('ats.team')
      .select(['id', 'name', 'department_id'])
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
  return db
    .selectFrom(kind === 'location' ? 'ats.location' : 'ats.department')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether another item of the kind already has the name (teams: within the same department). */
export async function nameTaken(
  db: AtsKysely,
  kind: StructureKind,
  accountId: string,
  name: string,
  departmentId: string | null,
  exceptId?: string,
): Promise<boolean> {
  const table = kind === 'location' ? 'ats.location' : kind === 'department' ? 'ats.department' : 'ats.team';
  let q = db.selectFrom(table).select('id').where('account_id', '=', accountId).where('name', '=', name);
  if (kind === 'team') {
    q =
      departmentId === null
        ? q.where('department_id' as never, 'is', null)
        : q.where('department_id' as never, '=', departmentId as never);
  }
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertLocation(db: AtsKysely, accountId: string, name: string): Promise<void> {
  await db.insertInto('ats.location').values({ account_id: accountId, name }).execute();
}

export async function insertDepartment(db: AtsKysely, accountId: string, name: string): Promise<void> {
  await db.insertInto('ats.department').values({ account_id: accountId, name }).execute();
}

export async function insertTeam(
  db: AtsKysely,
  accountId: string,
  departmentId: string | null,
  name: string,
): Promise<void> {
  await db
    .insertInto('ats.team')
    .values({ account_id: accountId, department_id: departmentId, name })
    .execute();
}

export async function renameItem(
  db: AtsKysely,
  kind: StructureKind,
  accountId: string,
  id: string,
  name: string,
): Promise<void> {
  const table = kind === 'location' ? 'ats.location' : kind === 'department' ? 'ats.department' : 'ats.team';
  await db
    .updateTable(table)
    .set({ name })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteItem(
  db: AtsKysely,
  kind: StructureKind,
  accountId: string,
  id: string,
): Promise<void> {
  const table = kind === 'location' ? 'ats.location' : kind === 'department' ? 'ats.department' : 'ats.team';
  await db.deleteFrom(table).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function countTeamsOfDepartment(db: AtsKysely, accountId: string, departmentId: string) {
  const row = await db
    .selectFrom('ats.team')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('department_id', '=', departmentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Titles of the (not deleted) postings whose category `column` is `name`, at most `limit`, and their count. */
export async function postingsUsing(
  db: AtsKysely,
  accountId: string,
  column: 'location' | 'department' | 'team',
  name: string,
  departmentName?: string | null,
): Promise<{ count: number; titles: string[] }> {
  let q = db.selectFrom('ats.posting').where('account_id', '=', accountId).where('deleted_at', 'is', null);
  q =
    column === 'location'
      ? q.where((eb) => eb.or([eb('location', '=', name), eb(eb.val(name), '=', eb.fn.any('all_locations'))]))
      : q.where(column, '=', name);
  // A team name may repeat across departments; only postings under this team's department count.
  if (column === 'team' && departmentName) q = q.where('department', '=', departmentName);
  const rows = await q.select('text').orderBy('text').limit(1000).execute();
  return { count: rows.length, titles: rows.slice(0, 3).map((r) => r.text) };
}

/** Carries a renamed category onto postings; `updated_at` moves so API syncs (updated_at_start) see it. */
export async function renamePostingCategory(
  db: AtsKysely,
  accountId: string,
  column: 'location' | 'department' | 'team',
  from: string,
  to: string,
  departmentName?: string | null,
): Promise<string[]> {
  let q = db
    .updateTable('ats.posting')
    .set({ [column]: to, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where(column, '=', from);
  if (column === 'team' && departmentName) q = q.where('department', '=', departmentName);
  const ids = new Set((await q.returning('id').execute()).map((r) => r.id));
  if (column === 'location') {
    const moved = await db
      .updateTable('ats.posting')
      .set((eb) => ({
        all_locations: eb.fn('array_replace', ['all_locations', eb.val(from), eb.val(to)]),
        updated_at: new Date(),
      }))
      .where('account_id', '=', accountId)
      .where((eb) => eb(eb.val(from), '=', eb.fn.any('all_locations')))
      .returning('id')
      .execute();
    moved.forEach((r) => ids.add(r.id));
  }
  return [...ids];
}
