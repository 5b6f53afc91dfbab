// The two multipart endpoints (reference §2.8): `POST /opportunities/:id/files` and `POST /uploads`, part
// name `file`, at most 30 MB. @fastify/multipart is registered in this encapsulated scope only, with
// limits, so no other route accepts multipart bodies; a non-multipart request is refused with 415 before
// its body is read. The bytes are buffered (≤ the limit) because they go into a bytea column anyway.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { LeverFile, SingleEnvelope, Upload } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import { MAX_FILE_BYTES, storeFile } from '../../../domain/files/file.service.ts';
import { toLeverFile, toLeverUpload } from '../../../domain/files/file.wire.ts';
import { Text } from '../../query.ts';
import {
  OpportunityParams,
  acceptOnly,
  performAs,
  principalOf,
  visibleOpportunityOr404,
} from './records-common.ts';

export interface UploadLimits {
  /** Largest accepted file in bytes (default 30 MB); tests use a small one. */
  readonly maxFileBytes?: number;
}

interface ReceivedFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

const tooLarge = (maxBytes: number): AppError =>
  new AppError(Errors.PayloadTooLarge, `The file is larger than the limit of ${maxBytes} bytes`, {
    details: { maxBytes },
  });

const missingFile = (): AppError =>
  new AppError(Errors.Validation, 'Invalid request: the multipart part `file` is required', {
    details: { fields: [{ field: 'file', in: 'body', message: 'is required' }] },
  });

/** Maps multipart failures: too large → 413 naming the limit; busboy's own parse errors (no code) → 400. */
function uploadError(e: unknown, maxBytes: number): unknown {
  const err = e as { code?: string; statusCode?: number; message?: string };
  if (err.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (e instanceof AppError || (err.statusCode !== undefined && err.statusCode < 500)) return e;
  return new AppError(Errors.BadRequest, `The multipart body is malformed: ${err.message ?? 'unreadable'}`);
}

async function receiveFile(request: FastifyRequest, maxBytes: number): Promise<ReceivedFile> {
  try {
    const part = await request.file({ limits: { fileSize: maxBytes } });
    if (!part || part.fieldname !== 'file') throw missingFile();
    return { name: part.filename, contentType: part.mimetype, bytes: await part.toBuffer() };
  } catch (e) {
    throw uploadError(e, maxBytes);
  }
}

export async function registerUploadRoutes(
  app: Http,
  ctx: AtsContext,
  limits: UploadLimits = {},
): Promise<void> {
  const maxBytes = limits.maxFileBytes ?? MAX_FILE_BYTES;
  const { db, publicUrl } = ctx;

  await app.register(async (scope) => {
    const s = scope as unknown as Http;
    await s.register(import('@fastify/multipart'), {
      limits: {
        fileSize: maxBytes,
        files: 1,
        fields: 10,
        parts: 12,
        fieldSize: 1024,
        fieldNameSize: 100,
        headerPairs: 100,
      },
    });
    s.addHook('preParsing', acceptOnly(['multipart/form-data']));

    s.post(
      '/opportunities/:id/files',
      {
        config: { permission: 'files:create' },
        schema: {
          params: OpportunityParams,
          querystring: Type.Object({ perform_as: Text }),
          response: { 201: SingleEnvelope(LeverFile) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        // Check visibility and perform_as before reading the body: a refused upload is never buffered.
        const opportunity = await visibleOpportunityOr404(db, principal, request.params.id);
        const userId = await performAs(db, principal, request.query.perform_as);
        const received = await receiveFile(request, maxBytes);
        const file = await db.transaction().execute((trx) =>
          storeFile(trx, {
            accountId: principal.accountId,
            opportunityId: opportunity.id,
            kind: 'file',
            userId,
            maxBytes,
            ...received,
          }),
        );
        return reply.code(201).send({ data: toLeverFile(publicUrl, file) });
      },
    );

    s.post(
      '/uploads',
      { config: { permission: 'uploads:create' }, schema: { response: { 201: SingleEnvelope(Upload) } } },
      async (request, reply) => {
        const principal = principalOf(request);
        const received = await receiveFile(request, maxBytes);
        const file = await db.transaction().execute((trx) =>
          storeFile(trx, {
            accountId: principal.accountId,
            opportunityId: null,
            kind: 'upload',
            userId: principal.userId ?? null,
            maxBytes,
            ...received,
          }),
        );
        return reply.code(201).send({ data: toLeverUpload(publicUrl, file) });
      },
    );
  });
}
