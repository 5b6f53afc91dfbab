// Sign-in and sign-out of the ATS pages. Sign-in attempts are rate-limited per email and client address
// (@fastify/rate-limit; the counter is per process — a brute force across N web processes gets N times the
// budget, still far too little to guess an argon2id-hashed password). The error never says which of
// email or password was wrong.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { layout, sendHtml } from '@hireloop/platform/html';
import { signIn, signOut } from '@hireloop/platform/sessions/sessions';
import type { AtsContext } from '../../context.ts';
import { safeReturnTo } from '../page-guards.ts';
import { ATS_APP } from './auth-panel.ts';
import { signInPage, type SignInPageProps } from './sign-in.page.ts';
import { checkSignIn } from './sign-in.service.ts';
import { auditSignInFailure } from './sign-in-audit.ts';
import { auditAts, userActor } from '../../domain/audit/ats-audit.ts';

export interface SignInRateLimit {
  readonly max: number;
  readonly timeWindowMs: number;
}

const GENERIC_ERROR = 'That email and password do not match an active account. Check them and try again.';

const SignInBody = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 320 })),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
  site: Type.Optional(Type.String({ maxLength: 63 })),
  returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String()),
});

async function renderSignIn(
  reply: FastifyReply,
  props: Omit<SignInPageProps, 'csrfToken'>,
  status = 200,
): Promise<FastifyReply> {
  const csrfToken = await reply.generateCsrf();
  void reply.header('cache-control', 'no-store');
  return sendHtml(
    reply,
    layout({ title: 'Sign in', app: ATS_APP, body: signInPage({ ...props, csrfToken }) }),
    status,
  );
}

function reasonFor(returnTo: string): string | undefined {
  return returnTo.startsWith('/oauth/authorize')
    ? 'Sign in to review the app that asks for access to your company’s data.'
    : undefined;
}

export async function registerAuthPages(
  app: Http,
  ctx: AtsContext,
  limit: SignInRateLimit = { max: 10, timeWindowMs: 5 * 60_000 },
): Promise<void> {
  app.get(
    '/ats/sign-in',
    {
      schema: {
        querystring: Type.Object({
          returnTo: Type.Optional(Type.String()),
          prompt: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const returnTo = safeReturnTo(request.query.returnTo);
      // `prompt=login` (from /oauth/authorize) asks a signed-in person to sign in again.
      if (request.atsUser && request.query.prompt !== 'login') return reply.redirect(returnTo, 303);
      return renderSignIn(reply, { returnTo, reason: reasonFor(returnTo) });
    },
  );

  const rateLimit = app.rateLimit({
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    keyGenerator: (request: FastifyRequest) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return `ats-sign-in:${request.ip}:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
    },
    errorResponseBuilder: (_request, context) =>
      new AppError(
        Errors.TooManyRequests,
        `Too many sign-in attempts. Wait ${Math.ceil(context.ttl / 1000)} seconds and try again.`,
      ),
  });

  // A refused (rate-limited) attempt is audited too, then answered 429 as before.
  const limited = async (
    request: FastifyRequest<{ Body: Static<typeof SignInBody> }>,
    reply: FastifyReply,
  ) => {
    try {
      await rateLimit.call(app, request, reply);
    } catch (e) {
      await auditSignInFailure(ctx.db, request, request.body ?? {}, 'rate_limited');
      throw e;
    }
  };

  app.post('/ats/sign-in', { schema: { body: SignInBody }, preHandler: limited }, async (request, reply) => {
    const { email = '', password = '', site } = request.body;
    const returnTo = safeReturnTo(request.body.returnTo);
    const result = await checkSignIn(ctx.db, { email, password, site });
    if (result.kind === 'ok') {
      const { user } = result;
      await auditAts(ctx.db, userActor(user.account_id, user.id, request), 'auth.sign_in_succeeded', [
        'user',
        user.id,
      ]);
      await signIn(request, user.id);
      return reply.redirect(returnTo, 303);
    }
    if (result.kind === 'invalid')
      await auditSignInFailure(ctx.db, request, { email, site }, 'invalid_credentials');
    const askSite = result.kind === 'choose-site';
    return renderSignIn(
      reply,
      {
        returnTo,
        email,
        askSite,
        site,
        reason: reasonFor(returnTo),
        error: askSite ? undefined : GENERIC_ERROR,
      },
      askSite ? 200 : 401,
    );
  });

  // The session's CSRF token for scripts and JSON clients of /ats/api (pages get it in the layout).
  app.get('/ats/api/csrf', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return { csrfToken: await reply.generateCsrf() };
  });

  app.post('/ats/sign-out', async (request, reply) => {
    await signOut(request);
    return reply.redirect('/ats/sign-in', 303);
  });
}
