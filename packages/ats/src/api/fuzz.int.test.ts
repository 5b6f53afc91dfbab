// Property test (issue 3, "Bad input"): random query strings and bodies against every /v1 route in the
// OpenAPI document never produce a 5xx, and a refused request changes nothing. fast-check generates the
// inputs from a fixed seed (reproducible); the request count is bounded so the test stays fast.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  countRows,
  createAtsTestApp,
  createTestTenant,
  type AtsTestApp,
  type TestTenant,
} from '../test-support.ts';

const SEED = 20261123;
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);

/** Parameter names the API knows, plus junk: values come from a hostile pool. */
const PARAM_NAMES = [
  'limit',
  'offset',
  'expand',
  'include',
  'tag',
  'email',
  'origin',
  'source',
  'confidentiality',
  'stage_id',
  'posting_id',
  'archived',
  'archive_reason_id',
  'snoozed',
  'contact_id',
  'created_at_start',
  'updated_at_end',
  'state',
  'distribution_channel',
  'team',
  'location',
  'type',
  'perform_as',
  'note_id',
  'includeDeactivated',
  'accessRole',
  'webhook_id',
  'event',
  'status',
  'deleted_at_start',
  'x',
  '__proto__',
  'constructor',
];
const hostileValue = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '-1',
    '0',
    '101',
    '1e309',
    'NaN',
    'True',
    'null',
    '[]',
    '{}',
    '%',
    '%E0%A4%A',
    '%255B%2522x%2522%255D',
  ),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'lead-new',
    'not-a-uuid',
    'a@b',
    "'; drop table x; --",
  ),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const queryString = fc
  .array(fc.tuple(fc.constantFrom(...PARAM_NAMES), hostileValue), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'name',
      'text',
      'emails',
      'stage',
      'reason',
      'tags',
      'sources',
      'links',
      'value',
      'score',
      'url',
      'event',
      'postings',
      'state',
      'categories',
      'configuration',
      'accessRole',
      'email',
      'origin',
      'archived',
    ),
    jsonValue,
  ),
  jsonValue,
  fc.string().map((s) => ({ raw: s })),
);

describe('fuzzing every /v1 route: no 5xx, nothing lost', () => {
  let t: AtsTestApp;
  let a: TestTenant;
  let routes: { method: string; path: string }[];
  before(async () => {
    t = await createAtsTestApp({ config: { allowPrivateWebhooks: false } });
    a = await createTestTenant(t.db);
    const doc = (await t.app.inject('/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
    );
  });
  after(() => t.close());

  it('answers every random request with < 500', async () => {
    const before = await countRows(t.db, 'ats.opportunity');
    const ids = ['00000000-0000-4000-8000-000000000000', 'x', '%2e%2e', 'lead-new'];
    let requests = 0;
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          queryString,
          body,
          fc.constantFrom(...ids),
          fc.boolean(),
          async (qs, payload, id, asText) => {
            const url = `/v1${route.path.replace(/\{\w+\}/g, id)}${qs ? `?${qs}` : ''}`;
            const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
            const res = await t.app.inject({
              method: route.method as 'GET',
              url,
              headers: {
                authorization: a.confidentialAuth,
                ...(hasBody && asText ? { 'content-type': 'application/json' } : {}),
              },
              ...(hasBody
                ? { payload: asText ? JSON.stringify(payload).slice(0, -1) : (payload as object) }
                : {}),
            });
            requests++;
            return (
              res.statusCode < 500 || assert.fail(`${route.method} ${url} → ${res.statusCode} ${res.body}`)
            );
          },
        ),
        { seed: SEED, numRuns: RUNS_PER_ROUTE },
      );
    }
    assert.ok(requests >= routes.length * RUNS_PER_ROUTE);
    // Random bodies never name a real posting or perform_as user, so no opportunity can have been created.
    assert.equal(await countRows(t.db, 'ats.opportunity'), before);
  });
});
