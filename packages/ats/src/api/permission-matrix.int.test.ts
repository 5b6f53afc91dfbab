// The permission matrix (issue 3): every /v1 route in the OpenAPI document (so a route missing from the
// document fails too) is called with no credentials, a key lacking exactly its permission, a key holding
// only its permission, another account's key, and as a limited team member. 0 leaks allowed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PERMISSIONS, type PermissionKey } from '@hireloop/lever/permissions';
import { scopeForPermission } from '@hireloop/lever/scopes';
import { createAtsTestApp, createTestTenant, type AtsTestApp, type TestTenant } from '../test-support.ts';
import { storeFile } from '../domain/files/file.service.ts';
import { createReferral } from '../domain/referrals/referral.service.ts';
import { createOffer } from '../domain/offers/offer.service.ts';
import { scopedPrincipal } from './auth.ts';

interface Route {
  method: string;
  path: string;
  permission: PermissionKey | undefined;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('permission matrix over every /v1 route', () => {
  let t: AtsTestApp;
  let a: TestTenant;
  let b: TestTenant;
  let routes: Route[];
  /** Real ids of tenant A, by path parameter. */
  const ids: Record<string, string> = {};
  const LIMITED_TOKEN = `limited-${randomUUID()}`;

  before(async () => {
    t = await createAtsTestApp({ config: { allowPrivateWebhooks: true } });
    a = await createTestTenant(t.db);
    b = await createTestTenant(t.db);
    const doc = (await t.app.inject('/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, { 'x-permission'?: PermissionKey }>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        permission: op['x-permission'],
      })),
    );
    // A limited team member of tenant A with every permission: only visibility may stop them.
    t.ctx.bearerResolvers.push(async (token) =>
      token === LIMITED_TOKEN
        ? scopedPrincipal(
            {
              credentialId: 'limited-test',
              accountId: a.account.id,
              userId: a.limitedMember.id,
              confidential: true,
              limitedToUserId: a.limitedMember.id,
            },
            [...new Set(PERMISSIONS.map((p) => scopeForPermission(p)))],
          )
        : undefined,
    );
    const call = async (method: string, url: string, payload?: unknown) => {
      const res = await t.app.inject({
        method: method as 'POST',
        url,
        payload: payload as object,
        headers: { authorization: a.confidentialAuth },
      });
      assert.ok(res.statusCode < 300, `${method} ${url} → ${res.statusCode} ${res.body}`);
      return res.json().data;
    };
    const posting = await call('POST', `/v1/postings?perform_as=${a.superAdmin.id}`, {
      text: 'Matrix Engineer',
      state: 'published',
      categories: { team: 'Platform', location: 'Remote' },
    });
    const opp = await call('POST', `/v1/opportunities?perform_as=${a.superAdmin.id}`, {
      name: 'Mat Rix',
      emails: ['mat@example.com'],
      postings: [posting.id],
      tags: ['Referral'],
    });
    const note = await call('POST', `/v1/opportunities/${opp.id}/notes?perform_as=${a.superAdmin.id}`, {
      value: 'Strong candidate',
    });
    const webhook = await call('POST', '/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      event: 'candidateHired',
    });
    const oppRow = await t.db
      .selectFrom('ats.opportunity')
      .selectAll()
      .where('id', '=', opp.id)
      .executeTakeFirstOrThrow();
    const file = await storeFile(t.db, {
      accountId: a.account.id,
      opportunityId: opp.id,
      kind: 'file',
      name: 'portfolio.pdf',
      bytes: PDF,
    });
    const resume = await storeFile(t.db, {
      accountId: a.account.id,
      opportunityId: opp.id,
      kind: 'resume',
      name: 'cv.pdf',
      bytes: PDF,
    });
    const referral = await createReferral(t.db, {
      opportunity: oppRow,
      referrerId: a.superAdmin.id,
      referrerName: 'Sam Super',
    });
    const offer = await createOffer(t.db, {
      opportunity: oppRow,
      status: 'signed',
      signedDocument: { name: 'offer.pdf', bytes: PDF },
    });
    // A custom stage (UUID): built-in stage ids like `lead-new` are the same in every account.
    const stage = await t.db
      .selectFrom('ats.stage')
      .select('id')
      .where('account_id', '=', a.account.id)
      .where('pipeline', '=', 'screen')
      .executeTakeFirstOrThrow();
    const reason = await t.db
      .selectFrom('ats.archive_reason')
      .select('id')
      .where('account_id', '=', a.account.id)
      .executeTakeFirstOrThrow();
    Object.assign(ids, {
      posting: posting.id,
      opportunity: opp.id,
      contact: oppRow.contact_id,
      aid: opp.applications[0],
      nid: note.id,
      webhook: webhook.id,
      file: file.id,
      resume: resume.id,
      referral: referral.id,
      offer: offer.id,
      user: a.superAdmin.id,
      stage: stage.id,
      archiveReason: reason.id,
    });
  });
  after(() => t.close());

  /** Fills path parameters with tenant A's real ids (or random ones when `real` is false). */
  function fill(path: string, real: boolean): string {
    const pick = (key: string) => (real ? (ids[key] ?? randomUUID()) : randomUUID());
    return `/v1${path}`.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'id') {
        if (path.startsWith('/contacts')) return pick('contact');
        if (path.startsWith('/webhooks')) return pick('webhook');
        if (path.startsWith('/webhook_deliveries')) return randomUUID();
        return pick('opportunity');
      }
      if (name === 'rid') {
        if (path.includes('/files/')) return pick('file');
        if (path.includes('/resumes/')) return pick('resume');
        if (path.includes('/referrals/')) return pick('referral');
        if (path.includes('/offers/')) return pick('offer');
      }
      return pick(name);
    });
  }
  const inject = (method: string, url: string, authorization?: string) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: authorization ? { authorization } : {},
      ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
    });

  it('covers every authenticated route, and every route names its permission', () => {
    const authenticated = routes.filter((r) => !['/openapi.json', '/docs'].includes(r.path));
    assert.ok(authenticated.length >= 60, `only ${authenticated.length} routes in the OpenAPI document`);
    const withoutPermission = authenticated.filter((r) => !r.permission).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(withoutPermission, ['GET /credential']);
  });

  it('no credentials → 401 everywhere', async () => {
    for (const r of routes.filter((r) => r.permission)) {
      const res = await inject(r.method, fill(r.path, true));
      assert.equal(res.statusCode, 401, `${r.method} ${r.path}`);
    }
  });

  it("a key lacking exactly the route's permission → 403 naming it; a key with only it gets past auth", async () => {
    const all = PERMISSIONS.map((p) => p.key);
    for (const r of routes.filter((r) => r.permission)) {
      const permission = r.permission as PermissionKey;
      const without = await a.key(
        all.filter((p) => p !== permission),
        true,
      );
      const denied = await inject(r.method, fill(r.path, false), without);
      assert.equal(denied.statusCode, 403, `${r.method} ${r.path} without ${permission}`);
      assert.deepEqual(
        [denied.json().code, denied.json().permission],
        ['MissingPermissionError', permission],
      );
      const only = await a.key([permission], true);
      // Random ids: the resource is missing (404) or the empty body invalid (400) — never 401/403.
      const allowed = await inject(r.method, fill(r.path, false), only);
      assert.ok(
        ![401, 403].includes(allowed.statusCode),
        `${r.method} ${r.path} with only ${permission} → ${allowed.statusCode} ${allowed.body}`,
      );
    }
  });

  it("another account's key never sees or changes tenant A's records", async () => {
    const secretIds = Object.values(ids);
    for (const r of routes.filter((r) => r.permission)) {
      const res = await inject(r.method, fill(r.path, true), b.confidentialAuth);
      if (r.path.includes('{')) {
        // 415: an upload route refuses a JSON body before it looks anything up — nothing is revealed.
        assert.ok(
          [400, 404, 415].includes(res.statusCode),
          `${r.method} ${r.path} by another account → ${res.statusCode} ${res.body}`,
        );
      } else {
        for (const id of secretIds)
          assert.equal(res.body.includes(id), false, `${r.method} ${r.path} leaked ${id}`);
      }
    }
    // Tenant A's records are intact after the sweep.
    const opp = await t.app.inject({
      url: `/v1/opportunities/${ids.opportunity}`,
      headers: { authorization: a.confidentialAuth },
    });
    assert.equal(opp.statusCode, 200);
    assert.deepEqual(opp.json().data.tags.includes('Referral'), true);
    const note = await t.app.inject({
      url: `/v1/opportunities/${ids.opportunity}/notes/${ids.nid}`,
      headers: { authorization: a.confidentialAuth },
    });
    assert.equal(note.statusCode, 200);
  });

  it('a limited team member sees nothing of a posting they are not on', async () => {
    const bearer = `Bearer ${LIMITED_TOKEN}`;
    for (const r of routes.filter(
      (r) => r.method === 'GET' && (r.path.startsWith('/opportunities') || r.path.startsWith('/contacts')),
    )) {
      const res = await inject('GET', fill(r.path, true), bearer);
      if (r.path.includes('{')) assert.equal(res.statusCode, 404, `${r.path} → ${res.statusCode}`);
      else assert.equal(res.body.includes(ids.opportunity ?? '-'), false, `${r.path} leaked the opportunity`);
    }
    // Made a follower of the posting, they see it.
    await t.db
      .updateTable('ats.posting')
      .set({ followers: [a.limitedMember.id] })
      .where('id', '=', ids.posting ?? '')
      .execute();
    const res = await inject('GET', `/v1/opportunities/${ids.opportunity}`, bearer);
    assert.equal(res.statusCode, 200);
  });
});
