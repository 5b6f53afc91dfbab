// What every new account starts with: Lever's built-in stages with their fixed ids (reference §2.6) plus
// the usual interview stages as custom stages (UUIDs, as Lever's custom stages are), and archive reasons
// including "Hired" (every Lever account has one).
import { BUILT_IN_STAGES } from '@hireloop/lever/wire';

export interface StageDefault {
  readonly id?: string;
  readonly text: string;
  readonly pipeline: string;
  readonly rank: number;
  readonly hasInterview: boolean;
}

const builtIn = (id: string): { id: string; text: string; pipeline: string } => {
  const stage = BUILT_IN_STAGES.find((s) => s.id === id);
  if (!stage) throw new Error(`unknown built-in stage ${id}`);
  return stage;
};

export const DEFAULT_STAGES: readonly StageDefault[] = Object.freeze([
  { ...builtIn('lead-new'), rank: 1, hasInterview: false },
  { ...builtIn('lead-reached-out'), rank: 3, hasInterview: false },
  { ...builtIn('lead-responded'), rank: 5, hasInterview: false },
  { ...builtIn('applicant-new'), rank: 101, hasInterview: false },
  { text: 'Recruiter screen', pipeline: 'screen', rank: 201, hasInterview: true },
  { text: 'Phone interview', pipeline: 'screen', rank: 230.5, hasInterview: true },
  { text: 'On-site interview', pipeline: 'onsite', rank: 301, hasInterview: true },
  { text: 'Reference check', pipeline: 'onsite', rank: 350, hasInterview: false },
  { ...builtIn('offer'), rank: 501, hasInterview: false },
]);

export const DEFAULT_ARCHIVE_REASONS: readonly { text: string; type: 'hired' | 'non-hired' }[] =
  Object.freeze([
    { text: 'Hired', type: 'hired' },
    { text: 'Underqualified', type: 'non-hired' },
    { text: 'Unresponsive', type: 'non-hired' },
    { text: 'Timing', type: 'non-hired' },
    { text: 'Withdrew', type: 'non-hired' },
    { text: 'Offer declined', type: 'non-hired' },
    { text: 'Position closed', type: 'non-hired' },
    { text: 'Culture add not aligned', type: 'non-hired' },
    { text: 'Duplicate', type: 'non-hired' },
  ]);
