// What every careers admin page shares: the layout (app name, nav, signed-in admin, CSRF token, flash), the
// signed-in admin lookup and the guard. Public careers-site pages do not use this (site/).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage, type FlashProps, type HtmlValue, type NavItem } from '@hireloop/platform/html';
import { takeFlash } from '@hireloop/platform/sessions/sessions';
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

function navFor(path: string): NavItem[] {
  const active = NAV.filter(([, href]) => path === href || path.startsWith(`${href}/`)).sort(
    (a, b) => b[1].length - a[1].length,
  )[0]?.[1];
  return NAV.map(([label, href]) => ({ label, href, active: href === active }));
}

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

export async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  props: PageProps,
): Promise<FastifyReply> {
  const stored = takeFlash(request);
  const flashes: FlashProps[] = [
    ...(stored ? [{ tone: stored.kind, message: stored.message } as FlashProps] : []),
    ...(props.flash ? (Array.isArray(props.flash) ? props.flash : [props.flash]) : []),
  ];
  const csrfToken = await reply.generateCsrf();
  return sendPage(
    request,
    reply,
    {
      title: props.title,
      app: APP,
      nav: props.admin ? navFor(request.url.split('?')[0] ?? '') : [],
      user: props.admin
        ? {
            name: props.admin.user.name || props.admin.user.email,
            email: props.admin.user.email,
            role: props.admin.organization.name,
          }
        : undefined,
      flash: flashes,
      body: props.body,
      csrfToken,
      signOutHref: props.admin ? '/careers/sign-out' : undefined,
    },
    props.status,
  );
}

export function flashNext(
  request: FastifyRequest,
  kind: 'success' | 'error' | 'info',
  message: string,
): void {
  request.session.flash = { kind, message };
}

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

export const formValue = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

export const formValues = (body: unknown, name: string): string[] => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string')
      : [];
};

export const formatTime = (d: Date | null | undefined): string =>
  d ? d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—';
