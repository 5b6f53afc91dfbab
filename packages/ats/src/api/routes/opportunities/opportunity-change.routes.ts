// Changes to one opportunity (reference §2.3): PUT stage, PUT archived (archive / unarchive / hire),
// POST add/remove Tags, Sources, Links, and DELETE (extension, soft delete). Each opens its transaction
// here, at the edge; the domain functions report state changes through the events port in it.
import { Type } from 'typebox';
import type { Http } from '@hireloop/platform';
import type { PermissionKey } from '@hireloop/lever/permissions';
import { LinksUpdate, SingleEnvelope, SourcesUpdate, StageUpdate, TagsUpdate } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import { Text } from '../../query.ts';
import {
  changeArchived,
  changeLabels,
  changeStage,
  deleteOpportunity,
  type LabelField,
} from '../../../domain/opportunities/opportunity-change.service.ts';
import { IdParams } from './opportunity-read.routes.ts';
import { jsonSerializer } from '../../json-text.ts';
import { opportunityWriter } from '../../../domain/opportunities/opportunity.wire.ts';
import {
  actingUserId,
  asJsonText,
  principalOf,
  writtenOpportunity,
  OpportunitySchema,
} from './opportunity-route-support.ts';

const TAGS = ['Opportunities'];
const PerformAs = Type.Object({ perform_as: Text });
const Written = { 200: asJsonText(SingleEnvelope(OpportunitySchema)) };

// `{type: [string, null]}` rather than anyOf: Ajv's coercion would turn null into "" in an anyOf's string
// branch, and `reason: null` (unarchive) must stay null.
const ArchivedBody = Type.Object({
  reason: Type.Unsafe<string | null>({
    type: ['string', 'null'],
    description: 'Archive reason id; null unarchives',
  }),
  cleanInterviews: Type.Optional(Type.Boolean()),
  requisitionId: Type.Optional(Type.String()),
});

const LABELS: {
  field: LabelField;
  body: typeof TagsUpdate | typeof SourcesUpdate | typeof LinksUpdate;
  permission: PermissionKey;
  name: string;
}[] = [
  { field: 'tags', body: TagsUpdate, permission: 'opportunity_tags:update', name: 'Tags' },
  { field: 'sources', body: SourcesUpdate, permission: 'opportunity_sources:update', name: 'Sources' },
  { field: 'links', body: LinksUpdate, permission: 'opportunity_links:update', name: 'Links' },
];

export async function registerOpportunityChangeRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const write = opportunityWriter(ctx.publicUrl);

  app.put(
    '/opportunities/:id/stage',
    {
      config: { permission: 'opportunity_stage:update' },
      serializerCompiler: jsonSerializer,
      schema: {
        tags: TAGS,
        summary: 'Change the stage',
        params: IdParams,
        querystring: PerformAs,
        body: StageUpdate,
        response: Written,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return db.transaction().execute(async (trx) => {
        const userId = await actingUserId(trx, principal, request.query.perform_as);
        const o = await changeStage(
          trx,
          ctx.events,
          principal,
          request.params.id.toLowerCase(),
          request.body.stage,
          userId,
        );
        return writtenOpportunity(trx, principal.accountId, o.id, write);
      });
    },
  );

  app.put(
    '/opportunities/:id/archived',
    {
      config: { permission: 'opportunity_archived:update' },
      serializerCompiler: jsonSerializer,
      schema: {
        tags: TAGS,
        summary: 'Archive, unarchive or hire',
        params: IdParams,
        querystring: PerformAs,
        body: ArchivedBody,
        response: Written,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return db.transaction().execute(async (trx) => {
        await actingUserId(trx, principal, request.query.perform_as);
        const o = await changeArchived(
          trx,
          ctx.events,
          principal,
          request.params.id.toLowerCase(),
          request.body,
        );
        return writtenOpportunity(trx, principal.accountId, o.id, write);
      });
    },
  );

  for (const label of LABELS) {
    for (const op of ['add', 'remove'] as const) {
      app.post(
        `/opportunities/:id/${op}${label.name}`,
        {
          config: { permission: label.permission },
          serializerCompiler: jsonSerializer,
          schema: {
            tags: TAGS,
            summary: `${op === 'add' ? 'Add' : 'Remove'} ${label.field}`,
            params: IdParams,
            querystring: PerformAs,
            body: label.body,
            response: Written,
          },
        },
        async (request) => {
          const principal = principalOf(request);
          const values = (request.body as Record<LabelField, string[]>)[label.field];
          return db.transaction().execute(async (trx) => {
            await actingUserId(trx, principal, request.query.perform_as);
            const o = await changeLabels(
              trx,
              principal,
              request.params.id.toLowerCase(),
              label.field,
              op,
              values,
            );
            return writtenOpportunity(trx, principal.accountId, o.id, write);
          });
        },
      );
    }
  }

  app.delete(
    '/opportunities/:id',
    {
      config: { permission: 'opportunities:delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete an opportunity (Hireloop extension; soft delete)',
        params: IdParams,
        querystring: PerformAs,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await db.transaction().execute(async (trx) => {
        const userId = await actingUserId(trx, principal, request.query.perform_as);
        await deleteOpportunity(trx, ctx.events, principal, request.params.id.toLowerCase(), userId);
      });
      return reply.code(204).send();
    },
  );
}
