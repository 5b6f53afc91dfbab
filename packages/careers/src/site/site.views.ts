// The public careers site's views: pure functions of their props (no db, no request), server-rendered, no
// script. The document is our own (canonical link, robots meta, JSON-LD) on the kit's stylesheet.
import { attrs, badge, html, path, url, type HtmlValue, type SafeHtml } from '@hireloop/platform/html';
import type { JobRow, OrganizationRow, PostingListItem } from '../db.ts';
import { WORK_MODE_LABELS, type WorkMode } from '../domain/classify/work-mode.ts';

export interface SiteDocumentProps {
  readonly title: string;
  readonly org: OrganizationRow;
  readonly canonical?: string;
  readonly description?: string;
  readonly noindex?: boolean;
  readonly head?: HtmlValue;
  readonly body: HtmlValue;
}

export function siteDocument(p: SiteDocumentProps): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${p.title} · ${p.org.name} careers</title>
        ${p.description ? html`<meta name="description" content="${p.description}" />` : ''}
        ${p.noindex ? html`<meta name="robots" content="noindex" />` : ''}
        ${p.canonical ? html`<link rel="canonical" href="${p.canonical}" />` : ''}
        <link rel="stylesheet" href="/assets/hireloop.css" />
        ${p.head}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="brand" href="${path`/careers/${p.org.slug}`}"
              ><span class="brand__name">${p.org.name} careers</span></a
            >
          </div>
        </header>
        <main id="main" class="main" tabindex="-1"><div class="container">${p.body}</div></main>
        <footer class="site-footer">
          <div class="container">${p.org.name} · careers site powered by Hireloop</div>
        </footer>
      </body>
    </html>`;
}

export interface Facets {
  readonly teams: string[];
  readonly locations: string[];
  readonly commitments: string[];
  readonly workModes: string[];
}

export interface ListFilters {
  readonly q: string;
  readonly team: string;
  readonly location: string;
  readonly commitment: string;
  readonly workMode: string;
}

const select = (
  label: string,
  name: string,
  value: string,
  options: readonly { value: string; label: string }[],
) =>
  html`<div class="field"><label class="field__label" for="${`f-${name}`}">${label}</label><select${attrs({ class: 'select', id: `f-${name}`, name })}><option value="">All</option>${options.map(
    (o) => html`<option${attrs({ value: o.value, selected: o.value === value })}>${o.label}</option>`,
  )}</select></div>`;

const plain = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

export const jobMeta = (j: JobRow): HtmlValue =>
  html`<p class="muted">
    ${[j.team, j.location, j.commitment].filter(Boolean).join(' · ')}
    ${badge({ label: WORK_MODE_LABELS[j.work_mode as WorkMode], tone: j.work_mode === 'on-site' ? 'neutral' : 'info' })}
  </p>`;

export function jobList(
  org: OrganizationRow,
  jobs: readonly JobRow[],
  facets: Facets,
  f: ListFilters,
): SafeHtml {
  const base = path`/careers/${org.slug}`;
  return html`<h1>Open positions at ${org.name}</h1>
    <form method="get" action="${base}" class="form form--filters" role="search" aria-label="Filter jobs">
      <div class="grid">
      <div class="field">
        <label class="field__label" for="f-q">Search</label
        ><input
          class="input"
          id="f-q"
          type="search"
          name="q"
          value="${f.q}"
          placeholder="Title, team or location"
        />
      </div>
      ${select('Team', 'team', f.team, plain(facets.teams))}
      ${select('Location', 'location', f.location, plain(facets.locations))}
      ${select('Commitment', 'commitment', f.commitment, plain(facets.commitments))}
      ${select(
        'Work mode',
        'mode',
        f.workMode,
        (['remote', 'hybrid', 'on-site'] as const).map((m) => ({ value: m, label: WORK_MODE_LABELS[m] })),
      )}
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn--primary">Filter</button>
        <a class="btn btn--ghost" href="${base}">Clear</a>
      </div>
    </form>
    <p class="muted" role="status">
      ${jobs.length === 1 ? '1 open position' : `${jobs.length} open positions`}
    </p>
    <div class="stack">
      ${jobs.map(
        (j) =>
          html`<article class="card">
            <div class="card__body">
              <h2 class="card__title">
                <a href="${path`/careers/${org.slug}/jobs/${j.ats_posting_id}`}">${j.title}</a>
              </h2>
              ${jobMeta(j)}
            </div>
          </article>`,
      )}
    </div>
    ${jobs.length === 0 ? html`<p>No open positions match. <a href="${base}">See every open position</a>.</p>` : ''}`;
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}|\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`);

export function jobPage(org: OrganizationRow, job: JobRow): SafeHtml {
  const lists = job.lists as PostingListItem[];
  const apply = job.apply_url ?? job.hosted_url;
  return html`<nav aria-label="Breadcrumb">
      <a href="${path`/careers/${org.slug}`}">All open positions</a>
    </nav>
    <article class="job">
      <h1>${job.title}</h1>
      ${jobMeta(job)}
      ${apply ? html`<p><a class="btn btn--primary" href="${apply}" rel="noopener">Apply for this job</a></p>` : ''}
      <section class="job__description">${paragraphs(job.description)}</section>
      ${lists.map(
        (l) =>
          html`<section>
            <h2>${l.text}</h2>
            <ul>
              ${l.items.map((i) => html`<li>${i}</li>`)}
            </ul>
          </section>`,
      )}
      ${job.closing ? html`<section>${paragraphs(job.closing)}</section>` : ''}
      ${apply ? html`<p><a class="btn btn--primary" href="${apply}" rel="noopener">Apply for this job</a></p>` : ''}
    </article>`;
}

export function closedPage(org: OrganizationRow, title: string | undefined): SafeHtml {
  return html`<h1>${title ? `${title} is no longer open` : 'This job is no longer open'}</h1>
    <p>
      The position has been filled or closed.
      <a href="${path`/careers/${org.slug}`}">See every open position at ${org.name}</a>.
    </p>`;
}

export const listUrl = (publicUrl: string, slug: string, f?: Partial<ListFilters>) =>
  `${publicUrl}${url(path`/careers/${slug}`, f ? { q: f.q, team: f.team, location: f.location, commitment: f.commitment, mode: f.workMode } : {})}`;
