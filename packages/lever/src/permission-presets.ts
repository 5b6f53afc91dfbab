// Named permission sets an admin can pick when creating an API key for a known kind of integration.
import type { PermissionKey } from './permissions.ts';

export interface PermissionPreset {
  id: string;
  label: string;
  permissions: readonly PermissionKey[];
  /** The key must be created with "Allow access to confidential data" on. */
  confidentialAccess: boolean;
  /** Where the list comes from. */
  source: string;
}

/**
 * Read-only recruitment-marketing sync (postings, candidates, resumes, files), exactly the 19 read
 * permissions PageUp's "Recruitment Marketing — Lever" setup article asks for, in its order, plus
 * confidential access. Three are legacy `/candidates` permissions: real Lever still lists them and the
 * integration asks for them, so a key made from this preset works against real Lever too.
 */
export const RECRUITMENT_MARKETING_PRESET: PermissionPreset = Object.freeze({
  id: 'recruitment-marketing',
  label: 'Recruitment marketing (read only)',
  permissions: Object.freeze([
    'stages:read',
    'postings:read',
    'opportunities:read',
    'candidates:read',
    'stages:list',
    'postings:list',
    'files:list',
    'applications:list',
    'archive_reasons:list',
    'candidate_resumes:download',
    'resumes:read',
    'files:read',
    'applications:read',
    'archive_reasons:read',
    'resumes:list',
    'opportunities:list',
    'resumes:download',
    'files:download',
    'candidate_files:download',
  ] as const satisfies readonly PermissionKey[]),
  confidentialAccess: true,
  source: 'https://knowledgeportal.pageuppeople.com/hc/en-gb/articles/17126368494873-Lever',
});

export const PERMISSION_PRESETS: Readonly<Record<string, PermissionPreset>> = Object.freeze({
  [RECRUITMENT_MARKETING_PRESET.id]: RECRUITMENT_MARKETING_PRESET,
});
