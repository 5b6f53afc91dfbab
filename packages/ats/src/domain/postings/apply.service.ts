// Applying to a posting: the one path shared by the v1 apply endpoint, the public v0 apply endpoint and the
// hosted job site. A candidate is a contact (deduped by email), an opportunity for the posting (origin
// `applied` unless told, stage `applicant-new`, posting title and categories added to tags — reference
// §2.3) and an application of type `posting`. Re-applying to the same posting while the first application
// is open returns that application (adding any new source) instead of opening a second opportunity.
// Call inside a transaction.
import { createHash } from 'node:crypto';
import type { Phone } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import { insertFile } from '../files/file.repository.ts';
import type { FileType } from '../files/file-type.ts';
import type { PostingRow } from './posting.repository.ts';
import { canonicalEmail, findContactByEmails, insertContact } from '../contacts/contact.repository.ts';
import type { AtsEvents } from '../events/events.ts';
import {
  addOpportunitySources,
  findOpenApplication,
  insertApplication,
  insertOpportunityForApplication,
} from './apply.repository.ts';

export const APPLICATION_STAGE_ID = 'applicant-new';
export { isValidEmail } from '../contacts/contact.repository.ts';

export interface Applicant {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  readonly company?: string;
  readonly location?: string;
  /** `{GitHub: "https://…"}` or `[{name, value}]` flattened to values. */
  readonly links?: readonly string[];
  readonly comments?: string;
  readonly source?: string;
  readonly origin?: string;
  readonly ipAddress?: string;
  readonly userAgent?: string;
  readonly referer?: string;
  readonly consent?: unknown;
  readonly customQuestions?: readonly unknown[];
  readonly opportunityLocation?: string;
  /** The user the application is attributed to (v1 `perform_as`); null for candidates applying themselves. */
  readonly userId?: string | null;
  readonly resume?: { readonly name: string; readonly bytes: Uint8Array; readonly type: FileType };
}

export interface ApplyResult {
  readonly applicationId: string;
  readonly opportunityId: string;
  readonly deduped: boolean;
}

/** Lever auto-tags an opportunity with its posting's title and categories (reference §2.3). */
export function postingTags(p: PostingRow): string[] {
  const values = [p.text, p.department, p.team, p.location, ...p.all_locations, p.commitment];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== ''))];
}

/** Reference §6.3: the given location, else the posting's single location, else "unspecified". */
function locationFor(p: PostingRow, given: string | undefined): string {
  if (given?.trim()) return given.trim();
  const all = p.all_locations.length ? p.all_locations : p.location ? [p.location] : [];
  return all.length === 1 && all[0] ? all[0] : 'unspecified';
}

/** Reports `contactCreated` (new person) and `applicationCreated` through `events` in the caller's transaction. */
export async function applyToPosting(
  db: AtsKysely,
  events: AtsEvents,
  posting: PostingRow,
  a: Applicant,
): Promise<ApplyResult> {
  const email = canonicalEmail(a.email);
  const now = new Date();
  const sources = a.source?.trim() ? [a.source.trim()] : [];
  const existing = await findContactByEmails(db, posting.account_id, [email]);
  if (existing) {
    const open = await findOpenApplication(db, posting.account_id, existing.id, posting.id);
    if (open) {
      if (sources.some((s) => !open.sources.includes(s)))
        await addOpportunitySources(db, open.opportunityId, sources);
      if (a.resume) await storeResume(db, posting.account_id, open.opportunityId, a);
      return { applicationId: open.applicationId, opportunityId: open.opportunityId, deduped: true };
    }
  }
  const phones: Phone[] = a.phone?.trim() ? [{ type: 'other', value: a.phone.trim() }] : [];
  let contact = existing;
  if (!contact) {
    const fields = {
      name: a.name.trim(),
      headline: '',
      location: a.location?.trim() ?? '',
      emails: [email],
      phones,
    };
    contact = await insertContact(db, posting.account_id, fields, now);
    await events.emit(db, posting.account_id, 'contactCreated', {
      contactId: contact.id,
      createdAt: now.getTime(),
      accountId: posting.account_id,
    });
  }
  const links = [...new Set((a.links ?? []).map((l) => l.trim()).filter(Boolean))];
  const opportunityId = await insertOpportunityForApplication(db, {
    accountId: posting.account_id,
    contactId: contact.id,
    postingId: posting.id,
    stageId: APPLICATION_STAGE_ID,
    origin: a.origin ?? 'applied',
    confidentiality: posting.confidentiality,
    ownerId: posting.owner_id,
    tags: postingTags(posting),
    sources,
    links,
    opportunityLocation: locationFor(posting, a.opportunityLocation),
    userId: a.userId ?? null,
  });
  const applicationId = await insertApplication(db, {
    opportunityId,
    postingId: posting.id,
    userId: a.userId ?? null,
    name: a.name.trim(),
    email,
    phone: a.phone?.trim() || null,
    company: a.company?.trim() || null,
    links,
    comments: a.comments?.trim() || null,
    customQuestions: a.customQuestions ?? [],
    ipAddress: a.ipAddress ?? null,
    userAgent: a.userAgent ?? null,
    referer: a.referer ?? null,
    consent: a.consent,
  });
  if (a.resume) await storeResume(db, posting.account_id, opportunityId, a);
  const ids = { applicationId, opportunityId, candidateId: opportunityId, contactId: contact.id };
  await events.emit(db, posting.account_id, 'applicationCreated', ids, a.origin ?? 'applied');
  return { applicationId, opportunityId, deduped: existing !== undefined };
}

async function storeResume(
  db: AtsKysely,
  accountId: string,
  opportunityId: string,
  a: Applicant,
): Promise<void> {
  if (!a.resume) return;
  await insertFile(
    db,
    {
      account_id: accountId,
      opportunity_id: opportunityId,
      kind: 'resume',
      name: a.resume.name,
      ext: a.resume.type.ext,
      content_type: a.resume.type.contentType,
      size: a.resume.bytes.byteLength,
      sha256: createHash('sha256').update(a.resume.bytes).digest('hex'),
      user_id: a.userId ?? null,
    },
    a.resume.bytes,
  );
}
