// The pipeline's URL is its state: every filter is a query parameter, so a filtered view can be shared,
// bookmarked and reached with the back button. This file turns the query into the domain's
// OpportunityFilters and back into a canonical URL (empty values dropped).
import { Type, type Static } from 'typebox';
import { url } from '@hireloop/platform/html';
import type { OpportunityFilters } from '../../domain/opportunities/opportunity-filters.ts';
import type { OpportunityCursor } from '../../domain/opportunities/opportunity.repository.ts';
import { cursorAfter } from '../../api/routes/opportunities/opportunity-read.routes.ts';
import { isUuid } from '../../api/query.ts';

export const PIPELINE_PATH = '/ats/candidates';
/** The keyset sort name carried by the page tokens (a token of another list is refused). */
export const PIPELINE_SORT = 'ats-pipeline';
export const PIPELINE_PAGE_SIZE = 25;

const Str = Type.Optional(Type.String({ maxLength: 500 }));
export const PipelineQuerySchema = Type.Object({
  q: Str,
  stage: Str,
  source: Str,
  tag: Str,
  posting: Str,
  archived: Str,
  offset: Str,
});
export type PipelineQuery = Static<typeof PipelineQuerySchema>;

export type ArchivedChoice = 'active' | 'archived' | 'all';
export const ARCHIVED_CHOICES: readonly { value: ArchivedChoice; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'Active and archived' },
];

/** The filters as the form shows them (trimmed; unknown archived values fall back to active). */
export interface PipelineState {
  readonly q: string;
  readonly stage: string;
  readonly source: string;
  readonly tag: string;
  readonly posting: string;
  readonly archived: ArchivedChoice;
}

const clean = (v: string | undefined): string => v?.trim() ?? '';

export function readPipelineState(query: PipelineQuery): PipelineState {
  const archived = ARCHIVED_CHOICES.some((c) => c.value === query.archived)
    ? (query.archived as ArchivedChoice)
    : 'active';
  return {
    q: clean(query.q),
    stage: clean(query.stage),
    source: clean(query.source),
    tag: clean(query.tag),
    posting: clean(query.posting),
    archived,
  };
}

export function toOpportunityFilters(state: PipelineState): OpportunityFilters {
  const one = (v: string): string[] | undefined => (v ? [v] : undefined);
  return {
    // Confidentiality is left to visibility.ts (what the user may see at all).
    confidentiality: 'all',
    stageId: one(state.stage),
    source: one(state.source),
    tag: one(state.tag),
    // A malformed posting id matches nothing rather than reaching Postgres as a bad uuid.
    postingId: state.posting
      ? [isUuid(state.posting) ? state.posting.toLowerCase() : '00000000-0000-0000-0000-000000000000']
      : undefined,
    archived: state.archived === 'all' ? undefined : state.archived === 'archived',
    search: state.q || undefined,
  };
}

/** The keyset position of a page token (400 "Invalid offset token" for anything we did not issue). */
export function pipelineCursor(token: string | undefined): OpportunityCursor | undefined {
  return cursorAfter(PIPELINE_SORT, token?.trim());
}

/** The query of the current filters with defaults left out, for links and the pushed URL. */
export function stateQuery(state: PipelineState): Record<string, string> {
  const q: Record<string, string> = {};
  for (const key of ['q', 'stage', 'source', 'tag', 'posting'] as const) if (state[key]) q[key] = state[key];
  if (state.archived !== 'active') q.archived = state.archived;
  return q;
}

export function pipelineUrl(state: PipelineState, offset?: string): string {
  return url(PIPELINE_PATH, { ...stateQuery(state), offset });
}

export const isFiltered = (state: PipelineState): boolean => Object.keys(stateQuery(state)).length > 0;
