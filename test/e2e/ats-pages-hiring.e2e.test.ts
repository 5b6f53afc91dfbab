// Issue 6, the hiring side as a person in a browser against the real server (`hireloop start`, demo seed,
// port 0): an Admin adds a location and a team (and is told why an in-use location cannot be removed),
// creates an external posting tagged referralbonus:3000 and publishes it; a candidate finds it on the
// public job site (/jobs/acme, arriving with ?lever-source=…), makes a mistake, then applies with a
// resume; the API shows the opportunity with that source and resume; a closed job says it is no longer
// open; a Limited Team Member is told why Company settings are closed to them. Every page passes axe
// (0 serious/critical) and is screenshotted at 1280 and 390 px (test-results/screenshots/ats/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  createKeyViaCli,
  killAll,
  makeDataDir,
  removeDataDir,
  REPO_ROOT,
  spawnHireloop,
} from './support/hireloop-process.ts';
import { checkPage, launchChromium } from './support/browser.ts';

const AREA = 'ats';
const PASSWORD = 'hireloop-demo';
const ADMIN = 'priya@acme-robotics.example';
const LIMITED = 'hannah@acme-robotics.example';
const SOURCE = 'spring-campaign';
const TITLE = 'Perception Engineer (E2E)';
const CANDIDATE = `ada.e2e.${Date.now()}@example.com`;

async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/ats/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

describe('ATS pages: company settings, postings and the public job site (browser)', () => {
  const dataDir = makeDataDir();
  let url = '';
  let browser: Browser;
  let page: Page;
  let postingId = '';

  before(async () => {
    const proc = spawnHireloop(['start'], { env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
    url = await proc.waitForUrl(120_000);
    await proc.waitForOutput(/Stop with Ctrl\+C/, 120_000);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await browser?.close();
    await killAll();
    removeDataDir(dataDir);
  });

  it('an Admin adds a location and a team; removing a location in use is refused with the reason', async () => {
    await signIn(page, url, ADMIN);
    await page.goto(`${url}/ats/settings/company`);
    await checkPage(page, AREA, 'company-settings');

    await page.getByLabel('New location').fill('Lisbon, Portugal');
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByText('Added “Lisbon, Portugal”.').waitFor();

    await page.getByLabel('New team').fill('Perception');
    await page.getByRole('combobox', { name: 'Department' }).selectOption({ label: 'Engineering' });
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.getByText('Added “Perception”.').waitFor();
    assert.ok(await page.getByRole('rowheader', { name: 'Perception' }).isVisible());

    // San Francisco is used by seeded postings: the page says so and keeps it.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove San Francisco, CA' }).click();
    await page.getByText(/“San Francisco, CA” is used by \d+ postings? .*nothing was removed/).waitFor();
    assert.ok(await page.getByRole('rowheader', { name: 'San Francisco, CA' }).isVisible());
    await checkPage(page, AREA, 'company-settings-in-use-error');
  });

  it('creates an external posting tagged referralbonus:3000 and publishes it', async () => {
    await page.goto(`${url}/ats/postings`);
    await checkPage(page, AREA, 'postings-list');
    await page.getByRole('link', { name: 'New posting' }).click();
    await page.getByLabel('Job title').waitFor();
    await checkPage(page, AREA, 'posting-new');

    // A team from another department is Lever's "not a valid subset": the form says so and keeps the input.
    await page.getByLabel('Job title').fill(TITLE);
    await page.getByLabel('Department').selectOption('Sales');
    await page.getByLabel('Team').selectOption('Perception');
    await page.getByRole('button', { name: 'Create posting' }).click();
    await page.getByText('Perception is a team in Engineering, not Sales.').waitFor();
    assert.equal(await page.getByLabel('Job title').inputValue(), TITLE);
    await checkPage(page, AREA, 'posting-form-errors');

    await page.getByLabel('Department').selectOption('Engineering');
    await page.getByLabel('Location').selectOption('Lisbon, Portugal');
    await page.getByLabel('Commitment').selectOption('Full-time');
    await page.getByLabel('Workplace type').selectOption('hybrid');
    await page
      .getByLabel('Description')
      .fill('Teach our robots to see.\n\nYou will build perception pipelines for warehouse fleets.');
    await page.getByLabel('Internal — the internal job board').uncheck();
    await page.getByLabel('External — the public job site').check();
    await page.getByLabel('Tags').fill('referralbonus:3000, e2e');
    await page.getByRole('button', { name: 'Create posting' }).click();
    await page.getByText(`Created “${TITLE}” (draft).`).waitFor();
    postingId = page.url().split('/').pop() ?? '';
    await checkPage(page, AREA, 'posting-edit');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(`Published “${TITLE}”.`).waitFor();
    assert.ok(await page.getByRole('link', { name: 'View on job site' }).isVisible());

    await page.goto(`${url}/ats/postings?tag=referralbonus%3A3000&state=published`);
    assert.ok(await page.getByRole('link', { name: TITLE }).isVisible());
    await checkPage(page, AREA, 'postings-list-filtered');
  });

  it('a candidate finds the job on /jobs/acme, fixes a mistake and applies with a resume', async () => {
    const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await visitor.goto(`${url}/jobs/acme?lever-source=${SOURCE}`);
      await checkPage(visitor, AREA, 'job-site-list');
      await visitor.getByLabel('Team').selectOption('Perception');
      await visitor.getByRole('button', { name: 'Show jobs' }).click();
      await visitor.getByRole('link', { name: TITLE }).click();
      await visitor.getByRole('heading', { name: TITLE }).waitFor();
      await checkPage(visitor, AREA, 'job-site-job');

      await visitor.getByRole('link', { name: 'Apply for this job' }).first().click();
      await visitor.getByLabel('Full name').waitFor();
      await checkPage(visitor, AREA, 'job-site-apply');

      // A typo in the email and no consent: the form comes back with both messages and the typed values.
      await visitor.getByLabel('Full name').fill('Ada Lovelace');
      await visitor.getByLabel('Email').fill('ada-at-example.com');
      await visitor.getByLabel('Cover letter or additional information').fill('I love robots.');
      await visitor.getByRole('button', { name: 'Submit application' }).click();
      await visitor.getByText('There are 2 problems with your application').waitFor();
      assert.equal(await visitor.getByLabel('Full name').inputValue(), 'Ada Lovelace');
      assert.equal(
        await visitor.getByLabel('Cover letter or additional information').inputValue(),
        'I love robots.',
      );
      await checkPage(visitor, AREA, 'job-site-apply-errors');

      const resume = path.join(fs.mkdtempSync(path.join(REPO_ROOT, 'test-results/')), 'ada-lovelace-cv.pdf');
      fs.writeFileSync(resume, '%PDF-1.4\n% Ada Lovelace — resume\n%%EOF\n');
      await visitor.getByLabel('Email').fill(CANDIDATE);
      await visitor.getByLabel('Phone').fill('+44 20 7946 0000');
      await visitor.getByLabel('LinkedIn profile').fill('https://www.linkedin.com/in/ada-lovelace');
      await visitor.getByLabel('Resume/CV').setInputFiles(resume);
      await visitor.getByLabel(/may store and process my application/).check();
      await visitor.getByRole('button', { name: 'Submit application' }).click();
      await visitor.getByRole('heading', { name: 'Thank you for applying' }).waitFor();
      await checkPage(visitor, AREA, 'job-site-thanks');
    } finally {
      await visitor.close();
    }
  });

  it('the API shows the application: origin applied, the lever-source as source, the resume', async () => {
    const auth = createKeyViaCli(dataDir, 'e2e');
    const res = await fetch(`${url}/v1/opportunities?email=${encodeURIComponent(CANDIDATE)}`, {
      headers: { authorization: auth },
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      data: {
        id: string;
        name: string;
        origin: string;
        sources: string[];
        applications: string[];
        tags: string[];
      }[];
    };
    assert.equal(body.data.length, 1);
    const opp = body.data[0]!;
    assert.equal(opp.name, 'Ada Lovelace');
    assert.equal(opp.origin, 'applied');
    assert.deepEqual(opp.sources, [SOURCE]);
    assert.ok(opp.tags.includes(TITLE), `posting title among tags: ${opp.tags.join(', ')}`);
    const resumes = await fetch(`${url}/v1/opportunities/${opp.id}/resumes`, {
      headers: { authorization: auth },
    });
    const files = (await resumes.json()) as { data: { file: { name: string } }[] };
    assert.deepEqual(
      files.data.map((r) => r.file.name),
      ['ada-lovelace-cv.pdf'],
    );
    const posting = await fetch(`${url}/v1/postings/${postingId}`, { headers: { authorization: auth } });
    const p = (
      (await posting.json()) as {
        data: { tags: string[]; state: string; distributionChannels: string[]; urls: { show: string } };
      }
    ).data;
    assert.deepEqual(
      [p.state, p.distributionChannels, p.tags],
      ['published', ['public'], ['referralbonus:3000', 'e2e']],
    );
    assert.equal(new URL(p.urls.show).pathname, `/jobs/acme/${postingId}`);
  });

  it('a closed job says it is no longer open (410, noindex)', async () => {
    await page.goto(`${url}/ats/postings/${postingId}`);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByText(`Closed “${TITLE}”.`).waitFor();
    const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const res = await visitor.goto(`${url}/jobs/acme/${postingId}`);
      assert.equal(res?.status(), 410);
      await visitor.getByRole('heading', { name: 'This job is no longer open' }).waitFor();
      assert.equal(await visitor.locator('meta[name="robots"]').getAttribute('content'), 'noindex');
      await checkPage(visitor, AREA, 'job-site-closed');
    } finally {
      await visitor.close();
    }
  });

  it('a Limited Team Member is told why Company settings are closed to them', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const limited = await context.newPage();
    try {
      await signIn(limited, url, LIMITED);
      const res = await limited.goto(`${url}/ats/settings/company`);
      assert.equal(res?.status(), 403);
      await limited.getByText(/Super Admins and Admins only/).waitFor();
      await checkPage(limited, AREA, 'company-settings-forbidden');
    } finally {
      await context.close();
    }
  });
});
