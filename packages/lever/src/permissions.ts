// API-key permission model (reference §5): one permission per endpoint family, `{resource, action}`,
// written `resource:action`. Lever groups them as Read (read = one item, list = a set, download = bytes)
// and Write (create/update/delete). Labels keep Lever's older "Find all opportunities" wording; the
// short label is the post-2024 UI wording ("List opportunities", "Download opportunity resume").
// Scopes for OAuth tokens live in scopes.ts; its RESOURCE_SCOPES maps every resource here to a scope.

export const PERMISSION_ACTIONS = Object.freeze([
  'read',
  'list',
  'create',
  'update',
  'delete',
  'download',
] as const);
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];
export const READ_ACTIONS: readonly PermissionAction[] = Object.freeze(['read', 'list', 'download']);

/** Resource → UI group and nouns for the short label. `legacy` = Lever's deprecated `/candidates` API. */
export const PERMISSION_RESOURCES = Object.freeze({
  opportunities: { group: 'Opportunities', one: 'opportunity', many: 'opportunities' },
  deleted_opportunities: {
    group: 'Opportunities',
    one: 'deleted opportunity',
    many: 'deleted opportunities',
  },
  opportunity_stage: { group: 'Opportunities', one: 'opportunity stage', many: 'opportunity stages' },
  opportunity_archived: { group: 'Opportunities', one: 'opportunity archive state', many: 'archive states' },
  opportunity_tags: { group: 'Opportunities', one: 'opportunity tags', many: 'opportunity tags' },
  opportunity_sources: { group: 'Opportunities', one: 'opportunity sources', many: 'opportunity sources' },
  opportunity_links: { group: 'Opportunities', one: 'opportunity links', many: 'opportunity links' },
  applications: { group: 'Applications', one: 'opportunity application', many: 'opportunity applications' },
  deleted_applications: { group: 'Applications', one: 'deleted application', many: 'deleted applications' },
  contacts: { group: 'Contacts', one: 'contact', many: 'contacts' },
  notes: { group: 'Notes', one: 'opportunity note', many: 'opportunity notes' },
  feedback: { group: 'Feedback', one: 'opportunity feedback form', many: 'opportunity feedback forms' },
  resumes: { group: 'Resumes', one: 'opportunity resume', many: 'opportunity resumes' },
  files: { group: 'Files', one: 'opportunity file', many: 'opportunity files' },
  offers: { group: 'Offers', one: 'opportunity offer', many: 'opportunity offers' },
  referrals: { group: 'Referrals', one: 'opportunity referral', many: 'opportunity referrals' },
  postings: { group: 'Postings', one: 'posting', many: 'postings' },
  deleted_postings: { group: 'Postings', one: 'deleted posting', many: 'deleted postings' },
  posting_forms: { group: 'Postings', one: 'posting application question form', many: 'posting forms' },
  posting_applications: { group: 'Postings', one: 'posting application', many: 'posting applications' },
  stages: { group: 'Stages', one: 'stage', many: 'stages' },
  archive_reasons: { group: 'Archive reasons', one: 'archive reason', many: 'archive reasons' },
  sources: { group: 'Sources', one: 'source', many: 'sources' },
  tags: { group: 'Tags', one: 'tag', many: 'tags' },
  users: { group: 'Users', one: 'user', many: 'users' },
  webhooks: { group: 'Webhooks', one: 'webhook', many: 'webhooks' },
  uploads: { group: 'Uploads', one: 'file upload', many: 'file uploads' },
  candidates: { group: 'Candidates (legacy)', one: 'candidate', many: 'candidates', legacy: true },
  candidate_resumes: {
    group: 'Candidates (legacy)',
    one: 'candidate resume',
    many: 'candidate resumes',
    legacy: true,
  },
  candidate_files: {
    group: 'Candidates (legacy)',
    one: 'candidate file',
    many: 'candidate files',
    legacy: true,
  },
} as const);
export type PermissionResource = keyof typeof PERMISSION_RESOURCES;

export type PermissionKey = `${PermissionResource}:${PermissionAction}`;
export interface Permission {
  resource: PermissionResource;
  action: PermissionAction;
}
export interface PermissionDefinition extends Permission {
  key: PermissionKey;
  /** Lever's admin-facing title, e.g. "Find all opportunities". */
  label: string;
  /** Newer UI wording, e.g. "List opportunities". */
  shortLabel: string;
  /** Endpoints it opens, as `METHOD /v1-relative path`. */
  endpoints: readonly string[];
  legacy: boolean;
}

const VERBS: Record<PermissionAction, string> = {
  read: 'Read',
  list: 'List',
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  download: 'Download',
};

const define = (
  resource: PermissionResource,
  action: PermissionAction,
  label: string,
  endpoints: string[],
) => {
  const nouns: { one: string; many: string; legacy?: boolean } = PERMISSION_RESOURCES[resource];
  return Object.freeze<PermissionDefinition>({
    resource,
    action,
    key: `${resource}:${action}`,
    label,
    shortLabel: `${VERBS[action]} ${action === 'list' ? nouns.many : nouns.one}`,
    endpoints: Object.freeze(endpoints),
    legacy: nouns.legacy === true,
  });
};

const O = '/opportunities/:opportunity';
export const PERMISSIONS: readonly PermissionDefinition[] = Object.freeze([
  define('opportunities', 'list', 'Find all opportunities', ['GET /opportunities']),
  define('opportunities', 'read', 'Find an opportunity', [`GET ${O}`]),
  define('opportunities', 'create', 'Create an opportunity', ['POST /opportunities']),
  // Hireloop extension (soft delete; feeds /opportunities/deleted and candidateDeleted).
  define('opportunities', 'delete', 'Delete an opportunity', [`DELETE ${O}`]),
  define('deleted_opportunities', 'list', 'Find all deleted opportunities', ['GET /opportunities/deleted']),
  define('opportunity_stage', 'update', 'Update an opportunity’s stage', [`PUT ${O}/stage`]),
  define('opportunity_archived', 'update', 'Update an opportunity’s archived state', [`PUT ${O}/archived`]),
  define('opportunity_tags', 'update', 'Add and remove opportunity tags', [
    `POST ${O}/addTags`,
    `POST ${O}/removeTags`,
  ]),
  define('opportunity_sources', 'update', 'Add and remove opportunity sources', [
    `POST ${O}/addSources`,
    `POST ${O}/removeSources`,
  ]),
  define('opportunity_links', 'update', 'Add and remove opportunity links', [
    `POST ${O}/addLinks`,
    `POST ${O}/removeLinks`,
  ]),
  define('applications', 'list', 'Find all opportunity applications', [`GET ${O}/applications`]),
  define('applications', 'read', 'Find an opportunity application', [`GET ${O}/applications/:application`]),
  define('deleted_applications', 'list', 'Find all deleted applications', ['GET /applications/deleted']),
  define('contacts', 'read', 'Find a contact', ['GET /contacts/:contact']),
  define('contacts', 'update', 'Update a contact', ['PUT /contacts/:contact']),
  define('notes', 'list', 'Find all opportunity notes', [`GET ${O}/notes`]),
  define('notes', 'read', 'Find an opportunity note', [`GET ${O}/notes/:note`]),
  define('notes', 'create', 'Create an opportunity note', [`POST ${O}/notes`]),
  define('notes', 'delete', 'Delete an opportunity note', [`DELETE ${O}/notes/:note`]),
  define('feedback', 'list', 'Find all opportunity feedback forms', [`GET ${O}/feedback`]),
  define('feedback', 'read', 'Find an opportunity feedback form', [`GET ${O}/feedback/:feedback`]),
  define('feedback', 'create', 'Create an opportunity feedback form', [`POST ${O}/feedback`]),
  define('feedback', 'update', 'Update an opportunity feedback form', [`PUT ${O}/feedback/:feedback`]),
  define('feedback', 'delete', 'Delete an opportunity feedback form', [`DELETE ${O}/feedback/:feedback`]),
  define('resumes', 'list', 'Find all opportunity resumes', [`GET ${O}/resumes`]),
  define('resumes', 'read', 'Find an opportunity resume', [`GET ${O}/resumes/:resume`]),
  define('resumes', 'download', 'Download an opportunity resume', [`GET ${O}/resumes/:resume/download`]),
  define('files', 'list', 'Find all opportunity files', [`GET ${O}/files`]),
  define('files', 'read', 'Find an opportunity file', [`GET ${O}/files/:file`]),
  define('files', 'download', 'Download an opportunity file', [`GET ${O}/files/:file/download`]),
  define('files', 'create', 'Upload an opportunity file', [`POST ${O}/files`]),
  define('files', 'delete', 'Delete an opportunity file', [`DELETE ${O}/files/:file`]),
  define('offers', 'list', 'Find all opportunity offers', [`GET ${O}/offers`]),
  define('offers', 'download', 'Download an opportunity offer', [`GET ${O}/offers/:offer/download`]),
  define('referrals', 'list', 'Find all opportunity referrals', [`GET ${O}/referrals`]),
  define('referrals', 'read', 'Find an opportunity referral', [`GET ${O}/referrals/:referral`]),
  define('postings', 'list', 'Find all postings', ['GET /postings']),
  define('postings', 'read', 'Find a posting', ['GET /postings/:posting', 'GET /postings/:posting/users']),
  define('postings', 'create', 'Create a posting', ['POST /postings']),
  define('postings', 'update', 'Update a posting', ['POST /postings/:posting']),
  // Hireloop extension: Lever has no public posting delete; the ATS pages need one (soft delete).
  define('postings', 'delete', 'Delete a posting', ['DELETE /postings/:posting']),
  define('deleted_postings', 'list', 'Find all deleted postings', ['GET /postings/deleted']),
  define('posting_forms', 'read', 'Find a posting application question form', [
    'GET /postings/:posting/apply',
  ]),
  define('posting_applications', 'create', 'Apply to a posting', ['POST /postings/:posting/apply']),
  define('stages', 'list', 'Find all stages', ['GET /stages', 'GET /disposition_stages']),
  define('stages', 'read', 'Find a stage', ['GET /stages/:stage']),
  define('archive_reasons', 'list', 'Find all archive reasons', ['GET /archive_reasons']),
  define('archive_reasons', 'read', 'Find an archive reason', ['GET /archive_reasons/:archiveReason']),
  define('sources', 'list', 'Find all sources', ['GET /sources']),
  define('tags', 'list', 'Find all tags', ['GET /tags']),
  define('users', 'list', 'Find all users', ['GET /users']),
  define('users', 'read', 'Find a user', ['GET /users/:user']),
  define('users', 'create', 'Create a user', ['POST /users']),
  define('users', 'update', 'Update a user', [
    'PUT /users/:user',
    'POST /users/:user/deactivate',
    'POST /users/:user/reactivate',
  ]),
  define('webhooks', 'list', 'Find all webhooks', ['GET /webhooks', 'GET /webhook_deliveries']),
  // Hireloop extensions: a single webhook, the delivery log, token rotation and re-sends.
  define('webhooks', 'read', 'Find a webhook', [
    'GET /webhooks/:webhook',
    'GET /webhook_deliveries/:delivery',
  ]),
  define('webhooks', 'create', 'Create a webhook', ['POST /webhooks']),
  define('webhooks', 'update', 'Update a webhook', [
    'PUT /webhooks/:webhook',
    'POST /webhooks/:webhook/rotate_token',
    'POST /webhook_deliveries/:delivery/resend',
    'POST /webhook_deliveries/resend',
  ]),
  define('webhooks', 'delete', 'Delete a webhook', ['DELETE /webhooks/:webhook']),
  define('uploads', 'create', 'Upload a file', ['POST /uploads']),
  define('candidates', 'list', 'Find all candidates', ['GET /candidates']),
  define('candidates', 'read', 'Find a candidate', ['GET /candidates/:candidate']),
  define('candidate_resumes', 'download', 'Download a candidate resume', [
    'GET /candidates/:candidate/resumes/:resume/download',
  ]),
  define('candidate_files', 'download', 'Download a candidate file', [
    'GET /candidates/:candidate/files/:file/download',
  ]),
]);

const BY_KEY: ReadonlyMap<string, PermissionDefinition> = new Map(PERMISSIONS.map((p) => [p.key, p]));
const BY_ENDPOINT: ReadonlyMap<string, PermissionDefinition> = new Map(
  PERMISSIONS.flatMap((p) => p.endpoints.map((e) => [e, p] as const)),
);

export const isPermissionKey = (value: string): value is PermissionKey => BY_KEY.has(value);
export const findPermission = (key: string): PermissionDefinition | undefined => BY_KEY.get(key);
export const permissionKey = (p: Permission): PermissionKey => `${p.resource}:${p.action}`;

/** Parse `opportunities:list`; undefined for anything not in PERMISSIONS. */
export const parsePermission = (value: string): Permission | undefined => {
  const def = BY_KEY.get(value);
  return def && { resource: def.resource, action: def.action };
};

/** The permission guarding a route, e.g. `permissionForEndpoint('GET', '/opportunities/:opportunity')`. */
export const permissionForEndpoint = (method: string, path: string): PermissionDefinition | undefined =>
  BY_ENDPOINT.get(`${method.toUpperCase()} ${path}`);

/** Needed permissions absent from `granted`, in `needed` order, without duplicates. */
export const missingPermissions = (
  granted: Iterable<PermissionKey | Permission>,
  needed: Iterable<PermissionKey | Permission>,
): PermissionKey[] => {
  const toKey = (p: PermissionKey | Permission) => (typeof p === 'string' ? p : permissionKey(p));
  const have = new Set([...granted].map(toKey));
  return [...new Set([...needed].map(toKey))].filter((k) => !have.has(k));
};

export interface PermissionGroup {
  group: string;
  read: PermissionDefinition[];
  write: PermissionDefinition[];
}

/** Permissions grouped for a key-creation form: by resource group, Read before Write as in Lever's UI. */
export const groupPermissions = (
  permissions: readonly PermissionDefinition[] = PERMISSIONS,
): PermissionGroup[] => {
  const groups = new Map<string, PermissionGroup>();
  for (const p of permissions) {
    const name = PERMISSION_RESOURCES[p.resource].group;
    const group = groups.get(name) ?? { group: name, read: [], write: [] };
    (READ_ACTIONS.includes(p.action) ? group.read : group.write).push(p);
    groups.set(name, group);
  }
  return [...groups.values()];
};

export {
  PERMISSION_PRESETS,
  RECRUITMENT_MARKETING_PRESET,
  type PermissionPreset,
} from './permission-presets.ts';
