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
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { urlForLog } from '../logger.ts';
import { installErrorHandling, type HtmlErrorRenderer } from './error-handler.ts';
import { createMetrics, installMetrics } from './metrics.ts';

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

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: urlForLog(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  // helmet's middleware, built once: @fastify/helmet rebuilds it (re-parsing the CSP) on every request, which
  // cost more than the rest of an API-key request (BENCHMARKS.md, P1).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // OAuth consent redirects to the client's registered redirect URI after the form post.
        formAction: null,
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https:'),
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, done);
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
