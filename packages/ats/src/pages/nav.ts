// The ATS navigation: the main nav (Candidates, Postings, Settings) and the Settings tabs (Company, Users,
// Integrations & API, Audit log). Each entry names the roles it is for and its path; an entry is shown only when the
// signed-in user's role is listed AND a GET route for the path is registered in this process
// (`server.hasRoute`, checked per request — a cheap router lookup), so a page area that has not landed yet
// never becomes a dead link. A page area adds its entry here; its own route gate still decides access.
import type { FastifyRequest } from 'fastify';
import { tabs, type NavItem, type SafeHtml } from '@hireloop/platform/html';
import type { UserRow } from '../domain/users/user.repository.ts';
import { canManageIntegrations } from './integrations/integration-access.ts';

export type AtsSection = 'pipeline' | 'postings' | 'settings';
export type SettingsTab = 'company' | 'users' | 'integrations' | 'audit';

export const ALL_ROLES: readonly string[] = Object.freeze([
  'super admin',
  'admin',
  'team member',
  'limited team member',
  'interviewer',
]);
const ADMINS: readonly string[] = Object.freeze(['super admin', 'admin']);

interface Entry<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly href: string;
  readonly roles: readonly string[];
  /** When set, decides instead of `roles` (a per-user permission, not just a role). */
  readonly allow?: (user: UserRow) => boolean;
}

export const SETTINGS_NAV: readonly Entry<SettingsTab>[] = Object.freeze([
  { key: 'company', label: 'Company', href: '/ats/settings/company', roles: ADMINS },
  { key: 'users', label: 'Users', href: '/ats/settings/users', roles: ADMINS },
  // Lever: Super Admins, and Admins given "manage API credentials and integrations" (integration-access.ts).
  {
    key: 'integrations',
    label: 'Integrations & API',
    href: '/ats/settings/integrations',
    roles: ['super admin'],
    allow: canManageIntegrations,
  },
  // Who changed credentials, users and settings: Super Admins only (pages/audit/audit.routes.ts).
  { key: 'audit', label: 'Audit log', href: '/ats/settings/audit', roles: ['super admin'] },
]);

const MAIN_NAV: readonly Entry<Exclude<AtsSection, 'settings'>>[] = Object.freeze([
  // Every role gets Candidates: interviewers land on a page that explains what they can see.
  { key: 'pipeline', label: 'Candidates', href: '/ats/candidates', roles: ALL_ROLES },
  {
    key: 'postings',
    label: 'Postings',
    href: '/ats/postings',
    roles: ['super admin', 'admin', 'team member'],
  },
]);

function available<K extends string>(request: FastifyRequest, entries: readonly Entry<K>[]): Entry<K>[] {
  const user = request.atsUser?.user;
  const role = user?.access_role ?? '';
  return entries.filter(
    (e) =>
      (e.allow && user ? e.allow(user) : e.roles.includes(role)) &&
      request.server.hasRoute({ method: 'GET', url: e.href }),
  );
}

/** The main nav for the signed-in user; Settings points at the first settings tab they may open. */
export function atsNav(request: FastifyRequest, active: AtsSection | undefined): NavItem[] {
  if (!request.atsUser) return [];
  const items: NavItem[] = available(request, MAIN_NAV).map((e) => ({
    label: e.label,
    href: e.href,
    active: e.key === active,
  }));
  const firstSetting = available(request, SETTINGS_NAV)[0];
  if (firstSetting) items.push({ label: 'Settings', href: firstSetting.href, active: active === 'settings' });
  return items;
}

/** The Settings tabs the signed-in user may open (put at the top of each settings page). */
export function settingsTabs(request: FastifyRequest, active: SettingsTab): SafeHtml {
  return tabs({
    label: 'Settings sections',
    items: available(request, SETTINGS_NAV).map((e) => ({
      label: e.label,
      href: e.href,
      active: e.key === active,
    })),
  });
}
