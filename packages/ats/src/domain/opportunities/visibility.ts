// The one place that decides which opportunities a caller may see. Every opportunity list and get — and
// every sub-resource (notes, files, resumes, offers, referrals, applications) — starts from
// `visibleOpportunities`, so the confidentiality and limited-team-member rules cannot be forgotten.
//   - tenant: account_id of the caller;
//   - deleted opportunities are invisible (they appear only in /opportunities/deleted);
//   - confidential ones need a credential with confidential access (reference §1.8);
//   - limited team members see only opportunities of postings they own, hire for, or follow.
import type { SelectQueryBuilder } from 'kysely';
import type { AtsDb, AtsKysely, Row } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';

export function visibleOpportunities(db: AtsKysely, vis: Visibility): SelectQueryBuilder<AtsDb, 'ats.opportunity', object> {
  let q = db.selectFrom('ats.opportunity').where('ats.opportunity.account_id', '=', vis.accountId).where('ats.opportunity.deleted_at', 'is', null);
  if (!vis.confidential) q = q.where('ats.opportunity.confidentiality', '=', 'non-confidential');
  const userId = vis.limitedToUserId;
  if (userId) {
    q = q.where('ats.opportunity.posting_id', 'in', (eb) =>
      eb
        .selectFrom('ats.posting')
        .select('ats.posting.id')
        .where('ats.posting.account_id', '=', vis.accountId)
        .where((p) =>
          p.or([p('ats.posting.owner_id', '=', userId), p('ats.posting.hiring_manager_id', '=', userId), p(p.val(userId), '=', p.fn.any('ats.posting.followers'))]),
        ),
    );
  }
  return q;
}

/** The opportunity if the caller may see it; undefined otherwise (routes answer 404, never 403, so ids don't leak). */
export function findVisibleOpportunity(db: AtsKysely, vis: Visibility, id: string): Promise<Row<'ats.opportunity'> | undefined> {
  return visibleOpportunities(db, vis).selectAll('ats.opportunity').where('ats.opportunity.id', '=', id).executeTakeFirst();
}
