// The pipeline page (/ats/candidates): a filter form and the results table. The results are one
// component, `pipelineResults`, rendered inside the page and alone for htmx (the form swaps only
// #pipeline-results; the server pushes the canonical URL so the address bar always shows the filters).
import {
  attrs,
  badge,
  button,
  emptyState,
  formField,
  html,
  join,
  linkButton,
  pageHeader,
  path,
  table,
  type SafeHtml,
  type SelectOption,
} from '@hireloop/platform/html';
import type { OpportunityView } from '../../domain/opportunities/opportunity-view.ts';
import {
  ARCHIVED_CHOICES,
  PIPELINE_PATH,
  isFiltered,
  pipelineUrl,
  type PipelineState,
} from './pipeline-query.ts';
import type { PostingOption } from './pipeline.repository.ts';
import type { LabelCount } from '../../domain/taxonomy/taxonomy.repository.ts';

export const RESULTS_ID = 'pipeline-results';

export interface PipelineOptions {
  readonly stages: readonly { id: string; text: string }[];
  readonly postings: readonly PostingOption[];
  readonly sources: readonly LabelCount[];
  readonly tags: readonly LabelCount[];
  readonly archiveReasons: ReadonlyMap<string, string>;
}

export interface PipelineRow {
  readonly opportunity: OpportunityView;
  readonly postingTitle: string | undefined;
  readonly ownerName: string | undefined;
}

export interface PipelineResultsProps {
  readonly state: PipelineState;
  readonly rows: readonly PipelineRow[];
  readonly stageNames: ReadonlyMap<string, string>;
  readonly archiveReasons: ReadonlyMap<string, string>;
  readonly nextToken?: string;
  /** True when this page was reached with a token (not the first page). */
  readonly paged: boolean;
  /** Limited Team Members are told why the list is short. */
  readonly limitedNote?: string;
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
export const formatDate = (d: Date): SafeHtml =>
  html`<time datetime="${d.toISOString()}">${DATE.format(d)}</time>`;
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
/** Date and time (UTC, said so) for timelines where the order within a day matters. */
export const formatDateTime = (d: Date): SafeHtml =>
  html`<time datetime="${d.toISOString()}">${DATE_TIME.format(d)} UTC</time>`;

/** Keeps the current value selectable even when it is not (or no longer) among the choices. */
function withCurrent(options: SelectOption[], current: string): SelectOption[] {
  return current && !options.some((o) => o.value === current)
    ? [...options, { value: current, label: current }]
    : options;
}

const labelOptions = (labels: readonly LabelCount[]): SelectOption[] =>
  labels.map((l) => ({ value: l.text, label: `${l.text} (${l.count})` }));

function filterForm(state: PipelineState, o: PipelineOptions): SafeHtml {
  const formAttrs = attrs({
    method: 'get',
    action: PIPELINE_PATH,
    class: 'card card__body stack',
    role: 'search',
    'aria-label': 'Filter candidates',
    'hx-get': PIPELINE_PATH,
    'hx-target': `#${RESULTS_ID}`,
    'hx-trigger': 'submit, change, input changed delay:400ms from:#field-q',
    'hx-swap': 'innerHTML',
  });
  const select = (name: string, label: string, value: string, options: SelectOption[], all: string) =>
    formField({ type: 'select', name, label, value, options: withCurrent(options, value), placeholder: all });
  return html`<form${formAttrs}>
  <div class="form-row">
    ${formField({ type: 'search', name: 'q', label: 'Name or email', value: state.q, autocomplete: 'off' })}
    ${select(
      'stage',
      'Stage',
      state.stage,
      o.stages.map((s) => ({ value: s.id, label: s.text })),
      'All stages',
    )}
    ${select('source', 'Source', state.source, labelOptions(o.sources), 'All sources')}
    ${select('tag', 'Tag', state.tag, labelOptions(o.tags), 'All tags')}
    ${select(
      'posting',
      'Posting',
      state.posting,
      o.postings.map((p) => ({
        value: p.id,
        label: p.state === 'published' ? p.text : `${p.text} (${p.state})`,
      })),
      'All postings',
    )}
    ${formField({
      type: 'select',
      name: 'archived',
      label: 'Status',
      value: state.archived,
      options: ARCHIVED_CHOICES.map((c) => ({ value: c.value, label: c.label })),
    })}
  </div>
  <div class="form-actions">
    ${button({ label: 'Apply filters', variant: 'primary' })}
    ${isFiltered(state) ? linkButton({ label: 'Clear filters', href: PIPELINE_PATH, variant: 'ghost' }) : ''}
  </div>
</form>`;
}

function stageCell(row: PipelineRow, p: PipelineResultsProps): SafeHtml {
  const o = row.opportunity;
  const stage = p.stageNames.get(o.stage_id) ?? o.stage_id;
  if (!o.archived_at) return badge({ label: stage, tone: 'brand' });
  const reason = (o.archive_reason_id && p.archiveReasons.get(o.archive_reason_id)) || 'Archived';
  return html`${badge({ label: `Archived: ${reason}`, tone: reason === 'Hired' ? 'success' : 'neutral', dot: true })}
    <span class="cell-sub">${stage}</span>`;
}

// Space-separated, so the labels read (and copy) as separate words.
const list = (values: readonly string[], tone: 'neutral' | 'info'): SafeHtml =>
  join(
    values.map((v) => badge({ label: v, tone })),
    ' ',
  );

/** Only Next is offered: keyset tokens go forward; "First page" restarts, the back button goes back. */
function pager(p: PipelineResultsProps): SafeHtml {
  const link = (label: string, href: string, rel?: string) =>
    html`<a${attrs({
      class: 'btn btn--secondary btn--sm',
      href,
      rel,
      'hx-get': href,
      'hx-target': `#${RESULTS_ID}`,
      'hx-swap': 'innerHTML show:top',
    })}>${label}</a>`;
  if (!p.paged && !p.nextToken) return html``;
  return html`<nav class="pagination" aria-label="Pagination">
    <p class="pagination__summary">${p.rows.length} candidates on this page</p>
    <div class="pagination__links">
      ${p.paged ? link('First page', pipelineUrl(p.state), 'first') : ''}${
        p.nextToken ? link('Next page', pipelineUrl(p.state, p.nextToken), 'next') : ''
      }
    </div>
  </nav>`;
}

export function pipelineResults(p: PipelineResultsProps): SafeHtml {
  const empty = emptyState({
    title: isFiltered(p.state) ? 'No candidates match these filters' : 'No candidates yet',
    message: isFiltered(p.state)
      ? 'Try another stage, source or tag, or clear the filters.'
      : 'Candidates appear here when they apply or are added.',
  });
  return html`${p.limitedNote ? html`<p class="muted">${p.limitedNote}</p>` : ''}${table<PipelineRow>({
    caption: 'Candidates',
    captionHidden: true,
    rows: p.rows,
    empty,
    columns: [
      {
        header: 'Name',
        rowHeader: true,
        cell: (r) =>
          html`<a href="${path`/ats/candidates/${r.opportunity.id}`}"
              >${r.opportunity.contact_name || 'Unnamed'}</a
            >
            <span class="cell-sub">${r.opportunity.contact_emails[0] ?? ''}</span>`,
      },
      { header: 'Posting', cell: (r) => r.postingTitle ?? '—' },
      { header: 'Stage', cell: (r) => stageCell(r, p) },
      { header: 'Source', cell: (r) => list(r.opportunity.sources, 'info') },
      { header: 'Tags', cell: (r) => list(r.opportunity.tags, 'neutral') },
      { header: 'Owner', cell: (r) => r.ownerName ?? '—' },
      { header: 'Updated', align: 'end', cell: (r) => formatDate(r.opportunity.updated_at) },
    ],
  })}${pager(p)}`;
}

export function pipelinePage(props: PipelineResultsProps & { options: PipelineOptions }): SafeHtml {
  return html`${pageHeader({ title: 'Candidates', subtitle: 'Everyone in your pipeline, newest first.' })}
    ${filterForm(props.state, props.options)}
    <section id="${RESULTS_ID}" class="pipeline-results" aria-live="polite" aria-label="Results">
      ${pipelineResults(props)}
    </section>`;
}

export function interviewerPage(name: string): SafeHtml {
  return html`${pageHeader({ title: 'Candidates' })}
  ${emptyState({
    title: 'Interviewers see the candidates they interview',
    message: html`You are signed in as ${name} with the role “interviewer”. In Lever, interviewers see only
    the candidates whose interviews they are on. This ATS does not schedule interviews yet, so there are no
    candidates to show you. If you need to see a pipeline, ask a Super Admin or Admin to give you the Team
    Member or Limited Team Member role.`,
  })}`;
}
