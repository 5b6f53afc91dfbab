// SQL of the hosted job site (/jobs/:site): the account's public postings (published, public channel, not
// confidential — the same condition as Postings API v0) with the site's filters and a text search, and the
// values the filters offer. A careers site lists every open job on one page, like jobs.lever.co, so there
// is no paging; JOB_SITE_MAX bounds the page for accounts with unusually many openings.
import { sql, type SqlBool } from 'kysely';
import type { AtsKysely } from '../../db.ts';
import { publicPostingCondition, type PostingRow } from './posting.repository.ts';

export const JOB_SITE_MAX = 1000;

export interface JobSiteFilters {
  readonly team?: string;
  readonly location?: string;
  readonly commitment?: string;
  readonly workplaceType?: string;
  /** Words matched (case-insensitive, all of them) against title, team, department and location. */
  readonly search?: string;
}

export interface JobSiteFacets {
  readonly teams: string[];
  readonly locations: string[];
  readonly commitments: string[];
  readonly workplaceTypes: string[];
}

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listJobSitePostings(
  db: AtsKysely,
  accountId: string,
  f: JobSiteFilters,
): Promise<PostingRow[]> {
  let q = db
    .selectFrom('ats.posting')
    .selectAll()
    .where('account_id', '=', accountId)
    .where(publicPostingCondition());
  if (f.team) q = q.where('team', '=', f.team);
  if (f.commitment) q = q.where('commitment', '=', f.commitment);
  if (f.workplaceType) q = q.where('workplace_type', '=', f.workplaceType);
  if (f.location) {
    const location = f.location;
    q = q.where((eb) =>
      eb.or([eb('location', '=', location), sql<SqlBool>`${location} = any(ats.posting.all_locations)`]),
    );
  }
  const words = (f.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words) {
    const pattern = `%${likeEscape(word)}%`;
    q = q.where(
      sql<SqlBool>`concat_ws(' ', ats.posting.text, ats.posting.team, ats.posting.department, ats.posting.location, ats.posting.commitment) ilike ${pattern}`,
    );
  }
  return q.orderBy('team').orderBy('text').orderBy('id').limit(JOB_SITE_MAX).execute();
}

/** The distinct values among all public postings (not only the filtered ones, so a filter can be widened). */
export async function jobSiteFacets(db: AtsKysely, accountId: string): Promise<JobSiteFacets> {
  const rows = await db
    .selectFrom('ats.posting')
    .select(['team', 'location', 'all_locations', 'commitment', 'workplace_type'])
    .where('account_id', '=', accountId)
    .where(publicPostingCondition())
    .limit(JOB_SITE_MAX)
    .execute();
  const distinct = (values: (string | null | undefined)[]): string[] =>
    [...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== ''))].sort((a, b) =>
      a.localeCompare(b),
    );
  return {
    teams: distinct(rows.map((r) => r.team)),
    locations: distinct(rows.flatMap((r) => [r.location, ...r.all_locations])),
    commitments: distinct(rows.map((r) => r.commitment)),
    workplaceTypes: distinct(rows.map((r) => r.workplace_type).filter((w) => w !== 'unspecified')),
  };
}
