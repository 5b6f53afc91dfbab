// The chrome of every signed-in ATS page: the main nav, the user menu with sign-out, the session's CSRF
// token for forms and htmx, and the one-shot flash. Page areas call sendAtsPage() with their body and
// add their nav entry in nav.ts. Also the visibility a signed-in user reads data with.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage, type FlashProps, type HtmlValue } from '@hireloop/platform/html';
import { takeFlash } from '@hireloop/platform/sessions/sessions';
import type { Visibility } from '../api/principal.ts';
import { ATS_APP } from './auth/auth-panel.ts';
import { atsNav, type AtsSection } from './nav.ts';

export type { AtsSection } from './nav.ts';

/** Roles that see confidential postings and candidates from the pages (Lever: Super Admins and Admins). */
const CONFIDENTIAL_ROLES: readonly string[] = ['super admin', 'admin'];

export interface AtsPageProps {
  readonly title: string;
  readonly section?: AtsSection;
  /** The page body, or a function of the session's CSRF token for pages with forms. */
  readonly body: HtmlValue | ((csrfToken: string) => HtmlValue);
  readonly flash?: FlashProps | readonly FlashProps[];
}

export async function sendAtsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  props: AtsPageProps,
  status = 200,
): Promise<FastifyReply> {
  const signedIn = request.atsUser;
  const csrfToken = await reply.generateCsrf();
  const stored = takeFlash(request);
  const flashes: FlashProps[] = [];
  if (stored) flashes.push({ tone: stored.kind, message: stored.message });
  if (props.flash) flashes.push(...(Array.isArray(props.flash) ? props.flash : [props.flash as FlashProps]));
  void reply.header('cache-control', 'no-store');
  return sendPage(
    request,
    reply,
    {
      title: props.title,
      app: signedIn ? { name: signedIn.account.name, href: '/ats' } : ATS_APP,
      nav: atsNav(request, props.section),
      user: signedIn
        ? { name: signedIn.user.name, email: signedIn.user.email, role: signedIn.user.access_role }
        : undefined,
      flash: flashes,
      body: typeof props.body === 'function' ? props.body(csrfToken) : props.body,
      csrfToken,
      signOutHref: '/ats/sign-out',
    },
    status,
  );
}

/**
 * What the signed-in user may read: their account; confidential records only for Super Admins/Admins;
 * Limited Team Members only candidates of postings they own, hire for or follow (visibility.ts).
 */
export function userVisibility(request: FastifyRequest): Visibility {
  const signedIn = request.atsUser;
  if (!signedIn) throw new Error('userVisibility needs requireUser first');
  return {
    accountId: signedIn.account.id,
    confidential: CONFIDENTIAL_ROLES.includes(signedIn.user.access_role),
    limitedToUserId: signedIn.user.access_role === 'limited team member' ? signedIn.user.id : undefined,
  };
}

/** Sets the one-shot message for the page a redirect lands on. */
export function setFlash(request: FastifyRequest, kind: 'success' | 'error' | 'info', message: string): void {
  request.session.flash = { kind, message };
}
