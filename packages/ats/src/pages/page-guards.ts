// Who is signed in to the ATS pages, and the two gates every page uses: requireUser (redirect to sign-in,
// then back) and requireRole (a 403 page that says why). JSON endpoints under /ats/api get 401/403 JSON.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, Errors } from '@hireloop/platform';
import type { AtsKysely } from '../db.ts';
import { findAccountById, type AccountRow } from '../domain/accounts/account.service.ts';
import type { UserRow } from '../domain/users/user.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in, active ATS user and their account (set by loadSignedInUser on the pages scope). */
    atsUser?: { user: UserRow; account: AccountRow };
  }
}

export const SIGN_IN_PATH = '/ats/sign-in';
export const HOME_PATH = '/ats';

const isApiPath = (url: string): boolean => /^\/ats\/api(\/|\?|$)/.test(url);

/**
 * A same-site path to return to after sign-in, or the ATS home. Rejects absolute and protocol-relative
 * URLs (`//evil`, `/\evil`) and control characters, so `returnTo` can never become an open redirect.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return HOME_PATH;
  if (value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f\\]/.test(value))
    return HOME_PATH;
  return value;
}

export const signInUrl = (returnTo: string): string => `${SIGN_IN_PATH}?${new URLSearchParams({ returnTo })}`;

/** preHandler: resolves the session's user; a deactivated or deleted user counts as signed out. */
export function loadSignedInUser(db: AtsKysely) {
  return async (request: FastifyRequest): Promise<void> => {
    const userId = request.session?.userId;
    if (!userId) return;
    const user = await db.selectFrom('ats.user').selectAll().where('id', '=', userId).executeTakeFirst();
    const account = user && !user.deactivated_at ? await findAccountById(db, user.account_id) : undefined;
    if (user && account) request.atsUser = { user, account };
  };
}

/** preHandler: pages redirect to sign-in and come back; JSON endpoints answer 401. */
export async function requireUser(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (request.atsUser) return undefined;
  if (isApiPath(request.url)) throw new AppError(Errors.Unauthorized, 'Sign in to use this endpoint');
  // An async hook that answers must return the reply (Fastify hooks contract).
  return reply.redirect(signInUrl(request.url), 303);
}

/** preHandler factory: the user's role must be one of `roles`; `why` is what the 403 page tells them. */
export function requireRole(roles: readonly string[], why: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const redirected = await requireUser(request, reply);
    if (redirected) return redirected;
    const role = request.atsUser?.user.access_role ?? '';
    if (!roles.includes(role)) {
      throw new AppError(
        Errors.Forbidden,
        `${why} You are signed in as ${request.atsUser?.user.email} with the role "${role}".`,
        {
          details: { requiredRoles: roles },
        },
      );
    }
    return undefined;
  };
}
