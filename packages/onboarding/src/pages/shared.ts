// What every onboarding page shares: layout (app name, nav by role, CSRF token, flash), the signed-in user
// and the guards. People ops see the admin pages; a new hire sees only their checklist.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageHeader, type FlashProps, type HtmlValue } from '@hireloop/platform/html';
import { createRender, navWithActive } from '@hireloop/app-kit/pages/app-shell';
import type { OAuthFlow } from '@hireloop/app-kit/pages/oauth-callback';
import type { OnboardingContext } from '../context.ts';
import { findUser, type AppUser } from '../domain/orgs/org.repository.ts';
import { findConnectionRow } from '../domain/connection/connection.repository.ts';

declare module 'fastify' {
  interface Session {
    /** Between "Sign in with Lever" and the callback: the CSRF state and the PKCE verifier. */
    onboardingOauth?: OAuthFlow;
  }
}

export const APP = Object.freeze({ name: 'Hireloop Onboarding', href: '/onboarding' });

const NAV: readonly [string, string][] = [
  ['New hires', '/onboarding/hires'],
  ['Needs mapping', '/onboarding/hires/queue'],
  ['Overdue tasks', '/onboarding/hires/overdue'],
  ['Matching', '/onboarding/matching'],
  ['Offices and teams', '/onboarding/settings'],
  ['Journey templates', '/onboarding/templates'],
  ['Connect', '/onboarding/connect'],
  ['Security', '/onboarding/security'],
];

export async function currentUser(
  ctx: OnboardingContext,
  request: FastifyRequest,
): Promise<AppUser | undefined> {
  const id = request.session.userId;
  return id ? findUser(ctx.db, id) : undefined;
}

export const render: (
  request: FastifyRequest,
  reply: FastifyReply,
  props: {
    title: string;
    body: HtmlValue;
    user?: AppUser;
    flash?: FlashProps | FlashProps[];
    status?: number;
  },
) => Promise<FastifyReply> = createRender<AppUser>({
  app: APP,
  signOutHref: '/onboarding/sign-out',
  nav: (user, path) =>
    !user
      ? []
      : user.role === 'new_hire'
        ? [{ label: 'My checklist', href: '/onboarding/me', active: true }]
        : navWithActive(NAV, path),
  showUser: (user) => ({
    name: user.name || user.email,
    email: user.email,
    role: user.role === 'people_ops' ? 'People ops' : 'New hire',
  }),
});

export { flashNext, formValue } from '@hireloop/app-kit/pages/app-shell';

/** People-ops pages: others are sent to sign in (a new hire to their checklist). */
export async function requirePeopleOps(
  ctx: OnboardingContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AppUser | undefined> {
  const user = await currentUser(ctx, request);
  if (user?.role === 'people_ops') return user;
  if (user?.role === 'new_hire') {
    await reply.redirect('/onboarding/me', 303);
    return undefined;
  }
  if (request.method === 'GET') request.session.returnTo = request.url;
  await reply.redirect('/onboarding/sign-in', 303);
  return undefined;
}

/** The banner every people-ops page shows while the ATS connection is broken (never hidden). */
export async function connectionBanner(
  ctx: OnboardingContext,
  organizationId: string,
): Promise<FlashProps | undefined> {
  const c = await findConnectionRow(ctx.db, organizationId);
  if (c?.status !== 'broken') return undefined;
  return {
    tone: 'error',
    title: 'The ATS connection is broken',
    message: `${c.last_error ?? 'The ATS stopped accepting our credentials.'} New hires are not arriving until you connect again.`,
  };
}

/** An id that is not this organization's (or not an id): 404, the same page whether or not it exists elsewhere. */
export function notFound(
  request: FastifyRequest,
  reply: FastifyReply,
  user: AppUser,
  what = 'page',
): Promise<FastifyReply> {
  return render(request, reply, {
    title: 'Not found',
    user,
    status: 404,
    body: pageHeader({ title: `No such ${what}` }),
  });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
