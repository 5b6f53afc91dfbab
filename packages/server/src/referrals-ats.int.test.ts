// The referrals app against the REAL embedded ATS, both mounted in one listening server (as `npm start`):
// the app reaches the ATS only over HTTP (PUBLIC_URL), through "Sign in with Lever" with the ATS's own
// consent page, then sets up stages, its webhooks and a job sync through /v1.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import type { Http } from '@hireloop/platform';
import { atsContext } from '@hireloop/ats';
import { createTestTenant } from '@hireloop/ats/test-support';
import {
  Browser,
  csrfFrom,
  registerClient,
  setPassword,
  PASSWORD,
} from '@hireloop/ats/oauth/oauth-test-support';
import { referralsModule, createOrganizationWithAdmin } from '@hireloop/referrals';
import { setupConnection } from '@hireloop/referrals/jobs/referrals.jobs';
import { findConnection } from '@hireloop/referrals/domain/connection/connection.repository';
import { pagesClient } from '@hireloop/referrals/testing/pages-client';
import { buildApp } from './app.ts';
import { productModules } from './modules.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('referrals ↔ embedded ATS over HTTP', () => {
  let rt: TestRuntime;
  let app: Http;
  before(async () => {
    const port = await freePort();
    rt = await createTestRuntime(productModules, {
      publicUrl: `http://127.0.0.1:${port}`,
      allowPrivateWebhooks: true,
    });
    app = await buildApp(rt);
    await app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    await app?.close();
    await rt?.close();
  });

  it('connects with Sign in with Lever (ATS consent), then syncs stages and creates its webhooks', async () => {
    const ats = atsContext(rt);
    const ctx = referralsModule.context(rt);
    const tenant = await createTestTenant(ats.db);
    await setPassword(ats.db, tenant.superAdmin);
    const { clientId, clientSecret } = await registerClient(ats.db, {
      name: 'Hireloop Referrals',
      redirectUris: [`${ctx.publicUrl}/referrals/integrations/lever/callback`],
    });
    const { inviteUrl } = await createOrganizationWithAdmin(ctx, {
      name: 'Acme',
      adminEmail: 'ada@acme.test',
    });
    const referrals = pagesClient(app);
    await referrals.get(new URL(inviteUrl).pathname);
    assert.equal(
      (await referrals.post(new URL(inviteUrl).pathname, { name: 'Ada', password: 'correct horse battery' }))
        .status,
      303,
    );
    await referrals.get('/referrals/admin/integrations/lever');
    const started = await referrals.post('/referrals/admin/integrations/lever', {
      environment: 'embedded',
      clientId,
      clientSecret: clientSecret ?? '',
    });
    assert.equal(started.status, 303, started.body);
    const authorize = new URL(started.location!);
    assert.equal(authorize.pathname, '/oauth/authorize');

    const atsBrowser = new Browser(app);
    await atsBrowser.signIn(tenant.superAdmin.email, PASSWORD);
    const consent = await atsBrowser.get(`${authorize.pathname}${authorize.search}`);
    assert.equal(consent.statusCode, 200, consent.body);
    const accepted = await atsBrowser.post('/oauth/authorize', {
      ...Object.fromEntries(authorize.searchParams),
      _csrf: csrfFrom(consent.body),
      decision: 'accept',
    });
    assert.equal(accepted.statusCode, 303, accepted.body);
    const callback = new URL(String(accepted.headers.location));
    const done = await referrals.get(`${callback.pathname}${callback.search}`);
    assert.equal(done.status, 303);
    const connection = await findConnection(
      ctx.db,
      (await ctx.db.selectFrom('referrals.organization').select('id').executeTakeFirstOrThrow()).id,
    );
    assert.equal(connection?.status, 'connected', connection?.lastError ?? '');

    await setupConnection(ctx, connection!.organizationId);
    const stages = await ctx.db
      .selectFrom('referrals.stage')
      .select('ats_stage_id')
      .where('organization_id', '=', connection!.organizationId)
      .execute();
    assert.ok(stages.some((s) => s.ats_stage_id === 'applicant-new'));
    const subs = await ctx.db
      .selectFrom('referrals.webhook_subscription')
      .select('event')
      .where('organization_id', '=', connection!.organizationId)
      .execute();
    assert.ok(subs.length >= 5, `webhooks created: ${subs.map((s) => s.event).join(', ')}`);
    const [run] = await ctx.db
      .selectFrom('referrals.sync_run')
      .selectAll()
      .where('organization_id', '=', connection!.organizationId)
      .execute();
    assert.equal(run?.status, 'succeeded', run?.error ?? '');
  });
});
