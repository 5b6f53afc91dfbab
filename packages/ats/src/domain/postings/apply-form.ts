// The application form of a posting (`GET /postings/:id/apply`, reference §2.2) and the roles block of
// `GET /postings/:id/users`. Hireloop postings have no custom questions or EEO survey yet, so the form is
// Lever's standard personal-information and link fields.
import type { PostingRow } from './posting.repository.ts';

const field = (text: string, name: string, type: string, required: boolean) => ({
  text,
  name,
  type,
  required,
  value: null,
});

export const PERSONAL_INFORMATION = Object.freeze([
  field('Full name', 'fullName', 'text', true),
  field('Email', 'email', 'email', true),
  field('Current company', 'currentCompany', 'text', false),
  field('Current location', 'currentLocation', 'text', false),
  field('Phone', 'phone', 'text', false),
  field('Resume/CV', 'resume', 'file-upload', false),
  field('Additional information', 'additionalInformation', 'textarea', false),
]);

export const LINK_FIELDS = Object.freeze([
  field('LinkedIn', 'LinkedIn', 'url', false),
  field('GitHub', 'GitHub', 'url', false),
  field('Portfolio', 'Portfolio', 'url', false),
  field('Other website', 'Other', 'url', false),
]);

export function applicationForm(p: PostingRow) {
  return {
    id: p.id,
    text: p.text,
    customQuestions: [],
    personalInformation: PERSONAL_INFORMATION,
    urls: LINK_FIELDS,
    consentDisclosures: {},
  };
}

/** Lever's fixed role list in `GET /postings/:id/users` (reference §2.2, recorded verbatim). */
export const POSTING_ROLES = Object.freeze([
  { id: 'admin', name: 'Admin', isReadOnly: true },
  { id: 'limited', name: 'Limited Team Member', isReadOnly: true, conditions: {} },
  { id: 'owner', name: 'Super Admin', isReadOnly: true },
  { id: 'team', name: 'Team Member', isReadOnly: true },
]);
