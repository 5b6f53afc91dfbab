// Opportunity files and resumes (reference §2.8): list, get, download (raw bytes; needs the `download`
// permission of its resource), and delete for files. Uploads (multipart) are in uploads.routes.ts.
import { Type } from 'typebox';
import type { Http } from '@hireloop/platform';
import type { PermissionKey } from '@hireloop/lever/permissions';
import { LeverFile, ListEnvelope, Resume, SingleEnvelope } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import {
  deleteFile,
  findOpportunityFile,
  listOpportunityFiles,
  readFileBytes,
  type FileKind,
} from '../../../domain/files/file.repository.ts';
import { toLeverFile, toLeverResume } from '../../../domain/files/file.wire.ts';
import { page } from '../../pagination.ts';
import { Limit, Offset, parseLimit } from '../../query.ts';
import {
  OpportunityParams,
  RecordParams,
  createdKey,
  keysetAfter,
  notFound,
  principalOf,
  recordId,
  sendDownload,
  visibleOpportunityOr404,
} from './records-common.ts';

interface Collection {
  /** Path segment and keyset sort name. */
  readonly path: 'files' | 'resumes';
  readonly kind: FileKind;
  readonly noun: string;
  readonly permission: { list: PermissionKey; read: PermissionKey; download: PermissionKey };
}

const FILES: Collection = {
  path: 'files',
  kind: 'file',
  noun: 'file',
  permission: { list: 'files:list', read: 'files:read', download: 'files:download' },
};
const RESUMES: Collection = {
  path: 'resumes',
  kind: 'resume',
  noun: 'resume',
  permission: { list: 'resumes:list', read: 'resumes:read', download: 'resumes:download' },
};

function registerCollection(app: Http, ctx: AtsContext, c: Collection): void {
  const { db, publicUrl } = ctx;
  const toWire = c.kind === 'resume' ? toLeverResume : toLeverFile;
  const item = c.kind === 'resume' ? Resume : LeverFile;

  const findFile = async (principal: ReturnType<typeof principalOf>, id: string, rid: string) => {
    const opportunity = await visibleOpportunityOr404(db, principal, id);
    const file = await findOpportunityFile(
      db,
      principal.accountId,
      opportunity.id,
      c.kind,
      recordId(rid, c.noun),
    );
    if (!file) throw notFound(c.noun);
    return file;
  };

  app.get(
    `/opportunities/:id/${c.path}`,
    {
      config: { permission: c.permission.list },
      schema: {
        params: OpportunityParams,
        querystring: Type.Object({ limit: Limit, offset: Offset }),
        response: { 200: ListEnvelope(item) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const limit = parseLimit(request.query.limit);
      const after = keysetAfter(c.path, request.query.offset);
      const opportunity = await visibleOpportunityOr404(db, principal, request.params.id);
      const rows = await listOpportunityFiles(db, {
        accountId: principal.accountId,
        opportunityId: opportunity.id,
        kind: c.kind,
        after,
        limit,
      });
      return page(rows, limit, c.path, createdKey, (f) => toWire(publicUrl, f));
    },
  );

  app.get(
    `/opportunities/:id/${c.path}/:rid`,
    {
      config: { permission: c.permission.read },
      schema: { params: RecordParams, response: { 200: SingleEnvelope(item) } },
    },
    async (request) => ({
      data: toWire(publicUrl, await findFile(principalOf(request), request.params.id, request.params.rid)),
    }),
  );

  app.get(
    `/opportunities/:id/${c.path}/:rid/download`,
    { config: { permission: c.permission.download }, schema: { params: RecordParams } },
    async (request, reply) => {
      const file = await findFile(principalOf(request), request.params.id, request.params.rid);
      const bytes = await readFileBytes(db, file.id);
      if (!bytes) throw notFound(c.noun);
      return sendDownload(reply, file, bytes);
    },
  );
}

export function registerFileRoutes(app: Http, ctx: AtsContext): void {
  registerCollection(app, ctx, FILES);
  registerCollection(app, ctx, RESUMES);

  app.delete(
    '/opportunities/:id/files/:rid',
    { config: { permission: 'files:delete' }, schema: { params: RecordParams } },
    async (request, reply) => {
      const principal = principalOf(request);
      await ctx.db.transaction().execute(async (trx) => {
        const opportunity = await visibleOpportunityOr404(trx, principal, request.params.id);
        const file = await findOpportunityFile(
          trx,
          principal.accountId,
          opportunity.id,
          'file',
          recordId(request.params.rid, 'file'),
        );
        if (!file || !(await deleteFile(trx, principal.accountId, file.id, new Date())))
          throw notFound('file');
      });
      return reply.code(204).send();
    },
  );
}
