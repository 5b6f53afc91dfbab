// New hires, their journeys, tasks and history. A new hire is one per ATS contact (the person): hiring the
// same person again links the new opportunity to the same row (hire_count + 1), never a duplicate.
import { sql } from 'kysely';
import type { HireStatus, NewHireRow, OnboardingKysely, Row, TaskRow } from '../../db.ts';
import type { PlannedTask } from './journey.ts';

export type Journey = Row<'onboarding.journey'>;

export const findHireByContact = (db: OnboardingKysely, organizationId: string, contactId: string) =>
  db
    .selectFrom('onboarding.new_hire')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('contact_id', '=', contactId)
    .forUpdate()
    .executeTakeFirst();

export const findHireByOpportunity = (db: OnboardingKysely, organizationId: string, opportunityId: string) =>
  db
    .selectFrom('onboarding.new_hire')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst();

export const findHire = (db: OnboardingKysely, organizationId: string, id: string) =>
  db
    .selectFrom('onboarding.new_hire')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();

export type HireFields = Omit<
  NewHireRow,
  'id' | 'organization_id' | 'created_at' | 'updated_at' | 'hire_count'
>;

export const insertHire = (db: OnboardingKysely, organizationId: string, fields: HireFields) =>
  db
    .insertInto('onboarding.new_hire')
    .values({ organization_id: organizationId, ...fields })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateHire = (
  db: OnboardingKysely,
  organizationId: string,
  id: string,
  patch: Partial<HireFields> & { hire_count?: number },
) =>
  db
    .updateTable('onboarding.new_hire')
    .set({ ...patch, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export async function addHistory(
  db: OnboardingKysely,
  hire: Pick<NewHireRow, 'id' | 'organization_id'>,
  kind: string,
  message: string,
): Promise<void> {
  await db
    .insertInto('onboarding.hire_history')
    .values({ organization_id: hire.organization_id, new_hire_id: hire.id, kind, message })
    .execute();
}

export const listHistory = (db: OnboardingKysely, organizationId: string, hireId: string) =>
  db
    .selectFrom('onboarding.hire_history')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('new_hire_id', '=', hireId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();

export const findActiveJourney = (db: OnboardingKysely, organizationId: string, hireId: string) =>
  db
    .selectFrom('onboarding.journey')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('new_hire_id', '=', hireId)
    .where('status', '=', 'active')
    .executeTakeFirst();

export const listJourneys = (db: OnboardingKysely, organizationId: string, hireId: string) =>
  db
    .selectFrom('onboarding.journey')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('new_hire_id', '=', hireId)
    .orderBy('created_at', 'desc')
    .execute();

export async function insertJourney(
  db: OnboardingKysely,
  hire: NewHireRow,
  tasks: readonly PlannedTask[],
): Promise<Journey> {
  const journey = await db
    .insertInto('onboarding.journey')
    .values({
      organization_id: hire.organization_id,
      new_hire_id: hire.id,
      opportunity_id: hire.opportunity_id,
      status: 'active',
      start_date: hire.start_date,
      cancelled_at: null,
      cancel_reason: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (tasks.length)
    await db
      .insertInto('onboarding.task')
      .values(
        tasks.map((t) => ({
          organization_id: hire.organization_id,
          journey_id: journey.id,
          title: t.title,
          phase: t.phase,
          owner: t.owner,
          offset_days: t.offsetDays,
          due_date: t.dueDate,
          position: t.position,
          done_at: null,
          done_by: null,
        })),
      )
      .execute();
  return journey;
}

export async function cancelJourney(db: OnboardingKysely, journey: Journey, reason: string): Promise<void> {
  await db
    .updateTable('onboarding.journey')
    .set({ status: 'cancelled', cancelled_at: new Date(), cancel_reason: reason })
    .where('id', '=', journey.id)
    .execute();
}

/** A new start date: every task of the journey moves with it (due = start + offset). */
export async function moveJourney(db: OnboardingKysely, journey: Journey, startDate: string): Promise<void> {
  await db
    .updateTable('onboarding.journey')
    .set({ start_date: startDate })
    .where('id', '=', journey.id)
    .execute();
  await db
    .updateTable('onboarding.task')
    .set({
      due_date: sql<string>`to_char(${startDate}::date + offset_days, 'YYYY-MM-DD')`,
    })
    .where('journey_id', '=', journey.id)
    .execute();
}

export const listTasks = (
  db: OnboardingKysely,
  organizationId: string,
  journeyId: string,
): Promise<TaskRow[]> =>
  db
    .selectFrom('onboarding.task')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('journey_id', '=', journeyId)
    .orderBy('position')
    .execute();

export async function setTaskDone(
  db: OnboardingKysely,
  organizationId: string,
  taskId: string,
  done: boolean,
  by: string,
): Promise<TaskRow | undefined> {
  return db
    .updateTable('onboarding.task')
    .set(done ? { done_at: new Date(), done_by: by } : { done_at: null, done_by: null })
    .where('organization_id', '=', organizationId)
    .where('id', '=', taskId)
    .returningAll()
    .executeTakeFirst();
}

export interface HireListItem extends NewHireRow {
  office_name: string | null;
  team_name: string | null;
  open_tasks: number;
  overdue_tasks: number;
}

export async function listHires(
  db: OnboardingKysely,
  organizationId: string,
  today: string,
  filter: { status?: HireStatus } = {},
): Promise<HireListItem[]> {
  let q = db
    .selectFrom('onboarding.new_hire as h')
    .leftJoin('onboarding.office as o', 'o.id', 'h.office_id')
    .leftJoin('onboarding.team as t', 't.id', 'h.team_id')
    .leftJoin('onboarding.journey as j', (j) =>
      j.onRef('j.new_hire_id', '=', 'h.id').on('j.status', '=', 'active'),
    )
    .selectAll('h')
    .select(['o.name as office_name', 't.name as team_name'])
    .select((eb) => [
      eb
        .selectFrom('onboarding.task as k')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('k.journey_id', '=', 'j.id')
        .where('k.done_at', 'is', null)
        .as('open_tasks'),
      eb
        .selectFrom('onboarding.task as k')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('k.journey_id', '=', 'j.id')
        .where('k.done_at', 'is', null)
        .where('k.due_date', '<', today)
        .as('overdue_tasks'),
    ])
    .where('h.organization_id', '=', organizationId);
  if (filter.status) q = q.where('h.status', '=', filter.status);
  const rows = await q.orderBy('h.start_date').orderBy('h.id').limit(500).execute();
  return rows.map((r) => ({
    ...r,
    open_tasks: Number(r.open_tasks ?? 0),
    overdue_tasks: Number(r.overdue_tasks ?? 0),
  }));
}

/** Open tasks past their due date in active journeys, oldest first (the people-ops "Overdue" view). */
export const listOverdueTasks = (db: OnboardingKysely, organizationId: string, today: string) =>
  db
    .selectFrom('onboarding.task as k')
    .innerJoin('onboarding.journey as j', 'j.id', 'k.journey_id')
    .innerJoin('onboarding.new_hire as h', 'h.id', 'j.new_hire_id')
    .select(['k.id', 'k.title', 'k.owner', 'k.due_date', 'k.phase', 'h.id as hire_id', 'h.name as hire_name'])
    .where('k.organization_id', '=', organizationId)
    .where('j.status', '=', 'active')
    .where('k.done_at', 'is', null)
    .where('k.due_date', '<', today)
    .orderBy('k.due_date')
    .orderBy('k.id')
    .limit(500)
    .execute();
