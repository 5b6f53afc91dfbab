// The set-password page an invitation link opens (no session needed; the link is the credential):
//   GET  /ats/set-password?token=…    the form (or a page that says why the link no longer works)
//   POST /ats/set-password            sets the password, uses the link, signs the person in → /ats
// `Referrer-Policy: no-referrer` keeps the token out of Referer headers; the page is never cached.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError, type Http } from '@hireloop/platform';
import { layout, sendHtml } from '@hireloop/platform/html';
import { signIn } from '@hireloop/platform/sessions/sessions';
import { destroyUserSessions } from '@hireloop/platform/sessions/session-store';
import type { Kysely } from 'kysely';
import type { AtsContext } from '../../context.ts';
import { findAccountById } from '../../domain/accounts/account.service.ts';
import {
  SET_PASSWORD_PATH,
  checkNewPassword,
  findInvitedUser,
  setPasswordWithInvitation,
} from '../../domain/users/invitation.service.ts';
import { ATS_APP } from '../auth/auth-panel.ts';
import { setFlash } from '../ats-shell.ts';
import { HOME_PATH } from '../page-guards.ts';
import { auditAts, userActor } from '../../domain/audit/ats-audit.ts';
import { setPasswordPage, type SetPasswordProps } from './set-password.page.ts';

const Str = Type.Optional(Type.String({ maxLength: 2000 }));

export async function registerSetPasswordPages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;

  const render = async (
    reply: FastifyReply,
    token: string,
    errors?: SetPasswordProps['errors'],
    status = 200,
  ): Promise<FastifyReply> => {
    const { user } = await findInvitedUser(db, token);
    const account = await findAccountById(db, user.account_id);
    const csrfToken = await reply.generateCsrf();
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return sendHtml(
      reply,
      layout({
        title: 'Choose your password',
        app: ATS_APP,
        body: setPasswordPage({
          csrfToken,
          token,
          name: user.name,
          email: user.email,
          accountName: account?.name ?? 'your company',
          errors,
        }),
      }),
      status,
    );
  };

  app.get(
    SET_PASSWORD_PATH,
    { schema: { querystring: Type.Object({ token: Str }) } },
    async (request, reply) => render(reply, request.query.token ?? ''),
  );

  app.post(
    SET_PASSWORD_PATH,
    { schema: { body: Type.Object({ token: Str, password: Str, confirm: Str, username: Str, _csrf: Str }) } },
    async (request, reply) => {
      const { token = '', password = '', confirm = '' } = request.body;
      try {
        checkNewPassword(password, confirm);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const field = (e.details?.fields as { field: 'password' | 'confirm' }[])[0]?.field ?? 'password';
        return render(reply, token, { [field]: e.message }, 400);
      }
      const user = await db.transaction().execute(async (trx) => {
        const updated = await setPasswordWithInvitation(trx, token, password);
        await auditAts(trx, userActor(updated.account_id, updated.id, request), 'user.password_set', [
          'user',
          updated.id,
        ]);
        // A new password ends every other session of the person.
        await destroyUserSessions(trx as unknown as Kysely<unknown>, 'ats', updated.id);
        return updated;
      });
      await signIn(request, user.id);
      setFlash(request, 'success', `Your password is set. Welcome, ${user.name}.`);
      return reply.redirect(HOME_PATH, 303);
    },
  );
}
