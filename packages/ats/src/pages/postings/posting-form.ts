// The posting form as data (create and edit): read the posted fields, check what the form can check
// (title; team within the chosen department — Lever's "not a valid subset" rule, reference §2.2), and turn
// them into the domain's PostingInput, so the pages write through posting.service.ts exactly like the API.
// Pure.
import type { DistributionChannel, PostingState, WorkplaceType } from '@hireloop/lever/wire';
import { WORKPLACE_TYPES } from '@hireloop/lever/wire';
import type { PostingInput } from '../../domain/postings/posting.service.ts';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';
import type { DepartmentRow, TeamRow } from '../../domain/company/company.repository.ts';
import { completeContent } from '../../domain/postings/posting-content.ts';

export const FORM_STATES = ['draft', 'published', 'internal', 'closed'] as const;
export const COMMITMENTS = ['Full-time', 'Part-time', 'Contract', 'Internship', 'Temporary'] as const;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 50_000;

export interface PostingFormValues {
  title: string;
  /** Category names, as postings store them (values outside Settings › Company are kept as they are). */
  department: string;
  team: string;
  location: string;
  commitment: string;
  workplaceType: string;
  description: string;
  state: string;
  channels: string[];
  tags: string;
}

export type PostingFormErrors = Partial<Record<keyof PostingFormValues, string>>;

export interface Structure {
  readonly departments: readonly DepartmentRow[];
  readonly teams: readonly TeamRow[];
  readonly locations: readonly { name: string }[];
}

const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.trim().slice(0, max + 1) : '');
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

export function readPostingForm(body: Record<string, unknown>): PostingFormValues {
  return {
    title: str(body.title, MAX_TITLE),
    department: str(body.department, 200),
    team: str(body.team, 200),
    location: str(body.location, 200),
    commitment: str(body.commitment, 100),
    workplaceType: str(body.workplaceType, 20) || 'unspecified',
    description: typeof body.description === 'string' ? body.description.slice(0, MAX_DESCRIPTION + 1) : '',
    state: str(body.state, 20) || 'draft',
    channels: list(body.channels),
    tags: str(body.tags, 5000),
  };
}

/** The form's values for a stored posting. */
export function postingFormValues(row: PostingRow | undefined): PostingFormValues {
  if (!row) {
    return {
      title: '',
      department: '',
      team: '',
      location: '',
      commitment: '',
      workplaceType: 'unspecified',
      description: '',
      state: 'draft',
      channels: ['public', 'internal'],
      tags: '',
    };
  }
  return {
    title: row.text,
    department: row.department ?? '',
    team: row.team ?? '',
    location: row.location ?? '',
    commitment: row.commitment ?? '',
    workplaceType: row.workplace_type,
    description: completeContent(row.content).description,
    state: row.state,
    channels: row.distribution_channels ?? [],
    tags: row.tags.join(', '),
  };
}

export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

export function validatePostingForm(v: PostingFormValues, s: Structure): PostingFormErrors {
  const e: PostingFormErrors = {};
  if (!v.title) e.title = 'Enter the job title candidates will see.';
  else if (v.title.length > MAX_TITLE) e.title = `The title can be at most ${MAX_TITLE} characters.`;
  const resolved = resolveTeam(v, s);
  if (resolved.error) e.team = resolved.error;
  if (!(WORKPLACE_TYPES as readonly string[]).includes(v.workplaceType))
    e.workplaceType = 'Choose a workplace type from the list.';
  if (!(FORM_STATES as readonly string[]).includes(v.state)) e.state = 'Choose a state from the list.';
  if (v.channels.some((c) => c !== 'public' && c !== 'internal'))
    e.channels = 'Choose external, internal or both.';
  if (v.description.length > MAX_DESCRIPTION)
    e.description = `The description can be at most ${MAX_DESCRIPTION.toLocaleString('en-US')} characters.`;
  const tags = splitTags(v.tags);
  if (tags.some((t) => t.length > 200)) e.tags = 'Each tag can be at most 200 characters.';
  const bonus = tags.find((t) => /^referralbonus:/i.test(t) && !/^referralbonus:\s*\d+(\.\d+)?$/i.test(t));
  if (bonus) e.tags = `Write the referral bonus as a number, like referralbonus:3000 (not “${bonus}”).`;
  return e;
}

/** PostingInput for posting.service.ts; `stored` lets an edit keep content it did not change. */
/**
 * The department a team belongs to: the chosen one, or the only department with a team of that name.
 * A team chosen with a department it is not in is Lever's "not a valid subset" error.
 */
function resolveTeam(v: PostingFormValues, s: Structure): { department: string; error?: string } {
  if (!v.team) return { department: v.department };
  const homes = s.teams
    .filter((t) => t.name === v.team)
    .map((t) => s.departments.find((d) => d.id === t.department_id)?.name)
    .filter((n): n is string => n !== undefined);
  // A team that is not (or no longer) in Settings › Company is kept as written.
  if (!homes.length) return { department: v.department };
  if (v.department) {
    if (homes.includes(v.department) || !s.departments.some((d) => d.name === v.department))
      return { department: v.department };
    return {
      department: v.department,
      error: `${v.team} is a team in ${homes.join(' and ')}, not ${v.department}.`,
    };
  }
  if (homes.length > 1)
    return {
      department: '',
      error: `Several departments have a team called ${v.team}; choose the department.`,
    };
  return { department: homes[0] ?? '' };
}

/** PostingInput for posting.service.ts; `stored` lets an edit keep content it did not change. */
export function toPostingInput(
  v: PostingFormValues,
  s: Structure,
  stored?: PostingRow,
): PostingInput & { text: string } {
  const input: PostingInput & { text: string } = {
    text: v.title,
    state: v.state as PostingState,
    categories: {
      team: v.team,
      department: resolveTeam(v, s).department,
      location: v.location,
      commitment: v.commitment,
    },
    workplaceType: v.workplaceType as WorkplaceType,
    distributionChannels: v.channels as DistributionChannel[],
    tags: splitTags(v.tags),
  };
  // Rewrite the description only when it changed: HTML written through the API stays as it was.
  const description = v.description.replace(/\r\n/g, '\n');
  const before = stored ? completeContent(stored.content).description : '';
  if (description !== before) input.content = { description };
  return input;
}
