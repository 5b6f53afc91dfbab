// The ATS's browser side: one encapsulated Fastify scope (no prefix: it serves /ats/*, the OAuth
// authorize/consent page and, later, /jobs) with sessions (cookie `hl_ats`, path /), CSRF on every unsafe
// method, the signed-in user, and an error handler that renders pages (JSON under /ats/api). Page areas
// register inside it: add one `await registerXPages(scope, ctx)` line below.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Http } from '@hireloop/platform';
import { assetsPlugin, renderErrorHtml } from '@hireloop/platform/html';
import { toErrorBody, wantsHtml } from '@hireloop/platform/http/error-handler';
import { registerSessions, verifyCsrf } from '@hireloop/platform/sessions/sessions';
import type { AtsContext } from '../context.ts';
import { loadSignedInUser } from './page-guards.ts';
import { registerAuthPages, type SignInRateLimit } from './auth/auth.routes.ts';
import { registerAuthorizeRoutes } from '../oauth/authorize.routes.ts';
import { registerAuthorizedAppsApi } from '../oauth/authorized-apps.routes.ts';
import { registerJobSitePages } from './jobs/job-site.routes.ts';
import { registerPostingPages } from './postings/postings.routes.ts';
import { registerCompanyPages } from './company/company.routes.ts';
import { registerPipelinePages } from './pipeline/pipeline.routes.ts';
import { registerCandidatePages } from './candidates/candidate.routes.ts';
import { registerUserPages } from './users/users.routes.ts';
import { registerAuditPages } from './audit/audit.routes.ts';
import { registerSetPasswordPages } from './users/set-password.routes.ts';
import { registerIntegrationsPages } from './integrations/integrations.routes.ts';

export interface AtsPagesOptions {
  /** Sign-in attempts per email and client address (default 10 per 5 minutes). */
  readonly signInRateLimit?: SignInRateLimit;
}

function sendPageError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body, headers } = toErrorBody(error, request.id);
  if (status >= 500) request.log.error({ err: error }, 'page failed');
  else request.log.info({ code: body.code, status }, 'page request rejected');
  if (headers) void reply.headers(headers);
  void reply.header('cache-control', 'no-store');
  if (!request.url.startsWith('/ats/api') && wantsHtml(request)) {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderErrorHtml(request, status, body));
  }
  return reply.code(status).send(body);
}

export async function registerAtsPages(
  app: Http,
  ctx: AtsContext,
  options: AtsPagesOptions = {},
): Promise<void> {
  // The kit's CSS/JS are global routes; another product may have mounted them already.
  if (!app.hasPlugin('hireloop-assets')) await app.register(assetsPlugin);
  await app.register(async (instance: FastifyInstance) => {
    const scope = instance as unknown as Http;
    await registerSessions(instance, {
      db: ctx.db as unknown as Kysely<unknown>,
      scope: 'ats',
      cookiePath: '/',
      secret: ctx.runtime.config.sessionSecret,
    });
    instance.setErrorHandler(sendPageError);
    instance.addHook('preHandler', loadSignedInUser(ctx.db));
    instance.addHook('preHandler', verifyCsrf(instance));
    await registerAuthPages(scope, ctx, options.signInRateLimit);
    await registerAuthorizeRoutes(scope, ctx);
    await registerAuthorizedAppsApi(scope, ctx);
    await registerJobSitePages(scope, ctx);
    await registerPostingPages(scope, ctx);
    await registerCompanyPages(scope, ctx);
    await registerPipelinePages(scope, ctx);
    await registerCandidatePages(scope, ctx);
    await registerUserPages(scope, ctx);
    await registerSetPasswordPages(scope, ctx);
    await registerIntegrationsPages(scope, ctx);
    await registerAuditPages(scope, ctx);
  });
}
