// /jobs/:site — every open job of the company, grouped by team, with filters (team, location, commitment,
// workplace type) and a search box. A GET form, so every filtered view is a shareable URL. Pure.
import { emptyState, formField, html, linkButton, url, type SafeHtml } from '@hireloop/platform/html';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';
import type { JobSiteFacets, JobSiteFilters } from '../../domain/postings/job-site.repository.ts';
import { jobsHref } from './job-site-layout.ts';
import { jobMeta, withSource, workplaceLabel } from './job-parts.ts';

export interface JobListProps {
  readonly companyName: string;
  readonly site: string;
  readonly postings: readonly PostingRow[];
  readonly facets: JobSiteFacets;
  readonly filters: JobSiteFilters;
  readonly source?: string;
}

function select(
  label: string,
  name: string,
  values: readonly string[],
  value: string | undefined,
  any: string,
) {
  return formField({
    type: 'select',
    label,
    name,
    value: value ?? '',
    placeholder: any,
    options: values.map((v) => ({ value: v, label: name === 'workplaceType' ? workplaceLabel(v) : v })),
  });
}

function filterForm(p: JobListProps): SafeHtml {
  const f = p.filters;
  const active = Boolean(f.team || f.location || f.commitment || f.workplaceType || f.search);
  const source = p.source ? html`<input type="hidden" name="lever-source" value="${p.source}" />` : '';
  return html`<form
    class="job-filters"
    method="get"
    action="${jobsHref(p.site)}"
    role="search"
    aria-label="Filter jobs"
  >
    <div class="job-filters__search">
      ${formField({ type: 'search', label: 'Search jobs', name: 'search', value: f.search, placeholder: 'Title, team or location' })}
    </div>
    ${select('Team', 'team', p.facets.teams, f.team, 'All teams')}
    ${select('Location', 'location', p.facets.locations, f.location, 'All locations')}
    ${select('Commitment', 'commitment', p.facets.commitments, f.commitment, 'All commitments')}
    ${select('Workplace', 'workplaceType', p.facets.workplaceTypes, f.workplaceType, 'Any workplace')}
    ${source}
    <div class="job-filters__actions">
      <button type="submit" class="btn btn--primary">Show jobs</button>${
        active
          ? linkButton({ label: 'Clear', href: withSource(jobsHref(p.site), p.source), variant: 'ghost' })
          : ''
      }
    </div>
  </form>`;
}

function groups(postings: readonly PostingRow[]): [string, PostingRow[]][] {
  const byTeam = new Map<string, PostingRow[]>();
  for (const posting of postings) {
    const team = posting.team?.trim() || 'Other openings';
    byTeam.set(team, [...(byTeam.get(team) ?? []), posting]);
  }
  return [...byTeam.entries()];
}

export function jobListPage(p: JobListProps): SafeHtml {
  const count = p.postings.length;
  const list = count
    ? groups(p.postings).map(
        ([team, rows], i) =>
          html`<section class="job-group" aria-labelledby="team-${i}">
            <h2 id="team-${i}">${team}</h2>
            <ul class="job-list">
              ${rows.map(
                (r) =>
                  html`<li class="job-list__item">
                    <a
                      class="job-list__title"
                      href="${withSource(url(`${jobsHref(p.site)}/${r.id}`), p.source)}"
                      >${r.text}</a
                    >
                    ${jobMeta(r)}
                  </li>`,
              )}
            </ul>
          </section>`,
      )
    : emptyState({
        title: 'No open jobs match',
        message:
          p.filters.search || p.filters.team || p.filters.location
            ? 'Try fewer filters or another search.'
            : `${p.companyName} has no open jobs right now. Check back soon.`,
      });
  return html`<div class="job-hero">
      <h1>Join ${p.companyName}</h1>
      <p>${count === 1 ? '1 open job' : `${count} open jobs`}</p>
    </div>
    ${filterForm(p)}
    <div aria-live="polite">${list}</div>`;
}
