// Settings › Users (issue 6), Super Admins and Admins only (others get a 403 page that says why):
//   GET  /ats/settings/users                      users with role and status, keyset pages of 50
//   POST /ats/settings/users/invite               create a user with a role + mail a set-password link
//   POST /ats/settings/users/:id/role             change the role
//   POST /ats/settings/users/:id/deactivate       deactivate (ends their ATS sessions and open links)
//   POST /ats/settings/users/:id/reactivate       reactivate
//   POST /ats/settings/users/:id/invite-again     a new link for a user who has not set a password
// Rules: nobody changes or deactivates themselves (no lock-out; so one Super Admin always remains), and
// only Super Admins give the Super Admin role or manage a Super Admin. Users are created and changed by
// domain/users/user.service.ts, as the /v1 users API does.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { url } from '@hireloop/platform/html';
import { destroyUserSessions } from '@hireloop/platform/sessions/session-store';
import { ACCESS_ROLES } from '@hireloop/lever/wire';
import type { Kysely } from 'kysely';
import type { AtsContext } from '../../context.ts';
import { isUuid } from '../../api/query.ts';
import { decodeOffset, encodeOffset } from '../../api/pagination.ts';
import { createUser, setUserActive } from '../../domain/users/user.service.ts';
import { findUserById, listUsers, updateUserRow, type UserRow } from '../../domain/users/user.repository.ts';
import { endOpenInvitations, listOpenInvitationUserIds } from '../../domain/users/invitation.repository.ts';
import {
  issueInvitation,
  sendInvitationMail,
  setPasswordUrl,
} from '../../domain/users/invitation.service.ts';
import { requireRole } from '../page-guards.ts';
import { auditAts } from '../../domain/audit/ats-audit.ts';
import { sendAtsPage, setFlash } from '../ats-shell.ts';
import { settingsTabs } from '../nav.ts';
import { USERS_PATH, usersPage, type InviteErrors, type InviteValues } from './users.page.ts';

export const USER_ADMIN_ROLES: readonly string[] = Object.freeze(['super admin', 'admin']);
const PAGE_SIZE = 50;
const SORT = 'ats-users-page';
const Str = Type.Optional(Type.String({ maxLength: 1000 }));
const Form = Type.Object({ name: Str, email: Str, role: Str, _csrf: Str });
const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

const grantableBy = (me: UserRow): string[] =>
  ACCESS_ROLES.filter((r) => me.access_role === 'super admin' || r !== 'super admin');

export async function registerUserPages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const gate = requireRole(USER_ADMIN_ROLES, 'Users and roles are managed by Super Admins and Admins.');

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: InviteValues; errors?: InviteErrors; offset?: string } = {},
    status = 200,
  ): Promise<FastifyReply> => {
    const me = request.atsUser!.user;
    let after: readonly [string, string] | undefined;
    if (state.offset) {
      const [at, id] = decodeOffset(state.offset, SORT, ['string', 'string']) as [string, string];
      if (!isUuid(id) || Number.isNaN(Date.parse(at))) throw new AppError(Errors.InvalidOffsetToken);
      after = [at, id];
    }
    const [rows, invited] = await Promise.all([
      listUsers(db, me.account_id, { includeDeactivated: true }, PAGE_SIZE, after),
      listOpenInvitationUserIds(db, me.account_id, new Date()),
    ]);
    const shown = rows.slice(0, PAGE_SIZE);
    const last = shown[shown.length - 1];
    const errors = state.errors ?? {};
    const firstError = Object.values(errors)[0];
    return sendAtsPage(
      request,
      reply,
      {
        title: 'Users',
        section: 'settings',
        flash: firstError ? { tone: 'error', message: firstError } : undefined,
        body: (csrfToken) =>
          usersPage({
            csrfToken,
            tabs: settingsTabs(request, 'users'),
            me,
            users: shown,
            invited,
            grantable: grantableBy(me),
            values: state.values ?? {},
            errors,
            nextHref:
              rows.length > PAGE_SIZE && last
                ? url(USERS_PATH, { offset: encodeOffset(SORT, [last.cursor, last.id]) })
                : undefined,
            firstHref: after ? USERS_PATH : undefined,
          }),
      },
      status,
    );
  };

  app.get(
    USERS_PATH,
    { preHandler: gate, schema: { querystring: Type.Object({ offset: Str }) } },
    async (request, reply) => render(request, reply, { offset: request.query.offset }),
  );

  /** A user this admin may manage, else a 403/404 page that says why. */
  const target = async (request: FastifyRequest, id: string): Promise<UserRow> => {
    const me = request.atsUser!.user;
    const user = isUuid(id) ? await findUserById(db, me.account_id, id.toLowerCase()) : undefined;
    if (!user) throw new AppError(Errors.NotFound, 'That user does not exist in your account.');
    if (user.id === me.id)
      throw new AppError(
        Errors.Forbidden,
        'You cannot change your own role or deactivate yourself; ask another admin.',
      );
    if (user.access_role === 'super admin' && me.access_role !== 'super admin')
      throw new AppError(Errors.Forbidden, 'Only Super Admins can change or deactivate a Super Admin.');
    return user;
  };

  const invite = async (
    request: FastifyRequest,
    trx: Parameters<typeof issueInvitation>[0],
    user: UserRow,
  ) => {
    const signedIn = request.atsUser!;
    const token = await issueInvitation(trx, user, signedIn.user.id);
    await sendInvitationMail(trx, ctx.runtime.mailer, {
      user,
      accountName: signedIn.account.name,
      inviterName: signedIn.user.name,
      link: setPasswordUrl(ctx.publicUrl, token),
    });
  };

  app.post(`${USERS_PATH}/invite`, { preHandler: gate, schema: { body: Form } }, async (request, reply) => {
    const me = request.atsUser!.user;
    const values: InviteValues = {
      name: request.body.name,
      email: request.body.email,
      role: request.body.role,
    };
    const role = request.body.role ?? '';
    if (!grantableBy(me).includes(role)) {
      return render(
        request,
        reply,
        { values, errors: { role: 'Choose one of the roles in the list.' } },
        400,
      );
    }
    try {
      const user = await db.transaction().execute(async (trx) => {
        const created = await createUser(trx, me.account_id, {
          name: request.body.name ?? '',
          email: request.body.email ?? '',
          accessRole: role,
        });
        await invite(request, trx, created);
        await auditAts(trx, request, 'user.invited', ['user', created.id], { role: created.access_role });
        return created;
      });
      setFlash(
        request,
        'success',
        `Invited ${user.email} as ${user.access_role}. They get an email with a link to set a password.`,
      );
      return reply.redirect(USERS_PATH, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.statusCode !== 400 && e.statusCode !== 409)) throw e;
      const field = ((e.details?.fields as { field?: string }[] | undefined)?.[0]?.field ??
        'email') as keyof InviteErrors;
      const message =
        e.statusCode === 409 ? `${e.message}. Change their role in the list below instead.` : e.message;
      return render(
        request,
        reply,
        { values, errors: { [field in values ? field : 'email']: message } },
        e.statusCode,
      );
    }
  });

  app.post(
    `${USERS_PATH}/:id/role`,
    { preHandler: gate, schema: { params: Params, body: Form } },
    async (request, reply) => {
      const user = await target(request, request.params.id);
      const role = request.body.role ?? '';
      if (!grantableBy(request.atsUser!.user).includes(role))
        throw new AppError(Errors.Forbidden, 'Only Super Admins can give the Super Admin role.');
      await db.transaction().execute(async (trx) => {
        await updateUserRow(trx, user.account_id, user.id, { access_role: role });
        if (role !== user.access_role)
          await auditAts(trx, request, 'user.role_changed', ['user', user.id], {
            from: user.access_role,
            to: role,
          });
      });
      setFlash(request, 'success', `${user.name} is now ${role}.`);
      return reply.redirect(USERS_PATH, 303);
    },
  );

  for (const active of [false, true]) {
    app.post(
      `${USERS_PATH}/:id/${active ? 'reactivate' : 'deactivate'}`,
      { preHandler: gate, schema: { params: Params } },
      async (request, reply) => {
        const user = await target(request, request.params.id);
        await db.transaction().execute(async (trx) => {
          await setUserActive(trx, user.account_id, user.id, active);
          if (active === Boolean(user.deactivated_at))
            await auditAts(trx, request, active ? 'user.reactivated' : 'user.deactivated', ['user', user.id]);
          if (!active) {
            await endOpenInvitations(trx, user.id, new Date());
            await destroyUserSessions(trx as unknown as Kysely<unknown>, 'ats', user.id);
          }
        });
        setFlash(
          request,
          'success',
          active
            ? `${user.name} can sign in again.`
            : `${user.name} is deactivated and signed out everywhere.`,
        );
        return reply.redirect(USERS_PATH, 303);
      },
    );
  }

  app.post(
    `${USERS_PATH}/:id/invite-again`,
    { preHandler: gate, schema: { params: Params } },
    async (request, reply) => {
      const user = await target(request, request.params.id);
      if (user.deactivated_at || user.password_hash)
        throw new AppError(Errors.Conflict, `${user.name} has already set a password or is deactivated.`);
      await db.transaction().execute(async (trx) => {
        await invite(request, trx, user);
        await auditAts(trx, request, 'user.invitation_resent', ['user', user.id]);
      });
      setFlash(request, 'success', `Sent a new invitation to ${user.email}; earlier links no longer work.`);
      return reply.redirect(USERS_PATH, 303);
    },
  );
}
