// The SQL the pipeline page needs besides the opportunity list itself (which is the domain's
// listOpportunityViews): the choices of its filters and the names its rows show. Postings a signed-in
// user may filter by follow the same rule as the candidates they may see (visibility.ts): confidential
// ones only with confidential access, a Limited Team Member only the postings they own, hire for or follow.
import type { AtsKysely } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import { listLabelCounts, type LabelCount } from '../../domain/taxonomy/taxonomy.repository.ts';

/** Enough labels for a select; an account with more than this many distinct tags needs a typeahead. */
export const MAX_LABEL_OPTIONS = 500;

export interface PostingOption {
  id: string;
  text: string;
  state: string;
}

export function listPostingOptions(db: AtsKysely, vis: Visibility): Promise<PostingOption[]> {
  let q = db
    .selectFrom('ats.posting')
    .select(['id', 'text', 'state'])
    .where('account_id', '=', vis.accountId)
    .where('deleted_at', 'is', null);
  if (!vis.confidential) q = q.where('confidentiality', '=', 'non-confidential');
  const userId = vis.limitedToUserId;
  if (userId) {
    q = q.where((p) =>
      p.or([
        p('owner_id', '=', userId),
        p('hiring_manager_id', '=', userId),
        p(p.val(userId), '=', p.fn.any('followers')),
      ]),
    );
  }
  return q.orderBy('text').orderBy('id').execute();
}

/** Tags or sources carried by candidates the user may see, with counts, in text order. */
export async function listLabelOptions(
  db: AtsKysely,
  vis: Visibility,
  column: 'tags' | 'sources',
): Promise<LabelCount[]> {
  const rows = await listLabelCounts(db, vis, column, MAX_LABEL_OPTIONS);
  return rows.slice(0, MAX_LABEL_OPTIONS);
}

/** Titles of the given postings within the account (for table rows). */
export async function postingTitles(
  db: AtsKysely,
  accountId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('ats.posting')
    .select(['id', 'text'])
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.text]));
}

/** Display names of users within the account. */
export async function userNames(
  db: AtsKysely,
  accountId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('ats.user')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
