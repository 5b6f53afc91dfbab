// /jobs/:site/:id — one job: title, meta, description, lists, compensation, closing and the Apply button
// (carrying the source). Also the page for a job that is closed or was never public: it says so and links
// to the open jobs, instead of a bare 404. Pure.
import { html, linkButton, type SafeHtml } from '@hireloop/platform/html';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';
import { jobsHref } from './job-site-layout.ts';
import { jobContent, jobMeta, withSource } from './job-parts.ts';

export interface JobPageProps {
  readonly site: string;
  readonly companyName: string;
  readonly posting: PostingRow;
  readonly source?: string;
}

export const jobHref = (site: string, id: string): string => `${jobsHref(site)}/${id}`;

function backLink(site: string, source: string | undefined): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb">
    <ol>
      <li><a href="${withSource(jobsHref(site), source)}">All jobs</a></li>
    </ol>
  </nav>`;
}

export function jobPage(p: JobPageProps): SafeHtml {
  const apply = withSource(`${jobHref(p.site, p.posting.id)}/apply`, p.source);
  const applyButton = linkButton({
    label: 'Apply for this job',
    href: apply,
    variant: 'primary',
    attrs: { 'aria-describedby': 'job-title' },
  });
  return html`<article class="job-detail">
    ${backLink(p.site, p.source)}
    <div class="job-detail__head">
      <div>
        <h1 id="job-title">${p.posting.text}</h1>
        ${jobMeta(p.posting)}
      </div>
      ${applyButton}
    </div>
    ${jobContent(p.posting)}
    <div class="job-apply-bar">${applyButton}</div>
  </article>`;
}

export function jobClosedPage(props: { site: string; companyName: string; closed: boolean }): SafeHtml {
  return html`<section class="job-thanks" aria-labelledby="closed-title">
    <h1 id="closed-title">${props.closed ? 'This job is no longer open' : 'We couldn’t find that job'}</h1>
    <p class="muted">
      ${
        props.closed
          ? `${props.companyName} is not taking applications for this job any more.`
          : 'The link may be mistyped, or the job was taken down.'
      }
      Have a look at the jobs that are open now.
    </p>
    <p>
      ${linkButton({ label: `See open jobs at ${props.companyName}`, href: jobsHref(props.site), variant: 'primary' })}
    </p>
  </section>`;
}

export function thanksPage(props: { site: string; companyName: string; jobTitle: string }): SafeHtml {
  return html`<section class="job-thanks" aria-labelledby="thanks-title">
    <h1 id="thanks-title">Thank you for applying</h1>
    <p>Your application for <strong>${props.jobTitle}</strong> at ${props.companyName} has been received.</p>
    <p class="muted">The team reviews every application and will get in touch by email if there is a fit.</p>
    <p>${linkButton({ label: 'See other open jobs', href: jobsHref(props.site), variant: 'secondary' })}</p>
  </section>`;
}
