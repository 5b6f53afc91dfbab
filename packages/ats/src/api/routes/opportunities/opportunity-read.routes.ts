// GET /opportunities (every filter of reference §2.3, `expand`, `include`, keyset pages newest first),
// GET /opportunities/:id and GET /opportunities/deleted. A page is one query plus one per requested user or
// application expansion (opportunity-expand.ts), whatever its size.
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { DeletedItem, ListEnvelope, SingleEnvelope } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import { jsonSerializer } from '../../json-text.ts';
import { decodeOffset, page, pageText } from '../../pagination.ts';
import { Limit, Multi, Offset, Text, isUuid, parseLimit, parseList, parseMs } from '../../query.ts';
import {
  listDeletedOpportunities,
  listOpportunityWires,
  type OpportunityCursor,
} from '../../../domain/opportunities/opportunity.repository.ts';
import { loadExpansions } from '../../../domain/opportunities/opportunity-expand.ts';
import { opportunityWriter } from '../../../domain/opportunities/opportunity.wire.ts';
import { ListOpportunitiesQuery, parseOpportunityFilters } from './opportunity-list-query.ts';
import {
  asJsonText,
  parseExpand,
  principalOf,
  readOpportunity,
  ExpandableOpportunitySchema,
} from './opportunity-route-support.ts';

const TAGS = ['Opportunities'];
export const IdParams = Type.Object({ id: Type.String({ description: 'Opportunity id (UUID)' }) });

/** Decodes a keyset token [epoch µs, id] of the named sort; anything we did not issue is a 400. */
export function cursorAfter(sort: string, token: string | undefined): OpportunityCursor | undefined {
  if (token === undefined || token === '') return undefined;
  const [us, id] = decodeOffset(token, sort, ['number', 'string']) as [number, string];
  if (!Number.isSafeInteger(us) || us < 0 || !isUuid(id)) throw new AppError(Errors.InvalidOffsetToken);
  return [us, id];
}

export const DeletedQuery = Type.Object({
  deleted_at_start: Text,
  deleted_at_end: Text,
  limit: Limit,
  offset: Offset,
});

export async function registerOpportunityReadRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const write = opportunityWriter(ctx.publicUrl);

  app.get(
    '/opportunities',
    {
      config: { permission: 'opportunities:list' },
      serializerCompiler: jsonSerializer,
      schema: {
        tags: TAGS,
        summary: 'List opportunities',
        querystring: ListOpportunitiesQuery,
        response: { 200: asJsonText(ListEnvelope(ExpandableOpportunitySchema)) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const limit = parseLimit(q.limit);
      const filters = parseOpportunityFilters(q);
      const expand = parseExpand(q.expand);
      // Followers are always included (as Lever's recorded responses show); `include=followers` is accepted.
      parseList('include', q.include, ['followers'] as const);
      const after = cursorAfter('opportunities', q.offset);
      const rows = await listOpportunityWires(db, principal, { filters, after, limit });
      const x = await loadExpansions(db, principal.accountId, rows.slice(0, limit), expand);
      return pageText(
        rows,
        limit,
        'opportunities',
        (o) => [Number(o.created_us), o.id],
        (out, o) => write(out, o, x),
      );
    },
  );

  app.get(
    '/opportunities/deleted',
    {
      config: { permission: 'deleted_opportunities:list' },
      schema: {
        tags: TAGS,
        summary: 'List deleted opportunities',
        querystring: DeletedQuery,
        response: { 200: ListEnvelope(DeletedItem) },
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
      const rows = await listDeletedOpportunities(db, principal, {
        deletedAt,
        after: cursorAfter('deleted-opportunities', q.offset),
        limit,
      });
      return page(
        rows,
        limit,
        'deleted-opportunities',
        (r) => [Number(r.deleted_us), r.id],
        (r) => ({ id: r.id, deletedAt: r.deleted_at.getTime() }),
      );
    },
  );

  app.get(
    '/opportunities/:id',
    {
      config: { permission: 'opportunities:read' },
      serializerCompiler: jsonSerializer,
      schema: {
        tags: TAGS,
        summary: 'Get an opportunity',
        params: IdParams,
        querystring: Type.Object({ expand: Multi }),
        response: { 200: asJsonText(SingleEnvelope(ExpandableOpportunitySchema)) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return readOpportunity(db, principal, request.params.id, parseExpand(request.query.expand), write);
    },
  );
}
