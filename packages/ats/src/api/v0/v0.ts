// The public Postings API v0 under /v0/postings (reference §6): no auth for reads, `?key=` for applying.
// One encapsulated scope so that its error body (`{ok: false, error}`), CORS headers and multipart parser
// apply here only.
//
// CORS: Lever allows only the company's own domains; Hireloop accounts have no domain on record, and the
// data is public and scrapeable anyway (§6), so reads allow any origin (`*`). Applying is not opened to
// other origins: the request carries the site's API key, which must not live in a browser page.
import type { FastifyInstance } from 'fastify';
import type { Http } from '@hireloop/platform';
import { toErrorBody } from '@hireloop/platform/http/error-handler';
import type { AtsContext } from '../../context.ts';
import { memoryRateLimiter, postgresRateLimiter, type BucketPolicy } from '../rate-limit.ts';
import { registerPostingsV0Routes } from './postings-v0.routes.ts';
import { registerApplyV0Routes, MAX_RESUME_BYTES } from './apply-v0.routes.ts';

/** Reference §6.3: more than 2 application POSTs per second per site → 429. */
export const APPLY_POLICY: BucketPolicy = Object.freeze({ ratePerSecond: 2, burst: 2 });

export async function registerV0(app: Http, ctx: AtsContext): Promise<void> {
  const runtime = ctx.runtime;
  // Shared across processes with PostgreSQL (the budget is per site, not per process).
  const applyLimiter =
    runtime.database.kind === 'postgres'
      ? postgresRateLimiter(runtime.db, APPLY_POLICY)
      : memoryRateLimiter(APPLY_POLICY);
  await app.register(
    async (scope) => {
      const v0 = scope as unknown as Http;
      v0.setErrorHandler((error, request, reply) => {
        const { status, body, headers } = toErrorBody(error, request.id);
        if (status >= 500) request.log.error({ err: error }, 'request failed');
        if (headers) void reply.headers(headers);
        return reply.code(status).send({ ok: false, error: body.message });
      });
      v0.addHook('onRequest', async (request, reply) => {
        if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
          void reply.header('access-control-allow-origin', '*');
          void reply.header('cross-origin-resource-policy', 'cross-origin');
        }
      });
      await (scope as unknown as FastifyInstance).register(import('@fastify/multipart'), {
        limits: { fileSize: MAX_RESUME_BYTES, files: 1, fields: 50, fieldSize: 100_000, parts: 60 },
      });
      registerPostingsV0Routes(v0, ctx);
      registerApplyV0Routes(v0, ctx, applyLimiter);
    },
    { prefix: '/v0' },
  );
}
