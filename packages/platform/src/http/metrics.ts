// Prometheus metrics (prom-client). One registry per process; /metrics serves it. Route labels use the
// route pattern (`/v1/opportunities/:id`), never the raw URL, so label cardinality stays bounded.
import client from 'prom-client';
import type { FastifyInstance } from 'fastify';

export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** What the registry reads from a metric (prom-client's own types do not export it). */
interface HistogramSnapshot {
  readonly name: string;
  readonly help: string;
  readonly type: 'histogram';
  readonly aggregator: 'sum';
  readonly values: { labels: Record<string, string | number>; value: number; metricName: string }[];
}

interface Series {
  readonly labels: { method: string; route: string; status: string };
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * `hireloop_http_request_duration_seconds{method,route,status}` counted here, one series per key string, and
 * handed to the registry in prom-client's histogram shape (the text is the same as a `client.Histogram` fed the
 * same observations: metrics.test.ts). prom-client's `observe` validates and hashes the label object on every
 * call, even through `.labels()`, which cost about 0.4 µs per request (BENCHMARKS.md, P1).
 */
export class HttpDurationHistogram {
  readonly name = 'hireloop_http_request_duration_seconds';
  readonly help = 'HTTP request duration by route pattern';
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly #series = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.#series.get(key);
    if (!series) {
      series = {
        labels: { method, route, status: String(status) },
        counts: new Array<number>(HTTP_DURATION_BUCKETS.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      this.#series.set(key, series);
    }
    let bucket = 0;
    while (bucket < HTTP_DURATION_BUCKETS.length && seconds > HTTP_DURATION_BUCKETS[bucket]!) bucket++;
    series.counts[bucket]! += 1;
    series.sum += seconds;
    series.count += 1;
  }

  get(): HistogramSnapshot {
    const values: HistogramSnapshot['values'] = [];
    for (const { labels, counts, sum, count } of this.#series.values()) {
      let cumulative = 0;
      HTTP_DURATION_BUCKETS.forEach((le, i) => {
        cumulative += counts[i]!;
        values.push({ labels: { le, ...labels }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', ...labels }, value: count, metricName: `${this.name}_bucket` });
      values.push({ labels, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.#series.clear();
  }
}

export function createMetrics(): { registry: client.Registry; httpDuration: HttpDurationHistogram } {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'hireloop_' });
  const httpDuration = new HttpDurationHistogram();
  registry.registerMetric(httpDuration as unknown as client.Metric);
  return { registry, httpDuration };
}

export function installMetrics(app: FastifyInstance, metrics: ReturnType<typeof createMetrics>): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
