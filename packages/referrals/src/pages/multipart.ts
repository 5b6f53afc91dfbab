// Multipart forms of the referrals pages (refer with a resume, candidate apply). @fastify/multipart in
// keyValues mode turns fields into strings before the CSRF check (preHandler) runs, and files into
// {name, type, bytes}; limits bound what a form may carry.
import type { FastifyInstance } from 'fastify';
import type { Upload } from '../domain/portal/portal-errors.ts';
import { MAX_UPLOAD_BYTES } from '../domain/portal/portal-errors.ts';

export async function registerMultipart(scope: FastifyInstance): Promise<void> {
  await scope.register(import('@fastify/multipart'), {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 2, fields: 30, fieldSize: 64 * 1024 },
    async onFile(part) {
      const bytes = await part.toBuffer();
      (part as unknown as { value: Upload }).value = { name: part.filename, type: part.mimetype, bytes };
    },
  });
}

export const uploadValue = (body: unknown, name: string): Upload | undefined => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return v && typeof v === 'object' && 'bytes' in v && Buffer.isBuffer((v as Upload).bytes)
    ? (v as Upload)
    : undefined;
};
