// Everything the candidate profile shows, read for one visible opportunity. The opportunity itself comes
// through the domain's findOpportunityView (visibility.ts); every other read here is keyed by that
// opportunity's id, so nothing of a candidate the user may not see is ever loaded. Lists are capped (a
// profile with more than PROFILE_LIST_MAX notes or files shows the newest; the API pages through all).
import { sql } from 'kysely';
import type { AtsKysely } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import { findOpportunityView } from '../../domain/opportunities/opportunity.repository.ts';
import type { OpportunityView } from '../../domain/opportunities/opportunity-view.ts';
import {
  listApplicationViews,
  type ApplicationView,
} from '../../domain/opportunities/application.repository.ts';
import {
  listNotes,
  listComments,
  type NoteCommentRow,
  type NoteRow,
} from '../../domain/notes/note.repository.ts';
import { secretAccess } from '../../domain/notes/note.service.ts';
import { listOpportunityFiles, type FileRow } from '../../domain/files/file.repository.ts';
import { listReferrals, type ReferralRow } from '../../domain/referrals/referral.repository.ts';
import { findOfferDocuments, listOffers, type OfferRow } from '../../domain/offers/offer.repository.ts';
import { listStages, type StageRow } from '../../domain/stages/stage.repository.ts';
import {
  listArchiveReasons,
  type ArchiveReasonRow,
} from '../../domain/archive-reasons/archive-reason.repository.ts';
import { postingTitles, userNames } from '../pipeline/pipeline.repository.ts';

export const PROFILE_LIST_MAX = 50;

export interface ArchiveChange {
  at: Date;
  toReasonId: string | null;
}

export interface CandidateProfile {
  readonly opportunity: OpportunityView;
  readonly postingTitle: string | undefined;
  readonly stages: readonly StageRow[];
  readonly archiveReasons: readonly ArchiveReasonRow[];
  readonly notes: readonly NoteRow[];
  readonly comments: readonly NoteCommentRow[];
  readonly resumes: readonly FileRow[];
  readonly files: readonly FileRow[];
  readonly referrals: readonly ReferralRow[];
  readonly offers: readonly OfferRow[];
  readonly offerDocuments: ReadonlyMap<string, { id: string; name: string }>;
  readonly applications: readonly ApplicationView[];
  readonly archiveChanges: readonly ArchiveChange[];
  /** Names of every user the page mentions (owner, note authors, movers, referrers). */
  readonly users: ReadonlyMap<string, string>;
  readonly postings: ReadonlyMap<string, string>;
}

/** The candidate's archive/unarchive history from the event log (index from migration 0005). */
export async function listArchiveChanges(
  db: AtsKysely,
  accountId: string,
  opportunityId: string,
): Promise<ArchiveChange[]> {
  const rows = await db
    .selectFrom('ats.event_log')
    .select(['created_at', 'data'])
    .where('account_id', '=', accountId)
    .where('event', '=', 'candidateArchiveChange')
    .where(sql<boolean>`data->>'opportunityId' = ${opportunityId}`)
    .orderBy('seq', 'desc')
    .limit(PROFILE_LIST_MAX)
    .execute();
  return rows.map((r) => {
    const data = r.data as { toArchived?: { reason?: string } | null };
    return { at: r.created_at, toReasonId: data.toArchived?.reason ?? null };
  });
}

export async function loadCandidateProfile(
  db: AtsKysely,
  vis: Visibility,
  userId: string,
  id: string,
): Promise<CandidateProfile | undefined> {
  const opportunity = await findOpportunityView(db, vis, id.toLowerCase());
  if (!opportunity) return undefined;
  const oid = opportunity.id;
  const page = { opportunityId: oid, limit: PROFILE_LIST_MAX };
  const [stages, archiveReasons, notes, resumes, files, referrals, offers, applications, archiveChanges] =
    await Promise.all([
      listStages(db, vis.accountId),
      listArchiveReasons(db, vis.accountId, {}),
      listNotes(db, { ...page, secret: secretAccess({ confidential: vis.confidential, userId }) }),
      listOpportunityFiles(db, { ...page, accountId: vis.accountId, kind: 'resume' }),
      listOpportunityFiles(db, { ...page, accountId: vis.accountId, kind: 'file' }),
      listReferrals(db, page),
      listOffers(db, page),
      listApplicationViews(db, [oid]),
      listArchiveChanges(db, vis.accountId, oid),
    ]);
  const shownNotes = notes.slice(0, PROFILE_LIST_MAX);
  const shownOffers = offers.slice(0, PROFILE_LIST_MAX);
  const comments = await listComments(
    db,
    shownNotes.map((n) => n.id),
  );
  const documentIds = shownOffers.flatMap((o) =>
    [o.sent_document_id, o.signed_document_id].filter((d): d is string => Boolean(d)),
  );
  const userIds = new Set<string>();
  const add = (u: string | null | undefined): void => void (u && userIds.add(u));
  add(opportunity.owner_id);
  add(opportunity.sourced_by);
  opportunity.stage_changes.forEach((s) => add(s.userId));
  shownNotes.forEach((n) => add(n.user_id));
  comments.forEach((c) => add(c.user_id));
  referrals.forEach((r) => add(r.referrer_id));
  const postingIds = new Set<string>(
    [
      opportunity.posting_id,
      ...applications.map((a) => a.posting_id),
      ...shownOffers.map((o) => o.posting_id),
    ].filter((p): p is string => Boolean(p)),
  );
  const [users, postings, documents] = await Promise.all([
    userNames(db, vis.accountId, [...userIds]),
    postingTitles(db, vis.accountId, [...postingIds]),
    findOfferDocuments(db, documentIds),
  ]);
  return {
    opportunity,
    postingTitle: opportunity.posting_id ? postings.get(opportunity.posting_id) : undefined,
    stages,
    archiveReasons,
    notes: shownNotes,
    comments,
    resumes: resumes.slice(0, PROFILE_LIST_MAX),
    files: files.slice(0, PROFILE_LIST_MAX),
    referrals: referrals.slice(0, PROFILE_LIST_MAX),
    offers: shownOffers,
    offerDocuments: new Map(documents.map((d) => [d.id, { id: d.id, name: d.name }])),
    applications,
    archiveChanges,
    users,
    postings,
  };
}

/** Whether the file is the sent or signed document of one of the opportunity's offers. */
export async function isOfferDocument(
  db: AtsKysely,
  opportunityId: string,
  fileId: string,
): Promise<boolean> {
  const offer = await db
    .selectFrom('ats.offer')
    .select('id')
    .where('opportunity_id', '=', opportunityId)
    .where((eb) => eb.or([eb('sent_document_id', '=', fileId), eb('signed_document_id', '=', fileId)]))
    .executeTakeFirst();
  return offer !== undefined;
}
