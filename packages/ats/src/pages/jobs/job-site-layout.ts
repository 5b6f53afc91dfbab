// The hosted job site's document: the company (account name) is the brand, not Hireloop; no scripts
// (every page works as plain HTML forms and links); the kit's stylesheet plus job-site.css. Pure.
import { attrs, html, type HtmlValue, type SafeHtml } from '@hireloop/platform/html';

export const JOB_SITE_CSS_PATH = '/jobs/_/job-site.css';

export interface JobSiteDocumentProps {
  readonly title: string;
  readonly company: { readonly name: string; readonly site: string };
  readonly body: HtmlValue;
  /** Pages that must not be indexed (closed jobs, form results). */
  readonly noindex?: boolean;
  readonly description?: string;
}

export const jobsHref = (site: string): string => `/jobs/${encodeURIComponent(site)}`;

function monogram(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}

export function jobSiteDocument(props: JobSiteDocumentProps): SafeHtml {
  const { company } = props;
  const robots = props.noindex ? html`<meta name="robots" content="noindex" />` : '';
  const description = props.description
    ? html`<meta name="description" content="${props.description}" />`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${props.title} · ${company.name} careers</title>
${robots}${description}
<link rel="stylesheet" href="/assets/hireloop.css">
<link rel="stylesheet" href="${JOB_SITE_CSS_PATH}">
</head>
<body class="job-site">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="container site-header__inner">
<a${attrs({ class: 'brand', href: jobsHref(company.site) })}><span class="job-site__mark" aria-hidden="true">${monogram(company.name)}</span><span class="brand__name">${company.name}</span></a>
<span class="job-site__tagline">Careers</span>
</div>
</header>
<main id="main" class="main" tabindex="-1">
<div class="container job-site__container">
${props.body}
</div>
</main>
<footer class="site-footer"><div class="container">© ${company.name} · Job site powered by Hireloop</div></footer>
</body>
</html>`;
}
