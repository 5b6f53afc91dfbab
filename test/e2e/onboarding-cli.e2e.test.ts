// `hireloop onboarding org create` against `hireloop start` as a real process (through the CLI channel): the
// organization is created, its admin is emailed an invitation (and the link printed); in a browser the
// admin opens it from the mailbox, chooses a password (a too-short one is refused with 400) and lands on
// Connect; the link then no longer works; they sign in with the new password. Plain errors for bad input.
// axe (0 serious/critical) on the invitation pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkPage, launchChromium } from './support/browser.ts';
import { startReferralsServer, type ReferralsServer } from './support/referrals-server.ts';

const AREA = 'onboarding';
const ADMIN = 'olga@initech.test';
const PASSWORD = 'initech onboarding 1';

describe('hireloop onboarding org create → invitation → password → sign in', () => {
  let s: ReferralsServer;
  let browser: Browser;
  let page: Page;
  let inviteUrl = '';

  before(async () => {
    s = await startReferralsServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('creates the organization and emails the admin an invitation (link printed too)', async () => {
    const created = await s.cli<{
      organizationId: string;
      name: string;
      slug: string;
      adminEmail: string;
      inviteUrl: string;
      webhookUrl: string;
    }>(['onboarding', 'org', 'create', '--name', 'Initech', '--admin-email', ADMIN]);
    assert.equal(created.name, 'Initech');
    assert.equal(created.slug, 'initech');
    assert.equal(created.adminEmail, ADMIN);
    assert.match(created.inviteUrl, /^http:\/\/127\.0\.0\.1:\d+\/onboarding\/invitations\/[\w-]{40,}$/);
    assert.equal(created.webhookUrl, `${s.url}/onboarding/hooks/lever/${created.organizationId}`);
    inviteUrl = await s.waitForMailLink(ADMIN, /invited/i, /https?:\/\/\S+\/onboarding\/invitations\/\S+/);
    assert.equal(inviteUrl, created.inviteUrl);
  });

  it('refuses bad input with a plain message and exit code 1', async () => {
    // s.cli asserts exit 0 and puts the output in the failure: the --json error document, no stack trace.
    await assert.rejects(
      s.cli(['onboarding', 'org', 'create', '--name', 'X', '--admin-email', 'nope']),
      (e: Error) =>
        e.message.includes('{"error":"Enter a valid admin email address","exitCode":1}') &&
        !/\n\s+at /.test(e.message),
    );
  });

  it('the admin chooses a password from the link, lands on Connect, and signs in with it later', async () => {
    await page.goto(inviteUrl);
    await checkPage(page, AREA, 'invitation');
    await page.fill('#field-password', 'short');
    // The browser's own checks are not what is tested here: the server refuses too.
    await page.evaluate('document.querySelector("form.form").noValidate = true');
    await page.click('button:has-text("Set password and sign in")');
    assert.ok((await page.textContent('main'))!.includes('at least 10 characters'));
    await checkPage(page, AREA, 'invitation-refused');
    await page.fill('#field-password', PASSWORD);
    await page.click('button:has-text("Set password and sign in")');
    await page.waitForURL(/\/onboarding\/connect$/);
    assert.equal(await page.textContent('[data-testid="mode"]'), 'Not connected');

    await page.goto(inviteUrl);
    assert.ok((await page.textContent('main'))!.includes('This invitation cannot be used'));
    await checkPage(page, AREA, 'invitation-used');

    // Another browser: the password is what signs them in now.
    const later = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await later.goto(`${s.url}/onboarding/sign-in`);
    await later.fill('#field-email', ADMIN);
    await later.fill('#field-password', PASSWORD);
    await later.click('button:has-text("Sign in")');
    await later.waitForURL(/\/onboarding\/hires$/);
    await later.close();
  });
});
