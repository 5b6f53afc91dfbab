// OAuth scopes (reference §4.2): `<resource>:<read|write>:admin`, a write scope implies its read scope,
// plus `offline_access` (refresh token) and `confidential:access:admin` (confidential records).
import type { Permission, PermissionResource } from './permissions.ts';
import { READ_ACTIONS } from './permissions.ts';

const scope = (name: string, description: string) => Object.freeze({ scope: name, description });

/** Scopes with the consent-screen text shown to the Super Admin. */
export const SCOPES = Object.freeze([
  scope('offline_access', 'Get a refresh token'),
  scope('applications:read:admin', 'View all opportunity applications'),
  scope('archive_reasons:read:admin', 'View all archived reasons'),
  scope('audit_events:read:admin', 'View all audit events'),
  scope('confidential:access:admin', 'Access all confidential data'),
  scope('contact:read:admin', "View an opportunity's contact"),
  scope('contact:write:admin', "View and manage an opportunity's contact"),
  scope('diversity_surveys:read:admin', 'View all diversity surveys'),
  scope('eeo_responses:read:admin', 'View all EEO responses without personal information'),
  scope('eeo_responses_pii:read:admin', 'View all EEO responses with personal information'),
  scope('feedback:read:admin', 'View all opportunity feedback'),
  scope('feedback:write:admin', 'View and manage all opportunity feedback'),
  scope('feedback_templates:read:admin', 'View all feedback templates'),
  scope('feedback_templates:write:admin', 'View and manage all feedback templates'),
  scope('files:read:admin', 'View all opportunity files'),
  scope('files:write:admin', 'View and manage all opportunity files'),
  scope('forms:read:admin', 'View all opportunity forms'),
  scope('forms:write:admin', 'View and manage all opportunity forms'),
  scope('form_templates:read:admin', 'View all form templates'),
  scope('form_templates:write:admin', 'View and manage all form templates'),
  scope('groups:read:admin', 'View all user groups'),
  scope('groups:write:admin', 'View and manage all user groups'),
  scope('interviews:read:admin', 'View all interviews'),
  scope('interviews:write:admin', 'View and manage all interviews'),
  scope('notes:read:admin', 'View all notes'),
  scope('notes:write:admin', 'View and manage all notes'),
  scope('offers:read:admin', 'View all offers'),
  scope('opportunities:read:admin', 'View all opportunities'),
  scope('opportunities:write:admin', 'View and manage all opportunities'),
  scope('panels:read:admin', 'View all panels'),
  scope('panels:write:admin', 'View and manage all panels'),
  scope('permissions:read:admin', 'View all user or role permissions'),
  scope('permissions:write:admin', 'View and manage all user or role permissions'),
  scope('postings:read:admin', 'View all postings'),
  scope('postings:write:admin', 'View and manage all postings'),
  scope('referrals:read:admin', 'View all referrals'),
  scope('requisitions:read:admin', 'View all requisitions'),
  scope('requisitions:write:admin', 'View and manage all requisitions'),
  scope('requisition_fields:read:admin', 'View all requisition fields'),
  scope('requisition_fields:write:admin', 'View and manage all requisition fields'),
  scope('resumes:read:admin', 'View all resumes'),
  scope('roles:read:admin', 'View all roles'),
  scope('roles:write:admin', 'View and manage all roles'),
  scope('sources:read:admin', 'View all sources'),
  scope('stages:read:admin', 'View all stages'),
  scope('tags:read:admin', 'View all tags'),
  scope('tasks:read:admin', 'View all tasks'),
  scope('uploads:write:admin', 'Upload files'),
  scope('users:read:admin', 'View all users'),
  scope('users:write:admin', 'View and manage all users'),
  scope('webhooks:read:admin', 'View all webhooks'),
  scope('webhooks:write:admin', 'View and manage all webhooks'),
] as const);
export type Scope = (typeof SCOPES)[number]['scope'];

export const OFFLINE_ACCESS = 'offline_access' satisfies Scope;
export const CONFIDENTIAL_ACCESS = 'confidential:access:admin' satisfies Scope;
/** Lever documents at most 20 scopes per app, yet real apps request 23; warn, never fail (§4.2). */
export const RECOMMENDED_MAX_SCOPES = 20;

const DESCRIPTIONS: ReadonlyMap<string, string> = new Map(SCOPES.map((s) => [s.scope, s.description]));
export const isScope = (value: string): value is Scope => DESCRIPTIONS.has(value);
export const describeScope = (value: string): string | undefined => DESCRIPTIONS.get(value);

/** Split the space-separated `scope` string of OAuth requests and token responses. */
export const parseScopeString = (value: string | undefined | null): string[] =>
  (value ?? '').split(/\s+/).filter((s) => s.length > 0);

/** Every scope `granted` confers: itself, plus `x:read:admin` for each `x:write:admin`. */
export const expandScopes = (granted: Iterable<string>): Set<string> => {
  const out = new Set<string>();
  for (const s of granted) {
    out.add(s);
    const m = /^(.+):write:admin$/.exec(s);
    if (m) out.add(`${m[1]}:read:admin`);
  }
  return out;
};

/** True when `granted` covers every scope in `needed` (write implies read). */
export const scopeSatisfies = (granted: Iterable<string>, needed: Iterable<string> | string): boolean =>
  missingScopes(granted, needed).length === 0;

export const missingScopes = (granted: Iterable<string>, needed: Iterable<string> | string): string[] => {
  const have = expandScopes(granted);
  const wanted = typeof needed === 'string' ? [needed] : [...needed];
  return [...new Set(wanted)].filter((s) => !have.has(s));
};

/** Scope family guarding each permission resource (§4.2 endpoint → scope mapping). */
export const RESOURCE_SCOPES: Readonly<Record<PermissionResource, string>> = Object.freeze({
  opportunities: 'opportunities',
  deleted_opportunities: 'opportunities',
  opportunity_stage: 'opportunities',
  opportunity_archived: 'opportunities',
  opportunity_tags: 'opportunities',
  opportunity_sources: 'opportunities',
  opportunity_links: 'opportunities',
  applications: 'applications',
  deleted_applications: 'applications',
  contacts: 'contact',
  notes: 'notes',
  feedback: 'feedback',
  resumes: 'resumes',
  files: 'files',
  offers: 'offers',
  referrals: 'referrals',
  postings: 'postings',
  deleted_postings: 'postings',
  posting_forms: 'postings',
  // [L] in the reference: applying through the API needs the postings write scope.
  posting_applications: 'postings',
  stages: 'stages',
  archive_reasons: 'archive_reasons',
  sources: 'sources',
  tags: 'tags',
  users: 'users',
  webhooks: 'webhooks',
  uploads: 'uploads',
  candidates: 'opportunities',
  candidate_resumes: 'resumes',
  candidate_files: 'files',
});

/** The scope an OAuth token needs for an endpoint guarded by `permission`. */
export const scopeForPermission = (permission: Permission): string =>
  `${RESOURCE_SCOPES[permission.resource]}:${READ_ACTIONS.includes(permission.action) ? 'read' : 'write'}:admin`;
