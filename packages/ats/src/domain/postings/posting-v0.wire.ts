// Posting row → public Postings API v0 shape (reference §6.1). Our content has one description, so
// `opening` is empty and the body carries it all (`description` = opening + body either way); `additional`
// is the closing. Only categories that are set appear, as in Lever's public output.
import type { PostingV0, SalaryRange } from '@hireloop/lever/wire';
import { completeContent, htmlToText } from './posting-content.ts';
import type { PostingRow } from './posting.repository.ts';
import { postingUrls } from './posting.wire.ts';

export function toPostingV0(row: PostingRow, publicUrl: string, site: string): PostingV0 {
  const content = completeContent(row.content);
  const urls = postingUrls(publicUrl, site, row.id);
  const categories: PostingV0['categories'] = {
    allLocations: row.all_locations.length ? row.all_locations : row.location ? [row.location] : [],
  };
  for (const key of ['location', 'commitment', 'team', 'department', 'level'] as const) {
    const value = row[key];
    if (value) categories[key] = value;
  }
  const out: PostingV0 = {
    id: row.id,
    text: row.text,
    categories,
    country: row.country,
    createdAt: row.created_at.getTime(),
    opening: '',
    openingPlain: '',
    description: content.descriptionHtml,
    descriptionPlain: content.description,
    descriptionBody: content.descriptionHtml,
    descriptionBodyPlain: content.description,
    lists: content.lists,
    additional: content.closingHtml,
    additionalPlain: content.closing,
    hostedUrl: urls.show,
    applyUrl: urls.apply,
    workplaceType: row.workplace_type as PostingV0['workplaceType'],
  };
  if (row.salary_range) out.salaryRange = row.salary_range as SalaryRange;
  const salaryHtml = row.salary_description_html ?? row.salary_description;
  if (salaryHtml) {
    out.salaryDescription = salaryHtml;
    out.salaryDescriptionPlain = row.salary_description ?? htmlToText(salaryHtml);
  }
  return out;
}

export const V0_GROUPS = ['location', 'commitment', 'team', 'department'] as const;
export type V0Group = (typeof V0_GROUPS)[number];

/** `group=` output: `[{title, postings}]` by category value, titles sorted; postings without it last. */
export function groupPostingsV0(
  postings: readonly PostingV0[],
  by: V0Group,
): { title: string; postings: PostingV0[] }[] {
  const groups = new Map<string, PostingV0[]>();
  for (const p of postings) {
    const title = p.categories[by] ?? '';
    groups.set(title, [...(groups.get(title) ?? []), p]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([title, list]) => ({ title, postings: list }));
}
