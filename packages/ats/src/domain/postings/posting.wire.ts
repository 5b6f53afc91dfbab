// Posting row → Lever wire shapes: the v1 `Posting` (reference §2.2) with optional `expand`, and the
// deleted-list item. `urls` point at the ATS's hosted job site (`/jobs/:site`) and are null for drafts.
import type { Posting, SalaryRange } from '@hireloop/lever/wire';
import { toLeverUser, type LeverUserWire } from '../users/user.wire.ts';
import type { UserRow } from '../users/user.repository.ts';
import { completeContent } from './posting-content.ts';
import type { PostingRow } from './posting.repository.ts';

export const POSTING_EXPANDS = ['user', 'owner', 'hiringManager', 'followers'] as const;
export type PostingExpand = (typeof POSTING_EXPANDS)[number];

export interface PostingWireContext {
  readonly publicUrl: string;
  readonly site: string;
  /** Users referenced by the postings (only needed when something is expanded). */
  readonly users?: ReadonlyMap<string, UserRow>;
  readonly expand?: ReadonlySet<PostingExpand>;
}

export type LeverPostingWire = Omit<Posting, 'user' | 'owner' | 'hiringManager' | 'followers'> & {
  user: string | LeverUserWire | null;
  owner: string | LeverUserWire | null;
  hiringManager: string | LeverUserWire | null;
  followers: (string | LeverUserWire)[];
};

export function postingUrls(publicUrl: string, site: string, id: string) {
  const list = `${publicUrl.replace(/\/$/, '')}/jobs/${encodeURIComponent(site)}`;
  return { list, show: `${list}/${id}`, apply: `${list}/${id}/apply` };
}

/** User ids a set of postings references (for one batched user lookup when expanding). */
export function referencedUserIds(rows: readonly PostingRow[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    for (const id of [r.user_id, r.owner_id, r.hiring_manager_id, ...r.followers]) if (id) ids.add(id);
  }
  return [...ids];
}

export function toLeverPosting(row: PostingRow, ctx: PostingWireContext): LeverPostingWire {
  const expanded = (name: PostingExpand, id: string | null): string | LeverUserWire | null => {
    if (!id || !ctx.expand?.has(name)) return id;
    const user = ctx.users?.get(id);
    return user ? toLeverUser(user) : null;
  };
  const followers = ctx.expand?.has('followers')
    ? row.followers.flatMap((id) => {
        const user = ctx.users?.get(id);
        return user ? [toLeverUser(user)] : [];
      })
    : row.followers;
  const salaryRange = row.salary_range as SalaryRange | null;
  return {
    id: row.id,
    text: row.text,
    state: row.state as Posting['state'],
    distributionChannels: row.distribution_channels as Posting['distributionChannels'],
    user: expanded('user', row.user_id),
    owner: expanded('owner', row.owner_id),
    hiringManager: expanded('hiringManager', row.hiring_manager_id),
    categories: {
      commitment: row.commitment,
      department: row.department,
      level: row.level,
      location: row.location,
      team: row.team,
      allLocations: row.all_locations,
    },
    tags: row.tags,
    content: completeContent(row.content),
    country: row.country,
    followers,
    reqCode: row.req_code,
    requisitionCodes: row.requisition_codes,
    urls: row.state === 'draft' ? null : postingUrls(ctx.publicUrl, ctx.site, row.id),
    confidentiality: row.confidentiality as Posting['confidentiality'],
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
    workplaceType: row.workplace_type as Posting['workplaceType'],
    transcribeInterviews: false,
    screening: { enabled: false },
    salaryRange,
    salaryDescription: row.salary_description,
    salaryDescriptionHtml: row.salary_description_html,
  };
}

export const toDeletedPosting = (row: { id: string; deleted_at: Date }) => ({
  id: row.id,
  deletedAt: row.deleted_at.getTime(),
});
