// Authorized Apps as JSON for the settings page (issue 6) under /ats/api — session-authenticated, Super
// Admins only, CSRF header on DELETE. Not under /v1: Lever's API has no such endpoint, and an API key or
// an app's own token must not be able to list or revoke other apps' access.
import { Type } from 'typebox';
import { describeScope } from '@hireloop/lever/scopes';
import { AppError, Errors, type Http } from '@hireloop/platform';
import type { AtsContext } from '../context.ts';
import { requireRole } from '../pages/page-guards.ts';
import {
  findGrantInAccount,
  listAuthorizedApps,
  revokeGrant,
  type AuthorizedAppRow,
} from './oauth-grant.repository.ts';
import { SUPER_ADMIN } from './authorize.service.ts';
import { auditAts } from '../domain/audit/ats-audit.ts';

/** Roles that may see and revoke Authorized Apps (Lever: Super Admins manage integrations). */
export const AUTHORIZED_APPS_ROLES: readonly string[] = [SUPER_ADMIN];

const onlySuperAdmins = requireRole(
  AUTHORIZED_APPS_ROLES,
  'Only Super Admins can see and revoke authorized apps.',
);

export interface AuthorizedApp {
  id: string;
  clientId: string;
  name: string;
  scopes: { scope: string; description: string }[];
  grantedBy: { id: string; name: string; email: string };
  grantedAt: number;
  updatedAt: number;
  lastUsedAt: number | null;
}

export function toAuthorizedApp(row: AuthorizedAppRow): AuthorizedApp {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.app_name,
    scopes: row.scopes.map((scope) => ({ scope, description: describeScope(scope) ?? scope })),
    grantedBy: { id: row.granted_by_id, name: row.granted_by_name, email: row.granted_by_email },
    grantedAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
    lastUsedAt: row.last_used_at?.getTime() ?? null,
  };
}

export async function registerAuthorizedAppsApi(app: Http, ctx: AtsContext): Promise<void> {
  app.get('/ats/api/authorized-apps', { preHandler: onlySuperAdmins }, async (request) => {
    const rows = await listAuthorizedApps(ctx.db, request.atsUser!.account.id);
    return { data: rows.map(toAuthorizedApp) };
  });

  app.delete(
    '/ats/api/authorized-apps/:id',
    { preHandler: onlySuperAdmins, schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      const accountId = request.atsUser!.account.id;
      const revoked = await ctx.db.transaction().execute(async (trx) => {
        const grant = await findGrantInAccount(trx, accountId, request.params.id);
        if (!grant || !(await revokeGrant(trx, grant.id, `revoked by ${request.atsUser!.user.id}`)))
          return false;
        await auditAts(trx, request, 'oauth_grant.revoked', ['oauth_grant', grant.id], {
          appId: grant.client_id,
        });
        return true;
      });
      if (!revoked) throw new AppError(Errors.NotFound, 'No authorized app with that id');
      return reply.code(204).send();
    },
  );
}
