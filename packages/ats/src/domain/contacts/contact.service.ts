// Contact changes, each reported through the events port in the caller's transaction (reference §3.1:
// contactCreated, contactUpdated). A contact is reachable through the API only via a visible opportunity.
import { AppError, Errors } from '@hireloop/platform';
import type { ContactUpdate, Phone } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import type { AtsEvents } from '../events/events.ts';
import { findVisibleContactId } from '../opportunities/visibility.ts';
import { touchContactOpportunities } from '../opportunities/opportunity.repository.ts';
import { badField, unique } from '../opportunities/opportunity-input.ts';
import {
  canonicalEmail,
  findContact,
  insertContact,
  isValidEmail,
  updateContactRow,
  type ContactFields,
  type ContactRow,
} from './contact.repository.ts';

export async function createContact(
  db: AtsKysely,
  events: AtsEvents,
  accountId: string,
  c: Partial<ContactFields> & { name: string },
  at: Date,
): Promise<ContactRow> {
  const contact = await insertContact(
    db,
    accountId,
    {
      name: c.name,
      headline: c.headline ?? '',
      location: c.location ?? '',
      emails: c.emails ?? [],
      phones: c.phones ?? [],
    },
    at,
  );
  await events.emit(db, accountId, 'contactCreated', {
    contactId: contact.id,
    createdAt: at.getTime(),
    accountId,
  });
  return contact;
}

const phoneKey = (p: Phone): string => p.value.replace(/[^\d+]/g, '') || p.value;

/**
 * A deduped create adds what it brings to the existing contact — new emails and phones; name, headline
 * and location only where the contact has none — and never overwrites what a recruiter entered.
 */
export async function mergeIntoContact(
  db: AtsKysely,
  events: AtsEvents,
  contact: ContactRow,
  c: Partial<ContactFields>,
  at: Date,
): Promise<ContactRow> {
  const phones = contact.phones as Phone[];
  const seen = new Set(phones.map(phoneKey));
  const merged: ContactFields = {
    name: contact.name || c.name?.trim() || contact.name,
    headline: contact.headline || c.headline || '',
    location: contact.location || c.location || '',
    emails: unique([...contact.emails, ...(c.emails ?? [])]),
    phones: [...phones, ...(c.phones ?? []).filter((p) => !seen.has(phoneKey(p)))],
  };
  const changed =
    merged.name !== contact.name ||
    merged.headline !== contact.headline ||
    merged.location !== contact.location ||
    merged.emails.length !== contact.emails.length ||
    merged.phones.length !== contact.phones.length;
  if (!changed) return contact;
  const updated = (await updateContactRow(db, contact.account_id, contact.id, merged, at)) ?? contact;
  await events.emit(db, contact.account_id, 'contactUpdated', {
    contactId: contact.id,
    updatedAt: at.getTime(),
    accountId: contact.account_id,
  });
  return updated;
}

/** PUT /contacts/:id (§2.4): replaces the given fields; `location` may be a string or `{name}`. */
export async function updateContact(
  db: AtsKysely,
  events: AtsEvents,
  vis: Visibility,
  id: string,
  body: ContactUpdate,
  at = new Date(),
): Promise<ContactRow> {
  const contactId = await findVisibleContactId(db, vis, id);
  const contact = contactId ? await findContact(db, vis.accountId, contactId) : undefined;
  if (!contact) throw new AppError(Errors.NotFound, 'That contact does not exist on your account');
  const emails = unique(body.emails.map(canonicalEmail).filter((e) => e.length > 0));
  const invalid = emails.find((e) => !isValidEmail(e));
  if (invalid !== undefined) throw badField('emails', `"${invalid}" is not a valid email address`);
  const location =
    body.location === undefined
      ? contact.location
      : typeof body.location === 'string'
        ? body.location
        : body.location.name;
  const fields: ContactFields = {
    name: body.name.trim() || contact.name,
    headline: body.headline ?? contact.headline,
    location,
    emails,
    phones: body.phones,
  };
  const updated = (await updateContactRow(db, vis.accountId, contact.id, fields, at)) ?? contact;
  await touchContactOpportunities(db, vis.accountId, contact.id, at);
  await events.emit(db, vis.accountId, 'contactUpdated', {
    contactId: contact.id,
    updatedAt: at.getTime(),
    accountId: vis.accountId,
  });
  return updated;
}
