// /v1/postings (reference §2.2): list with filters, deleted list, get, create, update (POST, not PUT) and
// delete (a Hireloop extension: Lever has no public delete, the ATS pages need one). Apply, the
// application form and the users view are in posting-apply.routes.ts.
import { AppError, Errors, type Http } from '@hireloop/platform';
import { CONFIDENTIALITY_FILTERS, DISTRIBUTION_CHANNELS, POSTING_STATES } from '@hireloop/lever/wire';
import type { AtsContext } from '../../context.ts';
import type { AtsKysely } from '../../db.ts';
import type { Principal } from '../principal.ts';
import { decodeOffset, page, type SortKey } from '../pagination.ts';
import { isUuid, parseEnum, parseLimit, parseList, parseMs } from '../query.ts';
import { findAccountById } from '../../domain/accounts/account.service.ts';
import { findUsersByIds } from '../../domain/users/user.repository.ts';
import {
  listDeletedPostings,
  listPostings,
  type PostingCursor,
  type PostingRow,
} from '../../domain/postings/posting.repository.ts';
import {
  checkPerformAs,
  createPosting,
  deletePostingById,
  findVisiblePosting,
  updatePostingById,
} from '../../domain/postings/posting.service.ts';
import {
  POSTING_EXPANDS,
  referencedUserIds,
  toDeletedPosting,
  toLeverPosting,
  type PostingExpand,
} from '../../domain/postings/posting.wire.ts';
import { registerPostingApplyRoutes } from './posting-apply.routes.ts';
import {
  DeletedPostingsQuery,
  GetPostingQuery,
  ListPostingsQuery,
  PerformAsQuery,
  PostingCreateBody,
  PostingParams,
  PostingUpdateBody,
} from './postings.schemas.ts';

const SORT = 'postings';
const DELETED_SORT = 'postings-deleted';

export function principalOf(request: { principal?: Principal }): Principal {
  if (!request.principal) throw new AppError(Errors.Unauthorized);
  return request.principal;
}

function cursor(token: string | undefined, sort: string): PostingCursor | undefined {
  if (!token) return undefined;
  const [at, id] = decodeOffset(token, sort, ['number', 'string']) as [number, string];
  if (!isUuid(id)) throw new AppError(Errors.InvalidOffsetToken);
  return [at, id];
}

/** Maps rows to the wire with one account lookup (for urls) and one user lookup when expanding. */
export async function postingWireMapper(
  db: AtsKysely,
  ctx: AtsContext,
  accountId: string,
  rows: readonly PostingRow[],
  expand: ReadonlySet<PostingExpand>,
) {
  const account = await findAccountById(db, accountId);
  const users = expand.size ? await findUsersByIds(db, accountId, referencedUserIds(rows)) : [];
  const wire = {
    publicUrl: ctx.publicUrl,
    site: account?.site ?? '',
    expand,
    users: new Map(users.map((u) => [u.id, u])),
  };
  return (row: PostingRow) => toLeverPosting(row, wire);
}

function notFound(id: string): AppError {
  return new AppError(Errors.NotFound, `That posting doesn't exist on your account: ${id}`);
}

export async function registerPostingRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;

  app.get(
    '/postings',
    { config: { permission: 'postings:list' }, schema: { querystring: ListPostingsQuery } },
    async (request) => {
      const p = principalOf(request);
      const q = request.query;
      const confidentiality =
        parseEnum(
          'confidentiality',
          q.confidentiality ? [q.confidentiality] : undefined,
          CONFIDENTIALITY_FILTERS,
        )?.[0] ?? 'non-confidential';
      if (confidentiality !== 'non-confidential' && !p.confidential) {
        throw new AppError(
          Errors.Forbidden,
          `confidentiality=${confidentiality} needs a credential with access to confidential data`,
        );
      }
      const expand = parseList('expand', q.expand, POSTING_EXPANDS);
      // content and followers are always included (recorded Lever responses carry them without include).
      parseList('include', q.include, ['content', 'followers'] as const);
      const limit = parseLimit(q.limit);
      const rows = await listPostings(
        db,
        p.accountId,
        {
          states: parseEnum('state', q.state, POSTING_STATES),
          channels: parseEnum(
            'distribution_channel',
            [...(q.distribution_channel ?? []), ...(q.distributionChannel ?? [])],
            DISTRIBUTION_CHANNELS,
          ),
          team: q.team,
          department: q.department,
          location: q.location,
          commitment: q.commitment,
          level: q.level,
          tag: q.tag,
          confidentiality,
          updatedStart: parseMs('updated_at_start', q.updated_at_start),
          updatedEnd: parseMs('updated_at_end', q.updated_at_end),
        },
        limit,
        cursor(q.offset, SORT),
      );
      const toWire = await postingWireMapper(db, ctx, p.accountId, rows, expand);
      return page(rows, limit, SORT, (r): SortKey => [r.created_at.getTime(), r.id], toWire);
    },
  );

  app.get(
    '/postings/deleted',
    { config: { permission: 'deleted_postings:list' }, schema: { querystring: DeletedPostingsQuery } },
    async (request) => {
      const p = principalOf(request);
      const q = request.query;
      const limit = parseLimit(q.limit);
      const range = {
        start: parseMs('deleted_at_start', q.deleted_at_start),
        end: parseMs('deleted_at_end', q.deleted_at_end),
      };
      const rows = await listDeletedPostings(db, p.accountId, range, limit, cursor(q.offset, DELETED_SORT));
      return page(
        rows,
        limit,
        DELETED_SORT,
        (r): SortKey => [r.deleted_at.getTime(), r.id],
        toDeletedPosting,
      );
    },
  );

  app.get(
    '/postings/:posting',
    {
      config: { permission: 'postings:read' },
      schema: { params: PostingParams, querystring: GetPostingQuery },
    },
    async (request) => {
      const p = principalOf(request);
      const expand = parseList('expand', request.query.expand, POSTING_EXPANDS);
      parseList('include', request.query.include, ['content', 'followers'] as const);
      const row = await findVisiblePosting(db, p, request.params.posting);
      if (!row) throw notFound(request.params.posting);
      return { data: (await postingWireMapper(db, ctx, p.accountId, [row], expand))(row) };
    },
  );

  app.post(
    '/postings',
    {
      config: { permission: 'postings:create' },
      schema: { querystring: PerformAsQuery, body: PostingCreateBody },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const row = await db.transaction().execute(async (trx) => {
        const performAs = await checkPerformAs(trx, p.accountId, request.query.perform_as, true);
        return createPosting(trx, ctx.events, p, performAs as string, request.body);
      });
      return reply
        .code(201)
        .send({ data: (await postingWireMapper(db, ctx, p.accountId, [row], new Set()))(row) });
    },
  );

  app.post(
    '/postings/:posting',
    {
      config: { permission: 'postings:update' },
      schema: { params: PostingParams, querystring: PerformAsQuery, body: PostingUpdateBody },
    },
    async (request) => {
      const p = principalOf(request);
      const row = await db.transaction().execute(async (trx) => {
        await checkPerformAs(trx, p.accountId, request.query.perform_as, false);
        return updatePostingById(trx, ctx.events, p, request.params.posting, request.body);
      });
      if (!row) throw notFound(request.params.posting);
      return { data: (await postingWireMapper(db, ctx, p.accountId, [row], new Set()))(row) };
    },
  );

  app.delete(
    '/postings/:posting',
    {
      config: { permission: 'postings:delete' },
      schema: { params: PostingParams, querystring: PerformAsQuery },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const deleted = await db.transaction().execute(async (trx) => {
        await checkPerformAs(trx, p.accountId, request.query.perform_as, false);
        return deletePostingById(trx, ctx.events, p, request.params.posting);
      });
      if (!deleted) throw notFound(request.params.posting);
      return reply.code(204).send();
    },
  );

  await registerPostingApplyRoutes(app, ctx);
}
