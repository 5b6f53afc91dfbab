// What every referrals page shares: the layout (app name, nav by role, signed-in user, CSRF token, flash),
// the signed-in user lookup and the guards. Pages are plain functions of (request, reply, ctx).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FlashProps, HtmlValue } from '@hireloop/platform/html';
import { createRender, navWithActive } from '@hireloop/app-kit/pages/app-shell';
import type { OAuthFlow } from '@hireloop/app-kit/pages/oauth-callback';
import type { ReferralsContext } from '../context.ts';
import { findUserForSession, type AppUser } from '../domain/orgs/user.repository.ts';
import { findConnection } from '../domain/connection/connection.repository.ts';

declare module 'fastify' {
  interface Session {
    /** Between "Sign in with Lever" and the callback: the CSRF state and the PKCE verifier. */
    referralsOauth?: OAuthFlow;
  }
}

export const APP = Object.freeze({ name: 'Hireloop Referrals', href: '/referrals' });
export const BASE = '/referrals';

const PORTAL_NAV: readonly [string, string][] = [
  ['Jobs', '/referrals/jobs'],
  ['My referrals', '/referrals/my'],
  ['API tokens', '/referrals/my/api-tokens'],
];

const ADMIN_NAV: readonly [string, string][] = [
  ['Overview', '/referrals/admin'],
  ['Dashboard', '/referrals/admin/dashboard'],
  ['Referrals', '/referrals/admin/referrals'],
  ['Payouts', '/referrals/admin/payouts'],
  ['People', '/referrals/admin/people'],
  ['SMS outbox', '/referrals/admin/sms'],
  ['Synced jobs', '/referrals/admin/jobs'],
  ['Stage mapping', '/referrals/admin/stages'],
  ['Integrations', '/referrals/admin/integrations'],
  ['Settings', '/referrals/admin/settings'],
];

export async function currentUser(
  ctx: ReferralsContext,
  request: FastifyRequest,
): Promise<AppUser | undefined> {
  const id = request.session.userId;
  if (!id) return undefined;
  const user = await findUserForSession(ctx.db, id);
  return user && user.status === 'active' ? user : undefined;
}

export interface PageProps {
  title: string;
  body: HtmlValue;
  user?: AppUser;
  flash?: FlashProps | FlashProps[];
  status?: number;
}

export const render: (
  request: FastifyRequest,
  reply: FastifyReply,
  props: PageProps,
) => Promise<FastifyReply> = createRender<AppUser>({
  app: APP,
  signOutHref: '/referrals/sign-out',
  nav: (user, path) =>
    user ? navWithActive(user.role === 'admin' ? [...ADMIN_NAV, ...PORTAL_NAV] : PORTAL_NAV, path) : [],
  showUser: (user) => ({ name: user.name || user.email, email: user.email, role: user.role }),
});

export { flashNext, formValue } from '@hireloop/app-kit/pages/app-shell';

/** The signed-in user, or a redirect to sign-in (remembering where they were going). */
export async function requireUser(
  ctx: ReferralsContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AppUser | undefined> {
  const user = await currentUser(ctx, request);
  if (user) return user;
  if (request.method === 'GET') request.session.returnTo = request.url;
  await reply.redirect('/referrals/sign-in', 303);
  return undefined;
}

/** Admin pages: others get a 403 page that says why. */
export async function requireAdmin(
  ctx: ReferralsContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AppUser | undefined> {
  const user = await requireUser(ctx, request, reply);
  if (!user) return undefined;
  if (user.role === 'admin') return user;
  await render(request, reply, {
    title: 'Admins only',
    user,
    status: 403,
    body: '',
    flash: {
      tone: 'error',
      title: 'Admins only',
      message: 'Only admins of your organization can open this page. Ask an admin if you need access.',
    },
  });
  return undefined;
}

/** The banner every admin page shows while the ATS connection is broken (never hidden). */
export async function connectionBanner(
  ctx: ReferralsContext,
  organizationId: string,
): Promise<FlashProps | undefined> {
  const c = await findConnection(ctx.db, organizationId);
  if (c?.status !== 'broken') return undefined;
  return {
    tone: 'error',
    title: 'The ATS connection is broken',
    message: `${c.lastError ?? 'The ATS stopped accepting our credentials.'} Jobs and statuses are not updating until you connect again under Integrations.`,
  };
}
