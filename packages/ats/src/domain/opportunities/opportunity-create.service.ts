// POST /opportunities (reference §2.3): one transaction that finds or creates the contact (explicit
// `contact`, else dedupe by canonical email), inserts the opportunity with its first stage change, attaches
// at most one posting (its title and categories become tags, its confidentiality the opportunity's, and an
// application of type `user` is created), stores the resume, and reports every change through the events
// port (contactCreated/contactUpdated, applicationCreated, candidateArchiveChange, candidateHired).
import type { OpportunityCreate } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import { isUuid } from '../../api/query.ts';
import type { AtsEvents } from '../events/events.ts';
import { storeFile } from '../files/file.service.ts';
import {
  canonicalEmail,
  findContact,
  findContactByEmails,
  isValidEmail,
  type ContactRow,
} from '../contacts/contact.repository.ts';
import { createContact, mergeIntoContact } from '../contacts/contact.service.ts';
import { insertApplication, setApplicationsHired } from './application.repository.ts';
import {
  findAttachablePosting,
  insertOpportunity,
  insertStageChange,
  type PostingRow,
} from './opportunity.repository.ts';
import {
  badField,
  checkUsers,
  resolveArchiveReason,
  resolvePerformer,
  resolveStage,
  unique,
} from './opportunity-input.ts';
import { archiveEvents } from './opportunity-events.ts';

export interface ResumeUpload {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export interface CreateOpportunityCommand {
  readonly body: OpportunityCreate;
  readonly performAs: string | undefined;
  readonly performAsPostingOwner: boolean;
  readonly resume?: ResumeUpload;
  readonly now?: Date;
}

/** Posting title and categories in the order Lever adds them to the opportunity's tags. */
function postingTags(p: PostingRow): string[] {
  return [p.text, p.department, p.team, p.location, p.commitment].filter(
    (t): t is string => typeof t === 'string' && t.length > 0,
  );
}

async function attachContact(
  db: AtsKysely,
  events: AtsEvents,
  accountId: string,
  body: OpportunityCreate,
  emails: string[],
  now: Date,
): Promise<{ contact: ContactRow; deduped: boolean }> {
  const fields = {
    name: body.name,
    headline: body.headline,
    location: body.location,
    emails,
    phones: body.phones ?? [],
  };
  let existing: ContactRow | undefined;
  if (body.contact !== undefined) {
    existing = isUuid(body.contact) ? await findContact(db, accountId, body.contact) : undefined;
    if (!existing) throw badField('contact', 'is not a contact of this account');
  } else {
    existing = await findContactByEmails(db, accountId, emails);
  }
  if (existing) return { contact: await mergeIntoContact(db, events, existing, fields, now), deduped: true };
  const name = body.name?.trim() || emails[0];
  if (!name)
    throw badField('name', 'is required when no contact is given and no email matches an existing contact');
  return { contact: await createContact(db, events, accountId, { ...fields, name }, now), deduped: false };
}

export async function createOpportunity(
  db: AtsKysely,
  events: AtsEvents,
  vis: Visibility,
  cmd: CreateOpportunityCommand,
): Promise<{ deduped: boolean; opportunityId: string }> {
  const { body } = cmd;
  const now = cmd.now ?? new Date();
  const accountId = vis.accountId;
  let performer = await resolvePerformer(db, accountId, cmd.performAs, true);
  const emails = unique((body.emails ?? []).map(canonicalEmail).filter((e) => e.length > 0));
  const invalid = emails.find((e) => !isValidEmail(e));
  if (invalid !== undefined) throw badField('emails', `"${invalid}" is not a valid email address`);

  const postingId = body.postings?.[0];
  const posting = postingId === undefined ? undefined : await findAttachablePosting(db, vis, postingId);
  if (postingId !== undefined && !posting)
    throw badField('postings', `"${postingId}" is not a posting of this account`);
  if (cmd.performAsPostingOwner && posting?.owner_id)
    performer = (await resolvePerformer(db, accountId, posting.owner_id, true)) ?? performer;
  const performerId = performer?.id ?? null;

  const { stage, index } = await resolveStage(db, accountId, body.stage ?? 'lead-new');
  const ownerId = body.owner ?? performerId;
  if (body.owner !== undefined) await checkUsers(db, accountId, 'owner', [body.owner]);
  if (body.followers?.length) await checkUsers(db, accountId, 'followers', body.followers);
  const reason = body.archived
    ? await resolveArchiveReason(db, accountId, body.archived.reason, 'archived.reason')
    : undefined;

  const { contact, deduped } = await attachContact(db, events, accountId, body, emails, now);
  const createdAt = body.createdAt !== undefined ? new Date(body.createdAt) : now;
  const archivedAt = reason ? new Date(body.archived?.archivedAt ?? now.getTime()) : null;
  const origin = body.origin ?? 'sourced';
  const opportunity = await insertOpportunity(db, {
    account_id: accountId,
    contact_id: contact.id,
    posting_id: posting?.id ?? null,
    stage_id: stage.id,
    origin,
    confidentiality: posting?.confidentiality ?? 'non-confidential',
    owner_id: ownerId,
    sourced_by: performerId,
    followers: unique([...(body.followers ?? []), ...(performerId ? [performerId] : [])]),
    tags: unique([...(body.tags ?? []), ...(posting ? postingTags(posting) : [])]),
    sources: unique(body.sources ?? []),
    links: unique(body.links ?? []),
    archive_reason_id: reason?.id ?? null,
    archived_at: archivedAt,
    opportunity_location: posting?.location ?? null,
    created_at: createdAt,
    updated_at: now,
    last_interaction_at: now,
    last_advanced_at: createdAt,
  });
  await insertStageChange(db, {
    opportunity_id: opportunity.id,
    to_stage_id: stage.id,
    to_stage_index: index,
    user_id: performerId,
    updated_at: createdAt,
  });
  const ids = { opportunityId: opportunity.id, candidateId: opportunity.id, contactId: contact.id };
  if (posting) {
    const application = await insertApplication(db, {
      opportunity_id: opportunity.id,
      posting_id: posting.id,
      type: 'user',
      user_id: performerId,
      created_at: createdAt,
    });
    await events.emit(db, accountId, 'applicationCreated', { applicationId: application.id, ...ids }, origin);
  }
  if (cmd.resume) {
    await storeFile(db, {
      accountId,
      opportunityId: opportunity.id,
      kind: 'resume',
      name: cmd.resume.name,
      contentType: cmd.resume.contentType,
      bytes: cmd.resume.bytes,
      userId: performerId,
      now,
    });
  }
  if (reason && archivedAt) {
    if (reason.type === 'hired') await setApplicationsHired(db, opportunity.id, archivedAt, null);
    await archiveEvents(
      db,
      events,
      opportunity,
      null,
      { reason: reason.id, archivedAt: archivedAt.getTime() },
      reason.type === 'hired',
    );
  }
  return { deduped, opportunityId: opportunity.id };
}
