// The account's vocabulary under /v1 (reference §2.6, §2.12): users (users.routes.ts), stages and the
// disposition view, archive reasons, and the sources and tags in use. Every query is scoped by the
// caller's account; sources and tags also respect confidential visibility (taxonomy.repository.ts).
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import {
  ARCHIVE_REASON_TYPES,
  ArchiveReason,
  DispositionStages,
  ListEnvelope,
  SingleEnvelope,
  Source,
  Stage,
  Tag,
} from '@hireloop/lever/wire';
import type { AtsContext } from '../../context.ts';
import { findStageById, listStages } from '../../domain/stages/stage.repository.ts';
import { toLeverDispositionStage, toLeverStage } from '../../domain/stages/stage.wire.ts';
import {
  findArchiveReasonById,
  listArchiveReasons,
} from '../../domain/archive-reasons/archive-reason.repository.ts';
import {
  toLeverArchiveReason,
  toLeverDispositionReason,
} from '../../domain/archive-reasons/archive-reason.wire.ts';
import { listLabelCounts, type LabelColumn } from '../../domain/taxonomy/taxonomy.repository.ts';
import { decodeOffset, page } from '../pagination.ts';
import { Limit, Offset, Text, isUuid, parseEnum, parseLimit } from '../query.ts';
import type { Principal } from '../principal.ts';
import { registerUserRoutes } from './users.routes.ts';

const Paged = Type.Object({ limit: Limit, offset: Offset });

const principalOf = (request: { principal?: Principal }): Principal => {
  if (!request.principal) throw new AppError(Errors.Unauthorized);
  return request.principal;
};

function uuidAfter(token: string | undefined, sort: string): readonly [string, string] | undefined {
  if (!token) return undefined;
  const [text, id] = decodeOffset(token, sort, ['string', 'string']) as [string, string];
  if (!isUuid(id)) throw new AppError(Errors.InvalidOffsetToken);
  return [text, id];
}

export async function registerAccountDataRoutes(app: Http, ctx: AtsContext): Promise<void> {
  await registerUserRoutes(app, ctx);

  app.get(
    '/stages',
    {
      config: { permission: 'stages:list' },
      schema: {
        tags: ['Stages'],
        summary: 'List stages',
        description: 'In pipeline order. Built-in stages keep Lever ids (lead-new, applicant-new, offer, …).',
        querystring: Paged,
        response: { 200: ListEnvelope(Stage) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const limit = parseLimit(request.query.limit);
      const token = request.query.offset;
      const after = token
        ? (decodeOffset(token, 'stages', ['number', 'string']) as [number, string])
        : undefined;
      const rows = await listStages(ctx.db, accountId, { limit, after });
      return page(rows, limit, 'stages', (s) => [s.rank, s.id], toLeverStage);
    },
  );

  app.get(
    '/stages/:stage',
    {
      config: { permission: 'stages:read' },
      schema: {
        tags: ['Stages'],
        summary: 'Get a stage',
        params: Type.Object({ stage: Type.String({ description: 'Stage id (built-in slug or UUID)' }) }),
        response: { 200: SingleEnvelope(Stage) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const stage = await findStageById(ctx.db, accountId, request.params.stage);
      if (!stage) throw new AppError(Errors.NotFound, `No stage with id ${request.params.stage}`);
      return { data: toLeverStage(stage) };
    },
  );

  app.get(
    '/disposition_stages',
    {
      config: { permission: 'stages:list' },
      schema: {
        tags: ['Stages'],
        summary: 'List stages and archive reasons for dispositioning',
        description:
          'Stages with pipeline, rank and hasInterview; active archive reasons (type hired or null).',
        response: { 200: SingleEnvelope(DispositionStages) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const [stages, reasons] = await Promise.all([
        listStages(ctx.db, accountId),
        listArchiveReasons(ctx.db, accountId, { activeOnly: true }),
      ]);
      return {
        data: {
          stages: stages.map(toLeverDispositionStage),
          archiveReasons: reasons.map(toLeverDispositionReason),
        },
      };
    },
  );

  app.get(
    '/archive_reasons',
    {
      config: { permission: 'archive_reasons:list' },
      schema: {
        tags: ['Archive reasons'],
        summary: 'List archive reasons',
        querystring: Type.Object({ limit: Limit, offset: Offset, type: Text }),
        response: { 200: ListEnvelope(ArchiveReason) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const q = request.query;
      const limit = parseLimit(q.limit);
      const type = parseEnum('type', q.type === undefined ? undefined : [q.type], ARCHIVE_REASON_TYPES)?.[0];
      const rows = await listArchiveReasons(
        ctx.db,
        accountId,
        { type },
        { limit, after: uuidAfter(q.offset, 'archive_reasons') },
      );
      return page(rows, limit, 'archive_reasons', (r) => [r.text, r.id], toLeverArchiveReason);
    },
  );

  app.get(
    '/archive_reasons/:archiveReason',
    {
      config: { permission: 'archive_reasons:read' },
      schema: {
        tags: ['Archive reasons'],
        summary: 'Get an archive reason',
        params: Type.Object({ archiveReason: Type.String({ description: 'Archive reason id (UUID)' }) }),
        response: { 200: SingleEnvelope(ArchiveReason) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const id = request.params.archiveReason;
      const reason = isUuid(id) ? await findArchiveReasonById(ctx.db, accountId, id) : undefined;
      if (!reason) throw new AppError(Errors.NotFound, `No archive reason with id ${id}`);
      return { data: toLeverArchiveReason(reason) };
    },
  );

  const labels = (path: '/sources' | '/tags', column: LabelColumn, tag: string) =>
    app.get(
      path,
      {
        config: { permission: column === 'tags' ? 'tags:list' : 'sources:list' },
        schema: {
          tags: [tag],
          summary: `List ${column} in use`,
          description: `Each distinct ${column === 'tags' ? 'tag' : 'source'} on visible opportunities with how many carry it, in text order.`,
          querystring: Paged,
          response: { 200: ListEnvelope(column === 'tags' ? Tag : Source) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const limit = parseLimit(request.query.limit);
        const token = request.query.offset;
        const after = token ? (decodeOffset(token, column, ['string'])[0] as string) : undefined;
        const rows = await listLabelCounts(ctx.db, principal, column, limit, after);
        return page(
          rows,
          limit,
          column,
          (r) => [r.text],
          (r) => r,
        );
      },
    );
  labels('/sources', 'sources', 'Sources');
  labels('/tags', 'tags', 'Tags');
}
