// GET /opportunities/:id/applications[/:aid] and GET /applications/deleted (reference §2.5). An
// opportunity has at most one application, so its list is one page; deleted ones are keyset pages.
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { Application, ListEnvelope, SingleEnvelope } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import { page } from '../../pagination.ts';
import { parseLimit, parseMs } from '../../query.ts';
import {
  listApplicationViews,
  listDeletedApplications,
} from '../../../domain/opportunities/application.repository.ts';
import { toLeverApplication } from '../../../domain/opportunities/application.wire.ts';
import { findVisibleOpportunity } from '../../../domain/opportunities/visibility.ts';
import { opportunityNotFound } from '../../../domain/opportunities/opportunity-change.service.ts';
import { DeletedQuery, IdParams, cursorAfter } from './opportunity-read.routes.ts';
import { principalOf } from './opportunity-route-support.ts';

const TAGS = ['Applications'];

export async function registerApplicationRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;

  const visibleId = async (
    request: { principal?: unknown; params: { id: string } },
    principal: ReturnType<typeof principalOf>,
  ) => {
    const o = await findVisibleOpportunity(db, principal, request.params.id.toLowerCase());
    if (!o) throw opportunityNotFound();
    return o.id;
  };

  app.get(
    '/opportunities/:id/applications',
    {
      config: { permission: 'applications:list' },
      schema: {
        tags: TAGS,
        summary: 'List an opportunity’s applications',
        params: IdParams,
        response: { 200: ListEnvelope(Application) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const rows = await listApplicationViews(db, [await visibleId(request, principal)]);
      return { data: rows.map(toLeverApplication), hasNext: false };
    },
  );

  app.get(
    '/opportunities/:id/applications/:aid',
    {
      config: { permission: 'applications:read' },
      schema: {
        tags: TAGS,
        summary: 'Get an application',
        params: Type.Object({ id: Type.String(), aid: Type.String() }),
        response: { 200: SingleEnvelope(Application) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const [row] = await listApplicationViews(
        db,
        [await visibleId(request, principal)],
        request.params.aid.toLowerCase(),
      );
      if (!row) throw new AppError(Errors.NotFound, 'That application does not exist on your account');
      return { data: toLeverApplication(row) };
    },
  );

  app.get(
    '/applications/deleted',
    {
      config: { permission: 'deleted_applications:list' },
      schema: {
        tags: TAGS,
        summary: 'List deleted applications',
        querystring: DeletedQuery,
        response: {
          200: ListEnvelope(
            Type.Object({ id: Type.String(), opportunityId: Type.String(), deletedAt: Type.Number() }),
          ),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const limit = parseLimit(q.limit);
      const deletedAt = {
        start: parseMs('deleted_at_start', q.deleted_at_start),
        end: parseMs('deleted_at_end', q.deleted_at_end),
      };
      const rows = await listDeletedApplications(db, principal, {
        deletedAt,
        after: cursorAfter('deleted-applications', q.offset),
        limit,
      });
      return page(
        rows,
        limit,
        'deleted-applications',
        (r) => [Number(r.deleted_us), r.id],
        (r) => ({ id: r.id, opportunityId: r.opportunity_id, deletedAt: r.deleted_at.getTime() }),
      );
    },
  );
}
