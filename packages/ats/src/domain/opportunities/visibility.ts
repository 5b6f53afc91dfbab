// The one place that decides which opportunities a caller may see. Every opportunity list and get — and
// every sub-resource (notes, files, resumes, offers, referrals, applications, the contact) — starts from
// `visibleOpportunities`, so the confidentiality and limited-team-member rules cannot be forgotten.
//   - tenant: account_id of the caller;
//   - deleted opportunities are invisible (they appear only in /opportunities/deleted, which applies the
//     same rules through `deletedOpportunities`);
//   - confidential ones need a credential with confidential access (reference §1.8);
//   - limited team members see only opportunities of postings they own, hire for, or follow.
import type { SelectQueryBuilder } from 'kysely';
import type { AtsDb, AtsKysely, Row } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import { isUuid } from '../../api/query.ts';

type OpportunityQuery = SelectQueryBuilder<AtsDb, 'ats.opportunity', object>;

function applyAccessRules(q: OpportunityQuery, vis: Visibility): OpportunityQuery {
  q = q.where('ats.opportunity.account_id', '=', vis.accountId);
  if (!vis.confidential) q = q.where('ats.opportunity.confidentiality', '=', 'non-confidential');
  const userId = vis.limitedToUserId;
  if (userId) {
    q = q.where('ats.opportunity.posting_id', 'in', (eb) =>
      eb
        .selectFrom('ats.posting')
        .select('ats.posting.id')
        .where('ats.posting.account_id', '=', vis.accountId)
        .where((p) =>
          p.or([
            p('ats.posting.owner_id', '=', userId),
            p('ats.posting.hiring_manager_id', '=', userId),
            p(p.val(userId), '=', p.fn.any('ats.posting.followers')),
          ]),
        ),
    );
  }
  return q;
}

export function visibleOpportunities(db: AtsKysely, vis: Visibility): OpportunityQuery {
  return applyAccessRules(db.selectFrom('ats.opportunity'), vis).where(
    'ats.opportunity.deleted_at',
    'is',
    null,
  );
}

/** Live and deleted opportunities under the caller's rules (for deleted sub-records, e.g. applications). */
export function opportunitiesInReach(db: AtsKysely, vis: Visibility): OpportunityQuery {
  return applyAccessRules(db.selectFrom('ats.opportunity'), vis);
}

/** Deleted opportunities the caller could have seen before deletion (for `GET /opportunities/deleted`). */
export function deletedOpportunities(db: AtsKysely, vis: Visibility): OpportunityQuery {
  return applyAccessRules(db.selectFrom('ats.opportunity'), vis).where(
    'ats.opportunity.deleted_at',
    'is not',
    null,
  );
}

/** The opportunity if the caller may see it; undefined otherwise (routes answer 404, never 403, so ids don't leak). */
// A malformed id is simply not found (a uuid cast error would be a 500).
export function findVisibleOpportunity(
  db: AtsKysely,
  vis: Visibility,
  id: string,
): Promise<Row<'ats.opportunity'> | undefined> {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return visibleOpportunities(db, vis)
    .selectAll('ats.opportunity')
    .where('ats.opportunity.id', '=', id)
    .executeTakeFirst();
}

/** A contact is visible when at least one of its opportunities is (so contact ids don't leak either). */
export function findVisibleContactId(
  db: AtsKysely,
  vis: Visibility,
  contactId: string,
): Promise<string | undefined> {
  if (!isUuid(contactId)) return Promise.resolve(undefined);
  return visibleOpportunities(db, vis)
    .select('ats.opportunity.contact_id')
    .where('ats.opportunity.contact_id', '=', contactId)
    .limit(1)
    .executeTakeFirst()
    .then((r) => r?.contact_id);
}
