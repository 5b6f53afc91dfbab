import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import client from 'prom-client';
import { HTTP_DURATION_BUCKETS, HttpDurationHistogram } from './metrics.ts';

describe('HTTP duration histogram', () => {
  it("exports the same text as prom-client's Histogram fed the same observations", async () => {
    const observations = [
      ['GET', '/v1/credential', 200, 0.0004],
      ['GET', '/v1/credential', 200, 0.005], // on a bound: counted in that bucket (le)
      ['GET', '/v1/credential', 429, 0.02],
      ['POST', '/v1/opportunities', 201, 0.3],
      ['GET', 'unmatched', 404, 7], // above every bound: only +Inf, sum and count
      ['GET', '/v1/credential', 200, 1.5],
    ] as const;
    const ours = new client.Registry();
    const histogram = new HttpDurationHistogram();
    ours.registerMetric(histogram as unknown as client.Metric);
    const reference = new client.Registry();
    const theirs = new client.Histogram({
      name: 'hireloop_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [...HTTP_DURATION_BUCKETS],
      registers: [reference],
    });
    for (const [method, route, status, seconds] of observations) {
      histogram.observe(method, route, status, seconds);
      theirs.observe({ method, route, status: String(status) }, seconds);
    }
    const text = await ours.metrics();
    assert.equal(text, await reference.metrics());
    assert.match(text, /_bucket\{le="0.005",method="GET",route="\/v1\/credential",status="200"\} 2\n/);
  });
});
