// GET and POST /oauth/authorize, inside the pages scope (sessions, CSRF, HTML errors). GET validates the
// request, sends a signed-out person to sign-in and back, and shows the consent page; the consent form
// POSTs the same parameters back with the decision, and they are validated again (hidden fields are input).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { scopeSatisfies } from '@hireloop/lever/scopes';
import type { Http } from '@hireloop/platform';
import { errorPage, layout, sendHtml } from '@hireloop/platform/html';
import type { AtsContext } from '../context.ts';
import { ATS_APP } from '../pages/auth/auth-panel.ts';
import { signInUrl } from '../pages/page-guards.ts';
import {
  AUTHORIZE_PARAMS,
  checkAuthorizeRequest,
  redirectWith,
  type AuthorizeRequest,
} from './authorize-request.ts';
import { consentBlockedReason, issueAuthorizationCode } from './authorize.service.ts';
import { consentPage } from './consent.page.ts';
import { findLiveGrant } from './oauth-grant.repository.ts';
import { auditAts } from '../domain/audit/ats-audit.ts';

type Params = Record<string, unknown>;

function invalidRequestPage(reply: FastifyReply, message: string): FastifyReply {
  void reply.header('cache-control', 'no-store');
  return sendHtml(
    reply,
    errorPage({ status: 400, title: 'This authorization link is not valid', message, app: ATS_APP }),
    400,
  );
}

/** The request's own parameters (strings only), to carry through sign-in and the consent form. */
function carriedParams(params: Params, drop: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of AUTHORIZE_PARAMS) {
    const v = params[name];
    if (typeof v === 'string' && v !== '' && !drop.includes(name)) out[name] = v;
  }
  return out;
}

const authorizeUrl = (params: Record<string, string>): string =>
  `/oauth/authorize?${new URLSearchParams(params)}`;

/** What the audit log keeps of an authorization request: the app and the scopes, never codes or PKCE values. */
const appDetails = (req: AuthorizeRequest) => ({
  app: req.client.name,
  clientId: req.client.client_id,
  scopes: [...req.scopes],
});

async function redirectWithCode(
  ctx: AtsContext,
  reply: FastifyReply,
  req: AuthorizeRequest,
  request: FastifyRequest,
  silent: boolean,
): Promise<FastifyReply> {
  const user = request.atsUser!.user;
  const { code } = await ctx.db.transaction().execute(async (trx) => {
    const issued = await issueAuthorizationCode(trx, req, user);
    await auditAts(trx, request, 'oauth_grant.accepted', ['oauth_grant', issued.grantId], {
      ...appDetails(req),
      silent,
    });
    return issued;
  });
  return reply.redirect(redirectWith(req.redirectUri, { code, state: req.state }), 303);
}

export async function registerAuthorizeRoutes(app: Http, ctx: AtsContext): Promise<void> {
  app.get('/oauth/authorize', async (request, reply) => {
    const params = request.query as Params;
    const check = await checkAuthorizeRequest(ctx.db, params, ctx.publicUrl);
    if (check.kind === 'page') return invalidRequestPage(reply, check.message);
    if (check.kind === 'redirect') return reply.redirect(check.to, 303);
    const req = check.request;
    const fail = (error: string, description: string) =>
      reply.redirect(
        redirectWith(req.redirectUri, { error, error_description: description, state: req.state }),
        303,
      );

    const signedIn = request.atsUser;
    if (req.prompt.has('login') || !signedIn) {
      if (req.prompt.has('none')) return fail('login_required', 'The user is not signed in');
      // prompt=login is honoured once: the way back no longer asks for it.
      const to = signInUrl(authorizeUrl(carriedParams(params, ['prompt'])));
      return reply.redirect(req.prompt.has('login') ? `${to}&prompt=login` : to, 303);
    }
    const { user, account } = signedIn;
    const blockedReason = consentBlockedReason(req, user, account);
    const grant = await findLiveGrant(ctx.db, account.id, req.client.id);
    if (req.prompt.has('none')) {
      // Silent re-authorization: only for a Super Admin when the live grant already covers every scope.
      if (blockedReason || !grant || !scopeSatisfies(grant.scopes, req.scopes))
        return fail('consent_required', 'Consent is required');
      return redirectWithCode(ctx, reply, req, request, true);
    }
    void reply.header('cache-control', 'no-store');
    const csrfToken = await reply.generateCsrf();
    const body = consentPage({
      appName: req.client.name,
      accountName: account.name,
      user: { name: user.name, email: user.email, role: user.access_role },
      scopes: req.scopes,
      params: carriedParams(params),
      csrfToken,
      blockedReason,
      alreadyGranted: grant ? new Set(grant.scopes) : undefined,
    });
    return sendHtml(
      reply,
      layout({
        title: `Authorize ${req.client.name}`,
        app: ATS_APP,
        body,
        csrfToken,
        signOutHref: '/ats/sign-out',
        user: { name: user.name, email: user.email, role: user.access_role },
      }),
    );
  });

  app.post('/oauth/authorize', async (request, reply) => {
    const params = (request.body ?? {}) as Params;
    const check = await checkAuthorizeRequest(ctx.db, params, ctx.publicUrl);
    if (check.kind === 'page') return invalidRequestPage(reply, check.message);
    if (check.kind === 'redirect') return reply.redirect(check.to, 303);
    const req = check.request;
    if (!request.atsUser)
      return reply.redirect(signInUrl(authorizeUrl(carriedParams(params, ['prompt']))), 303);
    if (params.decision !== 'accept') {
      await auditAts(ctx.db, request, 'oauth_grant.denied', ['oauth_client', req.client.id], appDetails(req));
      return reply.redirect(
        redirectWith(req.redirectUri, {
          error: 'access_denied',
          error_description: 'The user denied access',
          state: req.state,
        }),
        303,
      );
    }
    const blockedReason = consentBlockedReason(req, request.atsUser.user, request.atsUser.account);
    if (blockedReason) {
      void reply.header('cache-control', 'no-store');
      return sendHtml(
        reply,
        errorPage({
          status: 403,
          title: 'You cannot authorize this app',
          message: blockedReason,
          app: ATS_APP,
        }),
        403,
      );
    }
    return redirectWithCode(ctx, reply, req, request, false);
  });
}
