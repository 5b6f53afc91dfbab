// The onboarding app against the REAL embedded ATS in one listening server (as `npm start`), in a browser:
// people ops connect by Sign in with Lever (ATS sign-in + consent) → the app creates its webhooks → a hire
// in the ATS (PUT /v1/opportunities/:id/archived with the Hired reason) becomes a new hire with office, team,
// start date from the offer, journey and welcome mail within seconds; an unmatched location waits in the
// queue until mapped; after token regeneration the old token is refused; an unhire cancels the journey; a
// start-date change moves the due dates. axe (0 serious/critical) on every onboarding page; screenshots
// (1280, 390) under test-results/screenshots/onboarding/.
import assert from 'node:assert/strict';
import { signLever } from '@hireloop/lever';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { atsContext } from '@hireloop/ats';
import { createOffer } from '@hireloop/ats/domain/offers/offer.service';
import {
  registerClient,
  setPassword,
  PASSWORD as ATS_PASSWORD,
} from '@hireloop/ats/oauth/oauth-test-support';
import { createTestTenant, type TestTenant } from '@hireloop/ats/test-support';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import type { Http } from '@hireloop/platform';
import {
  addTarget,
  createOrganizationWithAdmin,
  onboardingModule,
  type OnboardingContext,
} from '@hireloop/onboarding';
import { signatureSecrets } from '@hireloop/onboarding/domain/webhooks/subscription.service';
import { buildApp } from '../../packages/server/src/app.ts';
import { productModules } from '../../packages/server/src/modules.ts';
import { checkPage, launchChromium, screenshot } from './support/browser.ts';
import { freePort } from './support/careers-stack.ts';

const AREA = 'onboarding';
const PO_PASSWORD = 'correct horse battery';

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('onboarding ↔ embedded ATS in a browser', () => {
  let rt: TestRuntime;
  let app: Http;
  let url = '';
  let tenant: TestTenant;
  let ctx: OnboardingContext;
  let browser: Browser;
  let page: Page;
  let orgId = '';
  let hiredReason = '';
  const ats = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/v1${path}`, {
      method,
      headers: {
        authorization: tenant.confidentialAuth,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const as = () => `perform_as=${tenant.superAdmin.id}`;

  /** A posting at location/team with the tenant's admin as hiring manager, a candidate on it, and an offer. */
  const candidate = async (name: string, location: string, team: string, start: string) => {
    const posting = await ats<{ data: { id: string } }>('POST', `/postings?${as()}`, {
      text: `${team} Engineer`,
      state: 'published',
      distributionChannels: ['public'],
      hiringManager: tenant.superAdmin.id,
      categories: { location, team, commitment: 'Full-time' },
    });
    const opp = await ats<{ data: { id: string } }>('POST', `/opportunities?${as()}`, {
      name,
      emails: [`${name.split(' ')[0]!.toLowerCase()}@newhire.test`],
      postings: [posting.data.id],
    });
    const row = await atsContext(rt)
      .db.selectFrom('ats.opportunity')
      .selectAll()
      .where('id', '=', opp.data.id)
      .executeTakeFirstOrThrow();
    await createOffer(atsContext(rt).db, {
      opportunity: row,
      status: 'signed',
      startDate: new Date(`${start}T00:00:00Z`),
    });
    return { id: opp.data.id, row };
  };
  const hire = (id: string) => ats('PUT', `/opportunities/${id}/archived?${as()}`, { reason: hiredReason });
  const hireRow = (opportunityId: string) =>
    ctx.db
      .selectFrom('onboarding.new_hire')
      .selectAll()
      .where('opportunity_id', '=', opportunityId)
      .executeTakeFirst();

  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    rt = await createTestRuntime(productModules, {
      publicUrl: url,
      allowPrivateWebhooks: true,
      apiRatePerSecond: 100_000,
      apiRateBurst: 100_000,
    });
    try {
      app = await buildApp(rt);
      await app.listen({ port, host: '127.0.0.1' });
      await rt.queue.startWorkers();
      tenant = await createTestTenant(atsContext(rt).db);
      await setPassword(atsContext(rt).db, tenant.superAdmin);
      ctx = onboardingModule.context(rt);
      const { organization } = await createOrganizationWithAdmin(ctx, {
        name: 'Acme Robotics',
        slug: 'acme-e2e',
        adminEmail: 'people@acme.test',
        adminName: 'Pat People',
        password: PO_PASSWORD,
      });
      orgId = organization.id;
      for (const o of ['San Francisco, CA', 'Berlin']) await addTarget(ctx.db, orgId, 'location', o);
      for (const t of ['Platform', 'Firmware']) await addTarget(ctx.db, orgId, 'team', t);
      const reasons = await ats<{ data: { id: string; type: string }[] }>('GET', '/archive_reasons');
      hiredReason = reasons.data.find((r) => r.type === 'hired')!.id;
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('dialog', (d) => void d.accept());
    } catch (e) {
      await browser?.close();
      await app?.close();
      await rt?.close();
      throw e;
    }
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await rt?.close();
  });

  it('connects by Sign in with Lever in the browser; the app creates its webhooks', async () => {
    const { clientId, clientSecret } = await registerClient(atsContext(rt).db, {
      name: 'Hireloop Onboarding',
      redirectUris: [`${url}/onboarding/connect/callback`],
    });
    await page.goto(`${url}/onboarding/sign-in`);
    await checkPage(page, AREA, 'sign-in');
    await page.fill('#field-email', 'people@acme.test');
    await page.fill('#field-password', PO_PASSWORD);
    await page.click('button:has-text("Sign in")');
    await page.goto(`${url}/onboarding/connect`);
    await checkPage(page, AREA, 'connect-not-connected');
    await page.fill('#field-clientId', clientId);
    await page.fill('#field-clientSecret', clientSecret ?? '');
    await page.click('button:has-text("Sign in with Lever")');
    await page.waitForURL(/\/ats\/sign-in|\/oauth\/authorize/);
    if (page.url().includes('/ats/sign-in')) {
      await page.fill('#field-email', tenant.superAdmin.email);
      await page.fill('#field-password', ATS_PASSWORD);
      await page.click('button:has-text("Sign in")');
    }
    await page.waitForURL(/\/oauth\/authorize/);
    await screenshot(page, AREA, 'ats-consent');
    await page.click('button[value="accept"]');
    await page.waitForURL(/\/onboarding\/connect$/);
    await waitFor('webhooks', async () =>
      (await signatureSecrets(ctx, orgId)).length === 4 ? true : undefined,
    );
    await page.reload();
    assert.equal(await page.textContent('[data-testid="mode"]'), 'Sign in with Lever (OAuth)');
    await checkPage(page, AREA, 'connect-oauth');
  });

  it('a hire in the ATS appears within seconds with office, team, start date, journey and welcome mail', async () => {
    const c = await candidate('Ada Lovelace', 'San Francisco, CA', 'Platform', '2031-05-05');
    const t0 = Date.now();
    await hire(c.id);
    const row = await waitFor('new hire', async () => {
      const h = await hireRow(c.id);
      return h?.status === 'active' ? h : undefined;
    });
    assert.ok(Date.now() - t0 < 10_000);
    await page.goto(`${url}/onboarding/hires`);
    assert.ok((await page.textContent('main'))!.includes('Ada Lovelace'));
    await checkPage(page, AREA, 'hires');
    await page.goto(`${url}/onboarding/hires/${row.id}`);
    assert.equal(await page.textContent('[data-testid="office"]'), 'San Francisco, CA');
    assert.equal(await page.textContent('[data-testid="team"]'), 'Platform');
    assert.equal(await page.textContent('[data-testid="start-date"]'), '2031-05-05');
    assert.ok(await page.isVisible('[data-due="2031-04-28"]'), 'welcome pack due 7 days before');
    await checkPage(page, AREA, 'hire-journey');
    await waitFor('welcome mail', async () => {
      await page.goto(`${url}/mailbox`);
      return (await page.textContent('body'))!.includes('Welcome to Acme Robotics') ? true : undefined;
    });
    await screenshot(page, AREA, 'mailbox-welcome');
  });

  it('an unmatched location lands in the queue and proceeds after one-click mapping', async () => {
    const c = await candidate('Grace Hopper', 'Berlin, Germany', 'Firmware', '2031-06-02');
    await hire(c.id);
    await waitFor('queued hire', async () =>
      (await hireRow(c.id))?.status === 'needs_mapping' ? true : undefined,
    );
    await page.goto(`${url}/onboarding/hires/queue`);
    assert.ok((await page.textContent('main'))!.includes('Grace Hopper'));
    await checkPage(page, AREA, 'needs-mapping-queue');
    await page.goto(`${url}/onboarding/matching`);
    await page.click('button:has-text("Refresh from the ATS")');
    await checkPage(page, AREA, 'matching');
    await page.click('button:has-text("Map to Berlin")');
    const h = await waitFor('mapped hire', async () => {
      const r = await hireRow(c.id);
      return r?.status === 'active' ? r : undefined;
    });
    await page.goto(`${url}/onboarding/hires/${h.id}`);
    assert.equal(await page.textContent('[data-testid="office"]'), 'Berlin');
  });

  it('every other people-ops page passes axe: overdue, offices and teams, templates (and a refused form), 404', async () => {
    for (const [path, name] of [
      ['/onboarding/hires/overdue', 'overdue'],
      ['/onboarding/settings', 'settings'],
      ['/onboarding/templates', 'templates'],
      ['/onboarding/security', 'security'],
    ] as const) {
      await page.goto(`${url}${path}`);
      await checkPage(page, AREA, name);
    }
    await page.goto(`${url}/onboarding/templates`);
    await page.fill('#field-title', 'Badge photo');
    await page.fill('#field-offsetDays', '400');
    await page.click('button:has-text("Add task")');
    assert.ok((await page.textContent('main'))!.includes('The task was not added'));
    await checkPage(page, AREA, 'templates-refused');
    const missing = await page.goto(`${url}/onboarding/hires/00000000-0000-4000-8000-000000000000`);
    assert.equal(missing?.status(), 404);
    await checkPage(page, AREA, 'not-found');
  });

  it('after token regeneration, deliveries signed with the old token are rejected and new ones accepted', async () => {
    const [old] = await signatureSecrets(ctx, orgId);
    await page.goto(`${url}/onboarding/security`);
    await page.click('button:has-text("Regenerate tokens now")');
    await page
      .waitForSelector('text=The old ones no longer verify', { timeout: 5000 })
      .catch(async (e: unknown) => {
        throw new Error(`${(e as Error).message}\n${await page.textContent('main')}`);
      });
    await checkPage(page, AREA, 'security-regenerated');
    const token = randomBytes(16).toString('hex');
    const triggeredAt = Date.now();
    const forged = await fetch(`${url}/onboarding/hooks/lever/${orgId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        triggeredAt,
        event: 'candidateStageChange',
        signature: signLever({ signatureToken: old!, token, triggeredAt }),
        data: { opportunityId: tenant.superAdmin.id },
      }),
    });
    assert.equal(forged.status, 401);
    // The ATS now signs with the new tokens: a real hire still arrives.
    const c = await candidate('Alan Turing', 'San Francisco, CA', 'Platform', '2031-07-07');
    await hire(c.id);
    await waitFor('hire after rotation', async () =>
      (await hireRow(c.id))?.status === 'active' ? true : undefined,
    );
  });

  it('a start-date change moves the due dates; an unhire cancels the journey', async () => {
    const c = await candidate('Katherine Johnson', 'San Francisco, CA', 'Platform', '2031-08-04');
    await hire(c.id);
    const h = await waitFor('hire', async () => {
      const r = await hireRow(c.id);
      return r?.status === 'active' ? r : undefined;
    });
    await createOffer(atsContext(rt).db, {
      opportunity: c.row,
      status: 'signed',
      startDate: new Date('2031-08-11T00:00:00Z'),
      createdAt: new Date(Date.now() + 1000),
    });
    await page.goto(`${url}/onboarding/hires/${h.id}`);
    await page.click('button:has-text("Refresh from the ATS")');
    assert.equal(await page.textContent('[data-testid="start-date"]'), '2031-08-11');
    assert.ok(
      await page.isVisible('[data-due="2031-08-04"]'),
      'the 7-days-before task moved from 07-28 to 08-04',
    );
    await ats('PUT', `/opportunities/${c.id}/archived?${as()}`, { reason: null });
    await waitFor('cancelled', async () =>
      (await hireRow(c.id))?.status === 'cancelled' ? true : undefined,
    );
    await page.reload();
    assert.ok(await page.isVisible('[data-testid="journey-cancelled"]'));
    await checkPage(page, AREA, 'journey-cancelled');
  });

  it('the new hire opens their checklist from the welcome mail', async () => {
    const mail = await rt.db
      .selectFrom('platform.mail_message' as never)
      .select(['text_body' as never])
      .where('tag' as never, '=', 'onboarding.welcome' as never)
      .where('to_address' as never, '=', 'ada@newhire.test' as never)
      .executeTakeFirstOrThrow();
    const link = /(\/onboarding\/magic\/\S+)/.exec((mail as { text_body: string }).text_body)![1]!;
    const hirePage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await hirePage.goto(`${url}${link}`);
    await hirePage.waitForURL(/\/onboarding\/me$/);
    assert.ok((await hirePage.textContent('main'))!.includes('Sign the employment documents'));
    await checkPage(hirePage, AREA, 'new-hire-checklist');
    await hirePage.goto(`${url}/onboarding/me/sign-in`);
    await checkPage(hirePage, AREA, 'new-hire-sign-in');
    await hirePage.close();
  });

  it('disconnects: webhooks deleted in the ATS, access revoked', async () => {
    await page.goto(`${url}/onboarding/connect`);
    await page.click('button:has-text("Disconnect…")');
    await checkPage(page, AREA, 'disconnect-confirm');
    await page.click('button:has-text("Disconnect")');
    await page.waitForURL(/\/onboarding\/connect$/);
    const hooks = await ats<{ data: { url: string }[] }>('GET', '/webhooks');
    assert.equal(hooks.data.filter((w) => w.url.includes('/onboarding/')).length, 0);
    assert.equal(await page.textContent('[data-testid="mode"]'), 'Not connected');
    await checkPage(page, AREA, 'disconnected');
  });
});
