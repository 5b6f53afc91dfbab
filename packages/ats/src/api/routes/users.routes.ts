// /v1/users (reference §2.12): list (active only unless includeDeactivated; filters email, accessRole,
// external_directory_id), get, create (201), update (PUT, 200), deactivate/reactivate (200). Writes open
// their transaction here, at the edge.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { AccessRole, ACCESS_ROLES, ListEnvelope, SingleEnvelope, User } from '@hireloop/lever/wire';
import type { AtsContext } from '../../context.ts';
import type { AtsKysely } from '../../db.ts';
import { auditAts } from '../../domain/audit/ats-audit.ts';
import { findUserById, listUsers, type UserRow } from '../../domain/users/user.repository.ts';
import { checkEmail, createUser, setUserActive, updateUser } from '../../domain/users/user.service.ts';
import { toLeverUser } from '../../domain/users/user.wire.ts';
import { decodeOffset, page } from '../pagination.ts';
import { Limit, Offset, Text, isUuid, parseBool, parseEnum, parseLimit } from '../query.ts';
import type { Principal } from '../principal.ts';

// `{type: [string, null]}` rather than anyOf: Ajv's type coercion would turn a null into "" in an anyOf's
// string branch, and a client that GETs a user and PUTs it back sends nulls for unset fields.
const NullableText = Type.Unsafe<string | null>({ type: ['string', 'null'] });

const UserBody = Type.Object({
  name: Type.String({ minLength: 1, description: 'Full name' }),
  email: Type.String({ minLength: 1, description: 'Unique within the account; stored lower-cased' }),
  accessRole: Type.Optional(AccessRole),
  externalDirectoryId: Type.Optional(NullableText),
  jobTitle: Type.Optional(NullableText),
  managerId: Type.Optional(NullableText),
});

const UserParams = Type.Object({ user: Type.String({ description: 'User id (UUID)' }) });
const UserResponse = { 200: SingleEnvelope(User) };
const TAGS = ['Users'];

const USERS_SORT = 'users';
const ISO_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function usersAfter(token: string | undefined): readonly [string, string] | undefined {
  if (!token) return undefined;
  const [at, id] = decodeOffset(token, USERS_SORT, ['string', 'string']) as [string, string];
  // The key goes into SQL casts: anything but what we issued is an invalid token (400), never a 500.
  if (!ISO_US.test(at) || !isUuid(id)) throw new AppError(Errors.InvalidOffsetToken);
  return [at, id];
}

const principalOf = (request: { principal?: Principal }): Principal => {
  if (!request.principal) throw new AppError(Errors.Unauthorized);
  return request.principal;
};

const notFound = (id: string) => new AppError(Errors.NotFound, `No user with id ${id} in this account`);

export async function registerUserRoutes(app: Http, ctx: AtsContext): Promise<void> {
  app.get(
    '/users',
    {
      config: { permission: 'users:list' },
      schema: {
        tags: TAGS,
        summary: 'List users',
        description: 'Active users only unless includeDeactivated=true. Ordered by creation time.',
        querystring: Type.Object({
          limit: Limit,
          offset: Offset,
          email: Type.Optional(Type.String({ description: 'Exact email, case-insensitive' })),
          includeDeactivated: Text,
          accessRole: Type.Optional(Type.Array(Type.String(), { description: ACCESS_ROLES.join(', ') })),
          external_directory_id: Text,
        }),
        response: { 200: ListEnvelope(User) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const q = request.query;
      const limit = parseLimit(q.limit);
      const rows = await listUsers(
        ctx.db,
        accountId,
        {
          email: q.email === undefined ? undefined : checkEmailFilter(q.email),
          includeDeactivated: parseBool('includeDeactivated', q.includeDeactivated),
          accessRoles: parseEnum('accessRole', q.accessRole, ACCESS_ROLES),
          externalDirectoryId: q.external_directory_id,
        },
        limit,
        usersAfter(q.offset),
      );
      return page(rows, limit, USERS_SORT, (u) => [u.cursor, u.id], toLeverUser);
    },
  );

  app.get(
    '/users/:user',
    {
      config: { permission: 'users:read' },
      schema: { tags: TAGS, summary: 'Get a user', params: UserParams, response: UserResponse },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const id = request.params.user;
      const user = isUuid(id) ? await findUserById(ctx.db, accountId, id) : undefined;
      if (!user) throw notFound(id);
      return { data: toLeverUser(user) };
    },
  );

  app.post(
    '/users',
    {
      config: { permission: 'users:create' },
      schema: {
        tags: TAGS,
        summary: 'Create a user',
        description: 'accessRole defaults to interviewer. A second user with the same email answers 409.',
        body: UserBody,
        response: { 201: SingleEnvelope(User) },
      },
    },
    async (request, reply) => {
      const { accountId } = principalOf(request);
      const user = await ctx.db.transaction().execute(async (trx) => {
        const created = await createUser(trx, accountId, request.body);
        await auditAts(trx, request, 'user.created', ['user', created.id], { role: created.access_role });
        return created;
      });
      return reply.code(201).send({ data: toLeverUser(user) });
    },
  );

  app.put(
    '/users/:user',
    {
      config: { permission: 'users:update' },
      schema: {
        tags: TAGS,
        summary: 'Update a user',
        description: 'name and email are required; optional fields left out keep their current value.',
        params: UserParams,
        body: UserBody,
        response: UserResponse,
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const id = request.params.user;
      const user = await ctx.db.transaction().execute(async (trx) => {
        const before = isUuid(id) ? await findUserById(trx, accountId, id) : undefined;
        const updated = await updateUser(trx, accountId, id, request.body);
        if (before && updated) await auditUserChange(trx, request, before, updated);
        return updated;
      });
      if (!user) throw notFound(id);
      return { data: toLeverUser(user) };
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/users/:user/${action}`,
      {
        config: { permission: 'users:update' },
        schema: {
          tags: TAGS,
          summary: active ? 'Reactivate a user' : 'Deactivate a user',
          params: UserParams,
          response: UserResponse,
        },
      },
      async (request) => {
        const { accountId } = principalOf(request);
        const id = request.params.user;
        const user = await ctx.db.transaction().execute(async (trx) => {
          const before = isUuid(id) ? await findUserById(trx, accountId, id) : undefined;
          const after = await setUserActive(trx, accountId, id, active);
          if (before && after && Boolean(before.deactivated_at) === active)
            await auditAts(trx, request, active ? 'user.reactivated' : 'user.deactivated', ['user', id]);
          return after;
        });
        if (!user) throw notFound(id);
        return { data: toLeverUser(user) };
      },
    );
  }
}

const AUDITED_FIELDS = ['name', 'email', 'job_title', 'manager_id', 'external_directory_id'] as const;

/** A role change is its own action; other changes are recorded by field name only (values are personal data). */
async function auditUserChange(trx: AtsKysely, request: FastifyRequest, before: UserRow, after: UserRow) {
  if (before.access_role !== after.access_role)
    await auditAts(trx, request, 'user.role_changed', ['user', after.id], {
      from: before.access_role,
      to: after.access_role,
    });
  const fields = AUDITED_FIELDS.filter((f) => before[f] !== after[f]);
  if (fields.length) await auditAts(trx, request, 'user.updated', ['user', after.id], { fields });
}

function checkEmailFilter(email: string): string {
  try {
    return checkEmail(email);
  } catch {
    throw new AppError(Errors.Validation, 'Email address is not valid', {
      details: { fields: [{ field: 'email', in: 'querystring', message: 'Email address is not valid' }] },
    });
  }
}
