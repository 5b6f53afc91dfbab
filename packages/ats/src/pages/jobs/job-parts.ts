// Pieces shared by the job site's pages: the meta line of a job, source tracking on links, and posting
// content rendered as text. Posting HTML written through the API is never trusted as markup: it is turned
// back into text (htmlToText) and escaped, so the job site needs no HTML sanitizer and no raw().
import { html, type HtmlValue, type SafeHtml } from '@hireloop/platform/html';
import type { SalaryRange } from '@hireloop/lever/wire';
import { completeContent, htmlToText } from '../../domain/postings/posting-content.ts';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';

const WORKPLACE: Record<string, string> = { 'on-site': 'On-site', remote: 'Remote', hybrid: 'Hybrid' };
export const workplaceLabel = (w: string): string => WORKPLACE[w] ?? w;

/** Lever's `lever-source` (and plain `source`) tracking parameter: trimmed, at most 200 characters. */
export const MAX_SOURCE_LENGTH = 200;
export function readSource(query: { 'lever-source'?: unknown; source?: unknown }): string | undefined {
  const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
  const raw = first(query['lever-source']) ?? first(query.source);
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().slice(0, MAX_SOURCE_LENGTH);
  return value || undefined;
}

/** Adds `lever-source` to a site-relative link so the source follows the candidate to the form. */
export function withSource(href: string, source: string | undefined): string {
  if (!source) return href;
  return `${href}${href.includes('?') ? '&' : '?'}lever-source=${encodeURIComponent(source)}`;
}

export function jobMeta(r: PostingRow): SafeHtml {
  const items: HtmlValue[] = [
    r.location,
    r.department && r.team ? `${r.department} – ${r.team}` : r.team,
    r.commitment,
  ];
  if (r.workplace_type && r.workplace_type !== 'unspecified') items.push(workplaceLabel(r.workplace_type));
  return html`<ul class="job-meta">
    ${items.filter(Boolean).map((i) => html`<li>${i}</li>`)}
  </ul>`;
}

function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => html`<p>${lines.map((l, i) => (i ? html`<br />${l}` : l))}</p>`);
}

function listItems(content: string): string[] {
  return htmlToText(content)
    .split('\n')
    .map((l) => l.replace(/^\s*[-•*]\s*/, '').trim())
    .filter(Boolean);
}

const money = (n: number, currency: string | null): string => {
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: currency ?? 'USD',
      maximumFractionDigits: 0,
    }).format(n);
  } catch {
    return `${n.toLocaleString('en-US')} ${currency ?? ''}`.trim();
  }
};

const INTERVALS: Record<string, string> = {
  'per-year-salary': 'per year',
  'per-month-salary': 'per month',
  'semi-month-salary': 'twice a month',
  'bi-month-salary': 'every two months',
  'bi-week-salary': 'every two weeks',
  'per-week-salary': 'per week',
  'per-day-wage': 'per day',
  'per-hour-wage': 'per hour',
  'one-time': 'one time',
};

export function salaryText(r: PostingRow): string | undefined {
  const range = r.salary_range as SalaryRange | null;
  const parts: string[] = [];
  if (range && (range.min !== null || range.max !== null)) {
    const amounts = [range.min, range.max].filter((v): v is number => typeof v === 'number');
    const span = [...new Set(amounts)].map((n) => money(n, range.currency)).join(' – ');
    parts.push(`${span}${range.interval ? ` ${INTERVALS[range.interval] ?? range.interval}` : ''}`);
  }
  const described =
    r.salary_description ?? (r.salary_description_html ? htmlToText(r.salary_description_html) : '');
  if (described.trim()) parts.push(described.trim());
  return parts.length ? parts.join('. ') : undefined;
}

/** Script and style elements carry code, not words: dropped with their content before HTML becomes text. */
const withoutCode = (h: string | undefined): string | undefined =>
  h?.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '');

export function jobContent(r: PostingRow): SafeHtml {
  const c = completeContent({
    ...r.content,
    descriptionHtml: withoutCode(r.content.descriptionHtml),
    closingHtml: withoutCode(r.content.closingHtml),
  });
  const salary = salaryText(r);
  return html`<div class="job-content">
    ${paragraphs(c.description)}
    ${c.lists.map(
      (l) =>
        html`<h2>${l.text}</h2>
          <ul>
            ${listItems(l.content).map((i) => html`<li>${i}</li>`)}
          </ul>`,
    )}
    ${
      salary
        ? html`<h2>Compensation</h2>
            <p>${salary}</p>`
        : ''
    }
    ${paragraphs(c.closing)}
  </div>`;
}
