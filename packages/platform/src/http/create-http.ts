// The Fastify instance every process builds: request ids, access log without PII, security headers,
// body parsers, the one error handler, health/readiness/metrics. It never listens — see
// packages/server/src/serve.ts for the one place that does.
import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { createAccessLog, urlForLog } from '../logger.ts';
import { installErrorHandling, type HtmlErrorRenderer } from './error-handler.ts';
import { createMetrics, installMetrics } from './metrics.ts';
import { lazyChildLoggerFactory } from './request-logger.ts';
import { securityHeadersFor } from './security-headers.ts';

/** The app type every package registers routes on: TypeBox schemas give typed requests. */
export type Http = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface CreateHttpOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly readiness: readonly ReadinessCheck[];
  /** Page owners register an HTML renderer so browsers get an error page instead of JSON. */
  readonly htmlErrorRenderer?: () => HtmlErrorRenderer | undefined;
  /** Max JSON/form body in bytes (uploads have their own multipart limits). */
  readonly bodyLimit?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function createHttp(options: CreateHttpOptions): Promise<Http> {
  const { config, logger } = options;
  const app = Fastify({
    loggerInstance: logger,
    // Our onResponse hook logs requests with the query string stripped (it may carry emails or tokens).
    logController: new LogController({ disableRequestLogging: true }),
    // request.log becomes a pino child only when a handler logs (most never do).
    childLoggerFactory: lazyChildLoggerFactory,
    trustProxy: config.trustProxy,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    ajv: {
      customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as Http;

  const securityHeaders = securityHeadersFor(config);
  app.addHook('onRequest', (request, reply, done) => {
    const set = request.routeOptions.config.securityHeaders ?? 'document';
    void reply.header('x-request-id', request.id).headers(securityHeaders[set]);
    done();
  });
  // One access line per request, with a fixed shape and no personal data (the query string is stripped), so it
  // skips pino's redaction pass and is formatted by createAccessLog (logger.ts).
  const accessLog = createAccessLog(logger);
  app.addHook('onResponse', (request, reply, done) => {
    accessLog(
      request.id,
      request.method,
      urlForLog(request.url),
      reply.statusCode,
      Math.round(reply.elapsedTime),
    );
    done();
  });

  await app.register(import('@fastify/formbody'));
  await installErrorHandling(
    app as unknown as FastifyInstance,
    options.htmlErrorRenderer ?? (() => undefined),
  );

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(
      options.readiness.map(async (r) => {
        try {
          await r.check();
          return [r.name, 'ok'] as const;
        } catch {
          return [r.name, 'failing'] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const ok = results.every(([, s]) => s === 'ok');
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks });
  });
  installMetrics(app as unknown as FastifyInstance, createMetrics());
  return app;
}
