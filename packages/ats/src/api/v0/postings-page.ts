// mode=html of GET /v0/postings/:site: the public job list as a page (a pure function of its props).
// Links go to the hosted job site; every value is escaped by the html kit.
import { emptyState, html, layout, type SafeHtml } from '@hireloop/platform/html';
import type { PostingV0 } from '@hireloop/lever/wire';

export interface PostingsPageProps {
  readonly companyName: string;
  readonly listUrl: string;
  readonly postings: readonly PostingV0[];
}

function item(p: PostingV0): SafeHtml {
  const meta = [p.categories.location, p.categories.team, p.categories.commitment]
    .filter(Boolean)
    .join(' · ');
  return html`<li class="posting">
    <a href="${p.hostedUrl}">${p.text}</a>${meta ? html` <span class="muted">${meta}</span>` : ''}
  </li>`;
}

export function postingsPage(props: PostingsPageProps): SafeHtml {
  const body = props.postings.length
    ? html`<h1>Jobs at ${props.companyName}</h1>
        <ul class="postings">
          ${props.postings.map(item)}
        </ul>`
    : html`<h1>Jobs at ${props.companyName}</h1>
        ${emptyState({ title: 'No open positions right now' })}`;
  return layout({ title: 'Jobs', app: { name: props.companyName, href: props.listUrl }, body });
}
