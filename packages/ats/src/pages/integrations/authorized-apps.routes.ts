// Authorized Apps tab routes: list and revoke through the OAuth module's grant functions (revoking the
// grant revokes every token under it; the bearer check joins the grant, so the app is refused at once).
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { confirmDialog } from '@hireloop/platform/html';
import type { AtsContext } from '../../context.ts';
import { findGrantInAccount, listAuthorizedApps, revokeGrant } from '../../oauth/oauth-grant.repository.ts';
import { toAuthorizedApp } from '../../oauth/authorized-apps.routes.ts';
import { isUuid } from '../../api/query.ts';
import { setFlash } from '../ats-shell.ts';
import { requireIntegrationsAccess } from './integration-access.ts';
import { APPS_PATH } from './integrations-frame.ts';
import { sendIntegrationsPage } from './integrations-page.ts';
import { authorizedAppsPage } from './authorized-apps.page.ts';
import { auditAts } from '../../domain/audit/ats-audit.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const notFound = () => new AppError(Errors.NotFound, 'That app has no access to this account (any more).');

export async function registerAuthorizedAppPages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const gate = requireIntegrationsAccess;

  const findApp = async (accountId: string, rawId: string) => {
    const id = rawId.toLowerCase();
    const found = isUuid(id) ? (await listAuthorizedApps(db, accountId)).find((a) => a.id === id) : undefined;
    if (!found) throw notFound();
    return toAuthorizedApp(found);
  };

  app.get(APPS_PATH, { preHandler: gate }, async (request, reply) => {
    const apps = (await listAuthorizedApps(db, request.atsUser!.account.id)).map(toAuthorizedApp);
    return sendIntegrationsPage(request, reply, {
      title: 'Authorized Apps',
      active: 'apps',
      body: () => authorizedAppsPage(apps),
    });
  });

  app.get(
    `${APPS_PATH}/:id/revoke`,
    { preHandler: gate, schema: { params: IdParams } },
    async (request, reply) => {
      const found = await findApp(request.atsUser!.account.id, request.params.id);
      return sendIntegrationsPage(request, reply, {
        title: `Revoke ${found.name}`,
        active: 'apps',
        body: (csrfToken) =>
          confirmDialog({
            id: 'revoke-app',
            title: `Revoke access of “${found.name}”?`,
            message: `${found.name} loses access to this account at once: every token it holds is refused from the next request. To use it again, someone has to sign in to it with this account and accept again.`,
            action: `${APPS_PATH}/${found.id}/revoke`,
            confirmLabel: 'Revoke access',
            cancelHref: APPS_PATH,
            csrfToken,
          }),
      });
    },
  );

  app.post(
    `${APPS_PATH}/:id/revoke`,
    {
      preHandler: gate,
      schema: { params: IdParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
    },
    async (request, reply) => {
      const { user, account } = request.atsUser!;
      const found = await findApp(account.id, request.params.id);
      const revoked = await db.transaction().execute(async (trx) => {
        const grant = await findGrantInAccount(trx, account.id, found.id);
        if (!grant || !(await revokeGrant(trx, grant.id, `revoked by ${user.id}`))) return false;
        await auditAts(trx, request, 'oauth_grant.revoked', ['oauth_grant', grant.id], {
          appId: grant.client_id,
        });
        return true;
      });
      if (!revoked) throw notFound();
      setFlash(request, 'success', `Revoked access of “${found.name}”. Its tokens are refused from now on.`);
      return reply.redirect(APPS_PATH, 303);
    },
  );
}
