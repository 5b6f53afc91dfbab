// The page shell every app's HTML pages share: the layout call (app name, nav with the active item, the
// signed-in user, CSRF token, flashes — the one stored by the previous request first), the flash for the next
// request and form reading. Each app supplies only its copy: name, nav items (by role), how a user is shown,
// where sign-out posts. Pages stay plain functions of (request, reply, ctx) in each app.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  sendPage,
  type FlashProps,
  type HtmlValue,
  type LayoutUser,
  type NavItem,
} from '@hireloop/platform/html';
import { takeFlash } from '@hireloop/platform/sessions/sessions';

/** `[label, href]` pairs. */
export type NavLinks = readonly (readonly [string, string])[];

/** The nav with the longest prefix of `path` marked active. */
export function navWithActive(items: NavLinks, path: string): NavItem[] {
  const active = items
    .filter(([, href]) => path === href || path.startsWith(`${href}/`))
    .sort((a, b) => b[1].length - a[1].length)[0]?.[1];
  return items.map(([label, href]) => ({ label, href, active: href === active }));
}

export interface AppShell<U> {
  readonly app: { readonly name: string; readonly href: string };
  /** Where the sign-out form posts (shown only to a signed-in user). */
  readonly signOutHref: string;
  /** The nav for this user (none when signed out) at `path` (no query string). */
  nav(user: U | undefined, path: string): NavItem[];
  /** How the signed-in user is shown in the header. */
  showUser(user: U): LayoutUser;
}

export interface ShellPageProps<U> {
  title: string;
  body: HtmlValue;
  user?: U;
  flash?: FlashProps | FlashProps[];
  status?: number;
}

export type RenderPage<U> = (
  request: FastifyRequest,
  reply: FastifyReply,
  props: ShellPageProps<U>,
) => Promise<FastifyReply>;

export function createRender<U>(shell: AppShell<U>): RenderPage<U> {
  return async (request, reply, props) => {
    const stored = takeFlash(request);
    const flash: FlashProps[] = [
      ...(stored ? [{ tone: stored.kind, message: stored.message } as FlashProps] : []),
      ...(props.flash ? (Array.isArray(props.flash) ? props.flash : [props.flash]) : []),
    ];
    const csrfToken = await reply.generateCsrf();
    return sendPage(
      request,
      reply,
      {
        title: props.title,
        app: shell.app,
        nav: shell.nav(props.user, request.url.split('?')[0] ?? ''),
        user: props.user ? shell.showUser(props.user) : undefined,
        flash,
        body: props.body,
        csrfToken,
        signOutHref: props.user ? shell.signOutHref : undefined,
      },
      props.status,
    );
  };
}

/** A flash shown by the next page this session renders (after a redirect). */
export function flashNext(
  request: FastifyRequest,
  kind: 'success' | 'error' | 'info',
  message: string,
): void {
  request.session.flash = { kind, message };
}

/** A form field as one string ('' when missing; the first when repeated). */
export const formValue = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

/** A repeated form field (checkboxes) as strings. */
export const formValues = (body: unknown, name: string): string[] => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string')
      : [];
};
