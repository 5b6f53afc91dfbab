// Journeys from templates (pure). A template applies to every office/team (null) or to one; its task is
// due `offsetDays` after the start date (negative = before day 1). Dates are ISO `YYYY-MM-DD` in UTC
// arithmetic, so a due date never shifts with the server's time zone.
import type { Owner, Phase } from '../../db.ts';

export const PHASES: readonly Phase[] = Object.freeze(['before_day_1', 'day_1', 'week_1']);
export const PHASE_LABELS: Readonly<Record<Phase, string>> = Object.freeze({
  before_day_1: 'Before day 1',
  day_1: 'Day 1',
  week_1: 'Week 1',
});
export const OWNERS: readonly Owner[] = Object.freeze(['people_ops', 'manager', 'new_hire']);
export const OWNER_LABELS: Readonly<Record<Owner, string>> = Object.freeze({
  people_ops: 'People ops',
  manager: 'Manager',
  new_hire: 'New hire',
});

export interface TemplateLike {
  readonly title: string;
  readonly phase: Phase;
  readonly owner: Owner;
  readonly offsetDays: number;
  readonly officeId: string | null;
  readonly teamId: string | null;
}

export interface PlannedTask {
  readonly title: string;
  readonly phase: Phase;
  readonly owner: Owner;
  readonly offsetDays: number;
  readonly dueDate: string;
  readonly position: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isIsoDate = (s: string): boolean =>
  ISO_DATE.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  toIsoDate(Date.parse(`${s}T00:00:00Z`)) === s;

export const toIsoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return toIsoDate(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}

/** Phase from the offset: before the start date, the start date itself, or after it. */
export const phaseFor = (offsetDays: number): Phase =>
  offsetDays < 0 ? 'before_day_1' : offsetDays === 0 ? 'day_1' : 'week_1';

export function planJourney(
  templates: readonly TemplateLike[],
  hire: { startDate: string; officeId: string | null; teamId: string | null },
): PlannedTask[] {
  return templates
    .filter(
      (t) =>
        (t.officeId === null || t.officeId === hire.officeId) &&
        (t.teamId === null || t.teamId === hire.teamId),
    )
    .map((t) => ({ ...t, dueDate: addDays(hire.startDate, t.offsetDays) }))
    .sort((a, b) => a.offsetDays - b.offsetDays || PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase))
    .map((t, position) => ({
      title: t.title,
      phase: t.phase,
      owner: t.owner,
      offsetDays: t.offsetDays,
      dueDate: t.dueDate,
      position,
    }));
}

/** The tasks a new organization starts with (people ops edit them under Journey templates). */
export const DEFAULT_TEMPLATES: readonly Omit<TemplateLike, 'officeId' | 'teamId'>[] = Object.freeze([
  {
    title: 'Send the welcome pack and first-day details',
    phase: 'before_day_1',
    owner: 'people_ops',
    offsetDays: -7,
  },
  { title: 'Order a laptop and accounts', phase: 'before_day_1', owner: 'people_ops', offsetDays: -5 },
  { title: 'Sign the employment documents', phase: 'before_day_1', owner: 'new_hire', offsetDays: -3 },
  { title: 'Plan the first week and pick a buddy', phase: 'before_day_1', owner: 'manager', offsetDays: -2 },
  { title: 'Welcome at the office, tour and IT setup', phase: 'day_1', owner: 'people_ops', offsetDays: 0 },
  { title: 'Lunch with the team', phase: 'day_1', owner: 'manager', offsetDays: 0 },
  { title: 'Set up your profile and read the handbook', phase: 'day_1', owner: 'new_hire', offsetDays: 0 },
  { title: 'First one-to-one', phase: 'week_1', owner: 'manager', offsetDays: 2 },
  { title: 'Complete the security training', phase: 'week_1', owner: 'new_hire', offsetDays: 4 },
]);
