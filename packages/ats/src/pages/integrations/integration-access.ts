// Who may open Settings › Integrations and API (Lever: Super Admins, and Admins given "manage API
// credentials and integrations" — the per-user flag of migration 0006). The gate answers a page that says
// why (403 through the pages' error handler), never a bare status.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, Errors } from '@hireloop/platform';
import type { UserRow } from '../../domain/users/user.repository.ts';
import { requireUser } from '../page-guards.ts';

export const SUPER_ADMIN = 'super admin';
export const ADMIN = 'admin';

export function canManageIntegrations(
  user: Pick<UserRow, 'access_role' | 'can_manage_integrations'>,
): boolean {
  return user.access_role === SUPER_ADMIN || (user.access_role === ADMIN && user.can_manage_integrations);
}

/** Only Super Admins grant the permission to Admins (as in Lever, an Admin cannot widen their own access). */
export const canGrantIntegrations = (user: Pick<UserRow, 'access_role'>): boolean =>
  user.access_role === SUPER_ADMIN;

function refusal(user: UserRow): string {
  const who = `You are signed in as ${user.email} with the role “${user.access_role}”`;
  const base =
    'Settings › Integrations and API (API keys, webhooks and authorized apps) is open to Super Admins, ' +
    'and to Admins who have been given “manage API credentials and integrations”.';
  return user.access_role === ADMIN
    ? `${base} ${who}, without that permission. Ask a Super Admin to give it to you.`
    : `${base} ${who}. Ask a Super Admin if you need access.`;
}

/** preHandler of every integrations page: signed in (else sign-in and back), then the permission. */
export async function requireIntegrationsAccess(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const redirected = await requireUser(request, reply);
  if (redirected) return redirected;
  const user = request.atsUser!.user;
  if (!canManageIntegrations(user)) {
    throw new AppError(Errors.Forbidden, refusal(user), {
      details: { requiredRoles: [SUPER_ADMIN, `${ADMIN} with manage API credentials and integrations`] },
    });
  }
  return undefined;
}
