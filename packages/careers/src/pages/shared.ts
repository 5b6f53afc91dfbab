// What every careers admin page shares: the layout (app name, nav, signed-in admin, CSRF token, flash), the
// signed-in admin lookup and the guard. Public careers-site pages do not use this (site/).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FlashProps, HtmlValue } from '@hireloop/platform/html';
import { createRender, navWithActive } from '@hireloop/app-kit/pages/app-shell';
import type { CareersContext } from '../context.ts';
import type { AppUserRow, OrganizationRow } from '../db.ts';
import { findOrganization, findUser } from '../domain/orgs/org.repository.ts';

export const APP = Object.freeze({ name: 'Hireloop Careers', href: '/careers/admin' });

const NAV: readonly [string, string][] = [
  ['Overview', '/careers/admin'],
  ['ATS integration', '/careers/admin/integration'],
  ['Jobs', '/careers/admin/jobs'],
  ['Candidates', '/careers/admin/candidates'],
  ['Sync runs', '/careers/admin/syncs'],
];

export interface Admin {
  readonly user: AppUserRow;
  readonly organization: OrganizationRow;
}

export interface PageProps {
  title: string;
  body: HtmlValue;
  admin?: Admin;
  flash?: FlashProps | FlashProps[];
  status?: number;
}

const renderShell = createRender<Admin>({
  app: APP,
  signOutHref: '/careers/sign-out',
  nav: (admin, path) => (admin ? navWithActive(NAV, path) : []),
  showUser: (admin) => ({
    name: admin.user.name || admin.user.email,
    email: admin.user.email,
    role: admin.organization.name,
  }),
});

export const render = (
  request: FastifyRequest,
  reply: FastifyReply,
  props: PageProps,
): Promise<FastifyReply> => renderShell(request, reply, { ...props, user: props.admin });

export { flashNext, formValue, formValues } from '@hireloop/app-kit/pages/app-shell';

/** The signed-in admin and their organization, or a redirect to sign-in (remembering where they were going). */
export async function requireAdmin(
  ctx: CareersContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Admin | undefined> {
  const id = request.session.userId;
  const user = id ? await findUser(ctx.db, id) : undefined;
  const organization = user ? await findOrganization(ctx.db, user.organization_id) : undefined;
  if (user && organization) return { user, organization };
  if (request.method === 'GET') request.session.returnTo = request.url;
  await reply.redirect('/careers/sign-in', 303);
  return undefined;
}

export const formatTime = (d: Date | null | undefined): string =>
  d ? d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—';
