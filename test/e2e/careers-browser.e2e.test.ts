// In a browser (chromium via playwright-core): a careers admin fills the ATS integration form with a
// recruitment-marketing key (the seed's 19 read permissions + confidential access; made by the ATS's domain
// code here, as the ATS key page is not built yet) → the jobs appear → a posting is published in the ATS
// (over its API) → its careers page appears → it is closed → the page is gone ("no longer open", noindex).
// Screenshots (desktop 1280 and phone 390) go to test-results/screenshots/careers/ for docs/careers.md.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { RECRUITMENT_MARKETING_PRESET } from '@hireloop/lever/permissions';
import { assertAccessible, launchChromium, screenshot } from './support/browser.ts';
import { startCareersStack, type CareersStack } from './support/careers-stack.ts';

const AREA = 'careers';

async function waitForText(page: Page, url: string, text: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    if ((await page.content()).includes(text)) return;
    if (Date.now() > until) {
      await page.goto(url.replace(/\/careers\/.*$/, '/careers/admin/jobs'));
      const runs = (
        await page
          .locator('table')
          .first()
          .innerText()
          .catch(() => '')
      ).slice(0, 2000);
      throw new Error(`"${text}" did not appear on ${url}; sync runs:\n${runs}`);
    }
    await page.waitForTimeout(700);
  }
}

describe('careers in a browser: integration form → jobs → publish → page → close → gone', () => {
  let s: CareersStack;
  let browser: Browser;
  let page: Page;
  let slug = '';
  let org: { email: string; password: string };
  const posted: Record<string, string> = {};

  before(async () => {
    s = await startCareersStack({ workers: true });
    slug = `acme${Date.now().toString(36)}`;
    org = await s.newOrg(slug);
    posted.robotics = (
      await s.createPosting({
        text: 'Robotics Engineer',
        categories: { location: 'Remote — Europe', team: 'Engineering', commitment: 'Full-time' },
        content: {
          description:
            'Design the motion stack of our warehouse robots.\n\nYou will own the planner end to end.',
        },
      })
    ).id;
    posted.designer = (
      await s.createPosting({
        text: 'Product Designer',
        workplaceType: 'hybrid',
        categories: { location: 'Berlin', team: 'Design', commitment: 'Full-time' },
      })
    ).id;
    await s.createPosting({
      text: 'Field Technician',
      categories: { location: 'Lyon', team: 'Operations', commitment: 'Contract' },
    });
    await s.createPosting({ text: 'Unlocated Role', categories: { team: 'Data' } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('signs in and fills the integration form; jobs appear', async () => {
    const secret = Buffer.from(
      (await s.tenant.key(RECRUITMENT_MARKETING_PRESET.permissions, true)).replace(/^Basic /, ''),
      'base64',
    )
      .toString()
      .replace(/:$/, '');
    await page.goto(`${s.url}/careers/sign-in`);
    await page.fill('#field-email', org.email);
    await page.fill('#field-password', org.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/careers\/admin/);
    await page.goto(`${s.url}/careers/admin/integration`);
    await page.fill('#field-name', 'Hireloop ATS');
    await page.selectOption('#field-environment', 'embedded');
    await page.fill('#field-apiKey', secret);
    await page.fill('#field-companyCode', s.tenant.account.site);
    await page.fill('#field-jobsStartAt', '2020-01-01');
    await page.fill('#field-candidatesStartAt', '2020-01-01');
    await screenshot(page, AREA, 'integration-form');
    await page.click('form.form button[type=submit].btn--primary');
    await page.waitForURL(/\/careers\/admin\/jobs/);
    await waitForText(page, `${s.url}/careers/admin/jobs`, 'Robotics Engineer');
    assert.ok((await page.content()).includes('Unlocated Role'), 'skipped posting listed');
    await assertAccessible(page, 'careers jobs');
    await screenshot(page, AREA, 'jobs');
  });

  it('previews the remote/hybrid classification live', async () => {
    await page.goto(`${s.url}/careers/admin/integration`);
    await page.fill('#field-remoteRegex', 'remote|lyon');
    await page.locator('#preview', { hasText: '2 remote' }).waitFor();
    await screenshot(page, AREA, 'remote-preview');
    await page.fill('#field-remoteRegex', '(a+)+$');
    await page.locator('#preview', { hasText: '0 remote' }).waitFor();
  });

  it('a posting published in the ATS gets its page; the site lists it with filters', async () => {
    const draft = await s.createPosting({
      text: 'Hardware Lead',
      state: 'draft',
      distributionChannels: undefined,
      categories: { location: 'Munich', team: 'Engineering', commitment: 'Full-time' },
      content: { description: 'Lead the hardware team.' },
    });
    posted.lead = draft.id;
    await page.goto(`${s.url}/careers/admin/syncs`);
    await s.updatePosting(draft.id, {
      text: 'Hardware Lead',
      state: 'published',
      distributionChannels: ['public'],
    });
    await page.click('text=Sync now');
    await waitForText(page, `${s.url}/careers/${slug}`, 'Hardware Lead');
    await assertAccessible(page, 'careers site');
    await screenshot(page, AREA, 'site');
    await page.goto(`${s.url}/careers/${slug}/jobs/${draft.id}`);
    assert.equal(await page.title(), `Hardware Lead · ${slug} Inc careers`);
    await assertAccessible(page, 'careers job page');
    await screenshot(page, AREA, 'job-page');
    await page.goto(`${s.url}/careers/admin/syncs`);
    await screenshot(page, AREA, 'sync-runs');
  });

  it('closing it in the ATS takes the page down (no longer open, noindex)', async () => {
    await s.updatePosting(posted.lead!, { text: 'Hardware Lead', state: 'closed' });
    await page.goto(`${s.url}/careers/admin/syncs`);
    await page.click('text=Sync now');
    await waitForText(page, `${s.url}/careers/${slug}/jobs/${posted.lead}`, 'is no longer open');
    assert.equal(await page.locator('meta[name=robots]').getAttribute('content'), 'noindex');
    await screenshot(page, AREA, 'job-closed');
    const list = await (await fetch(`${s.url}/careers/${slug}`)).text();
    assert.ok(!list.includes('Hardware Lead'));
  });

  it('lists candidates with source and stage', async () => {
    await s.ats('POST', `/opportunities?perform_as=${s.tenant.superAdmin.id}`, {
      name: 'Grace Hopper',
      emails: ['grace@example.test'],
      postings: [posted.robotics],
      sources: ['Careers site'],
    });
    await page.goto(`${s.url}/careers/admin/syncs`);
    await page.click('text=Sync now');
    await waitForText(page, `${s.url}/careers/admin/candidates`, 'Grace Hopper');
    await screenshot(page, AREA, 'candidates');
    assert.deepEqual(s.violations, []);
  });
});
