// /ats/postings — postings with filters (state, team, location, tag) and keyset pagination. Pure.
import {
  badge,
  formField,
  html,
  linkButton,
  pageHeader,
  pagination,
  table,
  type SafeHtml,
  type Tone,
} from '@hireloop/platform/html';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';

export const POSTINGS_PATH = '/ats/postings';

const TONES: Record<string, Tone> = {
  published: 'success',
  internal: 'info',
  draft: 'neutral',
  closed: 'warning',
};
const STATE_NAMES: Record<string, string> = {
  published: 'Published',
  internal: 'Internal',
  draft: 'Draft',
  closed: 'Closed',
  pending: 'Pending approval',
  rejected: 'Rejected',
};

export const stateBadge = (state: string): SafeHtml =>
  badge({ label: STATE_NAMES[state] ?? state, tone: TONES[state] ?? 'neutral', dot: true });

export interface PostingListFilters {
  readonly state?: string;
  readonly team?: string;
  readonly location?: string;
  readonly tag?: string;
}

export interface PostingsListProps {
  readonly rows: readonly PostingRow[];
  readonly filters: PostingListFilters;
  readonly teams: readonly string[];
  readonly locations: readonly string[];
  readonly nextToken?: string;
  /** True when this is not the first page (Previous goes back to the first page: cursors run forward). */
  readonly paged: boolean;
  readonly canEdit: boolean;
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

function filterForm(p: PostingsListProps): SafeHtml {
  const f = p.filters;
  const sel = (
    label: string,
    name: string,
    values: readonly string[],
    value: string | undefined,
    any: string,
  ) =>
    formField({
      type: 'select',
      label,
      name,
      value: value ?? '',
      placeholder: any,
      options: values.map((v) => ({ value: v, label: STATE_NAMES[v] ?? v })),
    });
  return html`<form
    method="get"
    action="${POSTINGS_PATH}"
    class="card"
    role="search"
    aria-label="Filter postings"
  >
    <div class="card__body form-row">
      ${sel('State', 'state', ['published', 'internal', 'draft', 'closed'], f.state, 'Any state')}
      ${sel('Team', 'team', p.teams, f.team, 'Any team')}
      ${sel('Location', 'location', p.locations, f.location, 'Any location')}
      ${formField({ label: 'Tag', name: 'tag', value: f.tag, placeholder: 'e.g. referralbonus:3000' })}
      <div class="form-actions">
        <button type="submit" class="btn btn--primary">Filter</button>${
          f.state || f.team || f.location || f.tag
            ? linkButton({ label: 'Clear', href: POSTINGS_PATH, variant: 'ghost' })
            : ''
        }
      </div>
    </div>
  </form>`;
}

export function postingsListPage(p: PostingsListProps): SafeHtml {
  const query = {
    state: p.filters.state,
    team: p.filters.team,
    location: p.filters.location,
    tag: p.filters.tag,
  };
  return html`${pageHeader({
      title: 'Postings',
      subtitle: 'Jobs you are hiring for. Published external postings appear on your job site.',
      actions: p.canEdit
        ? linkButton({ label: 'New posting', href: `${POSTINGS_PATH}/new`, variant: 'primary' })
        : '',
    })}
    ${filterForm(p)}
    <div class="card card--flush">
      ${table({
        caption: 'Postings',
        captionHidden: true,
        rows: p.rows,
        empty: 'No postings match these filters.',
        columns: [
          {
            header: 'Title',
            rowHeader: true,
            cell: (r) => html`<a href="${POSTINGS_PATH}/${r.id}">${r.text}</a>`,
          },
          { header: 'State', cell: (r) => stateBadge(r.state) },
          { header: 'Team', cell: (r) => r.team ?? '—' },
          { header: 'Location', cell: (r) => r.location ?? '—' },
          { header: 'Commitment', cell: (r) => r.commitment ?? '—' },
          { header: 'Tags', cell: (r) => (r.tags.length ? r.tags.map((t) => badge({ label: t })) : '—') },
          { header: 'Updated', align: 'end', cell: (r) => dateFormat.format(r.updated_at) },
        ],
        footer: pagination({
          href: POSTINGS_PATH,
          query,
          prevToken: p.paged ? '' : null,
          nextToken: p.nextToken ?? null,
          summary: p.paged ? 'Later pages' : `Showing ${p.rows.length}${p.nextToken ? '+' : ''}`,
        }),
      })}
    </div>`;
}
