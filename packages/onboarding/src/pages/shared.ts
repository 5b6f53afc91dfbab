// What every onboarding page shares: layout (app name, nav by role, CSRF token, flash), the signed-in user
// and the guards. People ops see the admin pages; a new hire sees only their checklist.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageHeader, sendPage, type FlashProps, type HtmlValue, type NavItem } from '@hireloop/platform/html';
import { takeFlash } from '@hireloop/platform/sessions/sessions';
import type { OnboardingContext } from '../context.ts';
import { findUser, type AppUser } from '../domain/orgs/org.repository.ts';
import { findConnectionRow } from '../domain/connection/connection.repository.ts';

declare module 'fastify' {
  interface Session {
    /** Between "Sign in with Lever" and the callback: the CSRF state and the PKCE verifier. */
    onboardingOauth?: { state: string; verifier: string; organizationId: string; startedAt: number };
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

function navFor(user: AppUser | undefined, path: string): NavItem[] {
  if (!user) return [];
  if (user.role === 'new_hire') return [{ label: 'My checklist', href: '/onboarding/me', active: true }];
  const active = NAV.filter(([, href]) => path === href || path.startsWith(`${href}/`)).sort(
    (a, b) => b[1].length - a[1].length,
  )[0]?.[1];
  return NAV.map(([label, href]) => ({ label, href, active: href === active }));
}

export async function currentUser(
  ctx: OnboardingContext,
  request: FastifyRequest,
): Promise<AppUser | undefined> {
  const id = request.session.userId;
  return id ? findUser(ctx.db, id) : undefined;
}

export async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  props: {
    title: string;
    body: HtmlValue;
    user?: AppUser;
    flash?: FlashProps | FlashProps[];
    status?: number;
  },
): Promise<FastifyReply> {
  const stored = takeFlash(request);
  const flash: FlashProps[] = [
    ...(stored ? [{ tone: stored.kind, message: stored.message } as FlashProps] : []),
    ...(props.flash ? (Array.isArray(props.flash) ? props.flash : [props.flash]) : []),
  ];
  return sendPage(
    request,
    reply,
    {
      title: props.title,
      app: APP,
      nav: navFor(props.user, request.url.split('?')[0] ?? ''),
      user: props.user
        ? {
            name: props.user.name || props.user.email,
            email: props.user.email,
            role: props.user.role === 'people_ops' ? 'People ops' : 'New hire',
          }
        : undefined,
      flash,
      body: props.body,
      csrfToken: await reply.generateCsrf(),
      signOutHref: props.user ? '/onboarding/sign-out' : undefined,
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

export const formValue = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
