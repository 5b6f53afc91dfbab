// Prometheus metrics (prom-client). One registry per process; /metrics serves it. Route labels use the
// route pattern (`/v1/opportunities/:id`), never the raw URL, so label cardinality stays bounded.
import client from 'prom-client';
import type { FastifyInstance } from 'fastify';

export function createMetrics(): {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
} {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'hireloop_' });
  const httpDuration = new client.Histogram({
    name: 'hireloop_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

export function installMetrics(app: FastifyInstance, metrics: ReturnType<typeof createMetrics>): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
