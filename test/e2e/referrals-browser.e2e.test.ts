// The referrals app in a browser (chromium via playwright-core) against `hireloop start` as a real process:
// an admin invited by the CLI registers from the emailed link → Integrations › Sign in with Lever (ATS
// sign-in as the demo super admin + consent) → maps stages → invites an employee who is also an ATS user →
// the employee refers a candidate with an endorsement and a resume → the candidate applies from the emailed
// link → the ATS API shows ONE opportunity with source, tags, note, files and the referrer → a recruiter
// archives it as Hired on the ATS candidate page → the referrer sees Hired and a due payout, and got mail.
// Then duplicates: the ATS re-sends every delivery (same webhook-id), a second validly signed delivery of
// the same change (new token/triggeredAt, another webhook's token) arrives and is replayed byte for byte →
// no second status change, mail or payout. axe (0 serious/critical) on every referrals page; screenshots at
// 1280 and 390 px in test-results/screenshots/referrals/ (referenced from docs/referrals.md).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signLever, standardWebhookHeaders } from '@hireloop/lever/webhook-signature';
import { checkPage, launchChromium, screenshot } from './support/browser.ts';
import {
  ATS_SUPER_ADMIN,
  startReferralsServer,
  until,
  type ReferralsServer,
} from './support/referrals-server.ts';

const AREA = 'referrals';
const ADMIN = { email: 'ada@globex.test', name: 'Ada Admin', password: 'correct horse battery staple' };
// Diego is an ATS user of the demo account, so the ATS credits him as the one who referred.
const EMPLOYEE = {
  email: 'diego@acme-robotics.example',
  name: 'Diego Employee',
  password: 'employee pass phrase 1',
};
const CANDIDATE = { name: 'Casey Candidate', email: 'casey.e2e@example.com', phone: '+1 555 0100' };
const ENDORSEMENT = 'Casey shipped our robot arm firmware two weeks early.';
const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

interface Opportunity {
  id: string;
  origin: string;
  sources: string[];
  tags: string[];
  followers: string[];
  owner: string;
  stage: string;
  archived: { reason: string } | null;
}

describe('referrals in a browser: invite → connect → map → refer → apply → ATS → hired → payout', () => {
  let s: ReferralsServer;
  let browser: Browser;
  let adminCtx: BrowserContext;
  let admin: Page;
  let employee: Page;
  let orgId = '';
  let postingId = '';
  let opportunityId = '';
  let referralPath = '';
  let morganId = '';
  let diegoAtsId = '';
  let manualToken = '';
  const visit = async (page: Page, path: string, name: string) => {
    await page.goto(`${s.url}${path}`);
    await checkPage(page, AREA, name);
  };

  before(async () => {
    s = await startReferralsServer();
    browser = await launchChromium();
    adminCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    admin = await adminCtx.newPage();
    const users = await s.ats<{ data: { id: string; email: string }[] }>('GET', '/users?limit=100');
    morganId = users.body.data.find((u) => u.email === ATS_SUPER_ADMIN.email)!.id;
    diegoAtsId = users.body.data.find((u) => u.email === EMPLOYEE.email)!.id;
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  it('the admin is invited by the CLI and registers from the emailed link', async () => {
    const created = await s.cli<{ organizationId: string }>([
      'referrals',
      'org',
      'create',
      '--name',
      'Globex Referrals',
      '--admin-email',
      ADMIN.email,
    ]);
    orgId = created.organizationId;
    const invite = await s.waitForMailLink(
      ADMIN.email,
      /invit/i,
      /https?:\/\/\S+\/referrals\/invitations\/\S+/,
    );
    await admin.goto(invite);
    await checkPage(admin, AREA, 'invitation');
    await admin.fill('#field-name', ADMIN.name);
    await admin.fill('#field-password', ADMIN.password);
    await admin.click('form button[type=submit]');
    await admin.waitForURL(/\/referrals\/admin/);
    await checkPage(admin, AREA, 'admin-home');
  });

  it('connects with Sign in with Lever (ATS sign-in + consent) and maps stages', async () => {
    const redirectUri = `${s.url}/referrals/integrations/lever/callback`;
    const client = await s.cli<{ clientId: string; clientSecret: string }>([
      'oauth-client',
      'create',
      '--name',
      'Globex Referrals',
      '--redirect-uri',
      redirectUri,
      '--site',
      'acme',
    ]);
    await visit(admin, '/referrals/admin/integrations', 'integrations-empty');
    await admin.click('text=Add integration: Lever');
    await admin.selectOption('#field-environment', 'embedded');
    await admin.fill('#field-clientId', client.clientId);
    await admin.fill('#field-clientSecret', client.clientSecret);
    await checkPage(admin, AREA, 'integration-form');
    await admin.click('form.form button[type=submit]');
    // The ATS: sign in as the demo super admin, then the consent page with exactly the app's scopes.
    await admin.waitForURL(/\/ats\/sign-in/);
    await admin.fill('#field-email', ATS_SUPER_ADMIN.email);
    await admin.fill('#field-password', ATS_SUPER_ADMIN.password);
    await admin.click('form button[type=submit]');
    await admin.waitForURL(/\/oauth\/authorize/);
    assert.match(await admin.content(), /Globex Referrals/);
    await screenshot(admin, AREA, 'ats-consent');
    await admin.click('button[name=decision][value=accept]');
    await admin.waitForURL(/\/referrals\/admin\/integrations$/);
    assert.match(await admin.content(), /Connected/);
    await checkPage(admin, AREA, 'integrations-connected');

    // The setup job loads the stages; map one away from its default.
    await until('stages from the ATS', async () => {
      await admin.goto(`${s.url}/referrals/admin/stages`);
      return (await admin.locator('select[id^="stage-"]').count()) > 3;
    });
    const select = admin.locator('select[id^="stage-"]').nth(1);
    await select.selectOption('interviewing');
    await admin.click('form.form button[type=submit].btn--primary');
    await admin.waitForURL(/\/referrals\/admin\/stages$/);
    assert.match(await admin.content(), /Stage mapping saved/);
    assert.equal(await admin.locator('select[id^="stage-"]').nth(1).inputValue(), 'interviewing');
    await checkPage(admin, AREA, 'stage-mapping');
    // The rest of the setup job: the app's webhooks, then the first full job sync.
    await until(
      'the first job sync after connecting',
      async () => {
        await admin.goto(`${s.url}/referrals/admin/jobs`);
        return /full \(connect\)[\s\S]*succeeded/.test(await admin.locator('main').innerText());
      },
      60_000,
    );
    await checkPage(admin, AREA, 'admin-jobs');
    await visit(admin, '/referrals/admin/webhooks', 'webhooks');
    await visit(admin, '/referrals/admin/settings', 'settings');
  });

  it('a second, manually set up webhook for candidateHired (the manual way: token pasted by the admin)', async () => {
    // The same change then arrives twice, each delivery validly signed with its own webhook's token.
    const created = await s.ats<{ data: { configuration: { signatureToken: string } } }>(
      'POST',
      '/webhooks',
      {
        url: `${s.url}/referrals/hooks/lever/${orgId}`,
        event: 'candidateHired',
      },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    manualToken = created.body.data.configuration.signatureToken;
    await admin.goto(`${s.url}/referrals/admin/webhooks`);
    await admin.selectOption('#field-event', 'candidateHired');
    await admin.fill('#field-signatureToken', manualToken);
    await admin.click('form[action="/referrals/admin/webhooks/manual"] button[type=submit]');
    await admin.waitForURL(/\/referrals\/admin\/webhooks$/);
    assert.match(await admin.content(), /Saved the token for candidateHired/);
  });

  it('the admin invites an employee, who registers and sees a new ATS job with its reward', async () => {
    const posting = await s.ats<{ data: { id: string } }>('POST', `/postings?perform_as=${morganId}`, {
      text: 'Motion Planning Engineer',
      state: 'published',
      distributionChannels: ['public', 'internal'],
      tags: ['referralbonus:2500'],
      owner: morganId,
      categories: { location: 'Berlin', team: 'Robotics', commitment: 'Full-time' },
      content: { description: 'Plan the paths of our warehouse robots.\n\nYou will own the planner.' },
    });
    assert.equal(posting.status, 201, JSON.stringify(posting.body));
    postingId = posting.body.data.id;

    await visit(admin, '/referrals/admin/people', 'people');
    await admin.fill('#field-email', EMPLOYEE.email);
    await admin.fill('#field-name', EMPLOYEE.name);
    await admin.selectOption('#field-role', 'employee');
    await admin.click('form[action="/referrals/admin/people"] button[type=submit]');
    await admin.waitForURL(/\/referrals\/admin\/people$/);
    const invite = await s.waitForMailLink(
      EMPLOYEE.email,
      /invit/i,
      /https?:\/\/\S+\/referrals\/invitations\/\S+/,
    );

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    employee = await ctx.newPage();
    await employee.goto(invite);
    await employee.fill('#field-name', EMPLOYEE.name);
    await employee.fill('#field-password', EMPLOYEE.password);
    await employee.click('form button[type=submit]');
    await employee.waitForURL(/\/referrals\/(jobs|my)/);
    // postingCreated (extension event) → the job is in the portal within seconds.
    await until(
      'the new job in the portal',
      async () => {
        await employee.goto(`${s.url}/referrals/jobs?q=Motion`);
        return (await employee.content()).includes('Motion Planning Engineer');
      },
      30_000,
    ).catch(async (e: unknown) => {
      await admin.goto(`${s.url}/referrals/admin/webhooks`);
      const hooks = await admin.locator('main').innerText();
      await admin.goto(`${s.url}/referrals/admin/jobs`);
      throw new Error(`${(e as Error).message}\n${hooks}\n${await admin.locator('main').innerText()}`);
    });
    assert.match(await employee.content(), /2,500 USD/);
    await visit(employee, '/referrals/jobs', 'jobs');
  });

  it('the employee refers a candidate with an endorsement and a resume', async () => {
    await employee.goto(`${s.url}/referrals/jobs?q=Motion`);
    await employee.click('a:has-text("Motion Planning Engineer")');
    await checkPage(employee, AREA, 'job-refer');
    await employee.fill('#field-candidateName', CANDIDATE.name);
    await employee.fill('#field-candidateEmail', CANDIDATE.email);
    await employee.fill('#field-candidatePhone', CANDIDATE.phone);
    await employee.fill('#field-relationship', 'Worked together at Initech');
    await employee.fill('#field-endorsement', ENDORSEMENT);
    await employee.setInputFiles('#resume', {
      name: 'casey-from-diego.pdf',
      mimeType: 'application/pdf',
      buffer: PDF('casey via diego'),
    });
    await employee.click('form[action$="/refer"] button[type=submit]');
    await employee.waitForURL(/\/referrals\/my\/[0-9a-f-]{36}$/);
    referralPath = new URL(employee.url()).pathname;
    assert.match(await employee.content(), /We invited Casey Candidate to apply by email and text/);
    await checkPage(employee, AREA, 'referral-submitted');
  });

  it('the candidate applies from the emailed link; ONE opportunity with source, tags, note, files, referrer', async () => {
    const link = await s.waitForMailLink(
      CANDIDATE.email,
      /./,
      /https?:\/\/\S+\/referrals\/c\/[A-Za-z0-9_-]+/,
    );
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const candidate = await ctx.newPage();
    await candidate.goto(link);
    assert.match(await candidate.content(), /Motion Planning Engineer/);
    await checkPage(candidate, AREA, 'candidate-apply');
    assert.equal(await candidate.inputValue('#field-email'), CANDIDATE.email);
    await candidate.setInputFiles('#resume', {
      name: 'casey-resume.pdf',
      mimeType: 'application/pdf',
      buffer: PDF('casey resume'),
    });
    await candidate.fill('#field-coverLetter', 'I love robots that plan their own paths.');
    await candidate.check('#consent');
    await candidate.click('form button[type=submit]');
    await candidate.waitForSelector('text=Thank you!');
    await checkPage(candidate, AREA, 'candidate-applied');
    await ctx.close();

    const found = await until('the opportunity in the ATS', async () => {
      const res = await s.ats<{ data: { id: string }[] }>('GET', `/opportunities?email=${CANDIDATE.email}`);
      return res.body.data.length ? res.body.data : undefined;
    });
    // The push may still be adding its note and files; give it a moment, then check everything.
    const notes = await until('the endorsement note', async () => {
      const r = await s.ats<{ data: { fields: { value: string }[] }[] }>(
        'GET',
        `/opportunities/${found[0]!.id}/notes`,
      );
      return r.body.data.length ? r.body.data : undefined;
    });
    assert.equal(found.length, 1, 'exactly one opportunity');
    opportunityId = found[0]!.id;
    const opp = (await s.ats<{ data: Opportunity }>('GET', `/opportunities/${opportunityId}`)).body.data;
    assert.equal(opp.origin, 'referred');
    assert.deepEqual(opp.sources, ['Hireloop Referrals']);
    // The ATS also tags an opportunity with its posting's title and categories (as Lever does).
    assert.ok(opp.tags.includes('Referral') && opp.tags.includes('Hireloop Referrals'), opp.tags.join());
    assert.equal(opp.stage, 'applicant-new');
    assert.ok(opp.followers.includes(diegoAtsId), 'the referrer (an ATS user) follows the candidate');
    assert.equal(opp.owner, morganId, 'the posting owner keeps ownership');
    assert.equal(notes.length, 1);
    assert.match(
      notes[0]!.fields[0]!.value,
      new RegExp(`Referred by ${EMPLOYEE.name}[\\s\\S]*${ENDORSEMENT}`),
    );
    const files = await until('the files', async () => {
      const r = await s.ats<{ data: { name: string }[] }>('GET', `/opportunities/${opportunityId}/files`);
      return r.body.data.length >= 2 ? r.body.data : undefined;
    });
    assert.deepEqual(files.map((f) => f.name).sort(), ['cover-letter.txt', 'referrer-casey-from-diego.pdf']);
    const resumes = await s.ats<{ data: { file: { name: string } }[] }>(
      'GET',
      `/opportunities/${opportunityId}/resumes`,
    );
    assert.equal(resumes.body.data.length, 1);
    const apps = await s.ats<{ data: { posting: string }[] }>(
      'GET',
      `/opportunities/${opportunityId}/applications`,
    );
    assert.deepEqual(
      apps.body.data.map((a) => a.posting),
      [postingId],
    );
  });

  it('the recruiter archives it as Hired on the ATS candidate page; the referrer sees Hired and a due payout', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const recruiter = await ctx.newPage();
    await recruiter.goto(`${s.url}/ats/sign-in`);
    await recruiter.fill('#field-email', ATS_SUPER_ADMIN.email);
    await recruiter.fill('#field-password', ATS_SUPER_ADMIN.password);
    await recruiter.click('form button[type=submit]');
    await recruiter.waitForURL(/\/ats/);
    await recruiter.goto(`${s.url}/ats/candidates/${opportunityId}`);
    const hired = await recruiter
      .locator('#field-reason option')
      .filter({ hasText: '(hire)' })
      .first()
      .getAttribute('value');
    assert.ok(hired, 'a Hired archive reason is offered');
    await recruiter.selectOption('#field-reason', hired);
    await recruiter.click(`form[action="/ats/candidates/${opportunityId}/archive"] button[type=submit]`);
    await recruiter.waitForSelector('text=Archived: Hired');
    await screenshot(recruiter, AREA, 'ats-candidate-hired');
    await ctx.close();

    await until(
      'Hired with a due payout in My referrals',
      async () => {
        await employee.goto(`${s.url}/referrals/my`);
        const text = await employee.locator('main').innerText();
        return /Hired/.test(text) && /Due/.test(text);
      },
      30_000,
    );
    await checkPage(employee, AREA, 'my-referrals-hired');
    await visit(employee, referralPath, 'referral-timeline');
    const statusMails = (await s.mail(EMPLOYEE.email)).filter((m) => /Hired/.test(m.subject));
    assert.equal(statusMails.length, 1, JSON.stringify(statusMails));
    assert.match(await s.mailText(statusMails[0]!.id), /reward \(2500(\.00)? USD\) is now due/);

    await visit(admin, '/referrals/admin/dashboard', 'dashboard');
    await visit(admin, '/referrals/admin/referrals', 'admin-referrals');
    await visit(admin, '/referrals/admin/payouts', 'payouts');
    assert.match(await admin.locator('main').innerText(), /Casey Candidate/);
  });

  it('duplicates: re-sent deliveries, a second signed delivery and an exact replay change nothing', async () => {
    const snapshot = async () => {
      await employee.goto(`${s.url}${referralPath}`);
      const text = await employee.locator('main').innerText();
      return {
        hiredEntries: (text.match(/Hired/g) ?? []).length,
        dueEntries: (text.match(/\bdue\b/gi) ?? []).length,
        mails: (await s.mail(EMPLOYEE.email)).filter((m) => /Hired/.test(m.subject)).length,
      };
    };
    const processedHired = async () => {
      await admin.goto(`${s.url}/referrals/admin/webhooks`);
      const rows = await admin.locator('table').last().locator('tbody tr').allInnerTexts();
      return rows.filter((r) => /candidateHired/.test(r) && /processed/.test(r)).length;
    };
    // Both candidateHired webhooks (the app's and the manual one) were delivered and processed once each.
    await until('both hired deliveries processed', async () => (await processedHired()) >= 2);
    const before = await snapshot();
    const hiredBefore = await processedHired();

    // 1. The ATS re-sends every delivery to the app (same webhook-id, token and triggeredAt, fresh timestamp).
    const deliveries = await s.ats<{ data: { id: string; attempts: number; url?: string; event: string }[] }>(
      'GET',
      '/webhook_deliveries?limit=100',
    );
    const ours = deliveries.body.data.filter((d) => /^candidate|^application/.test(d.event));
    assert.ok(ours.length >= 3, `deliveries: ${JSON.stringify(deliveries.body.data.map((d) => d.event))}`);
    for (const d of ours) {
      const res = await s.ats('POST', `/webhook_deliveries/${d.id}/resend`);
      assert.equal(res.status, 202, JSON.stringify(res.body));
    }
    await until(
      'every re-send attempted',
      async () => {
        const again = await s.ats<{
          data: { id: string; attempts: number; status: string; lastStatusCode: number | null }[];
        }>('GET', '/webhook_deliveries?limit=100');
        const byId = new Map(again.body.data.map((d) => [d.id, d]));
        return ours.every((d) => {
          const now = byId.get(d.id);
          return now && now.attempts > d.attempts && now.status !== 'pending';
        });
      },
      30_000,
    );

    // 2. A second delivery of the same change, validly signed (the manual webhook's token) with a NEW
    //    token and triggeredAt: it passes the replay check, is processed, and the state is the same.
    const triggeredAt = Date.now();
    const token = randomUUID().replace(/-/g, '');
    const body = JSON.stringify({
      triggeredAt,
      event: 'candidateHired',
      signature: signLever({ signatureToken: manualToken, token, triggeredAt }),
      token,
      data: { opportunityId, contactId: opportunityId, candidateId: opportunityId },
    });
    const headers = {
      'content-type': 'application/json',
      ...standardWebhookHeaders({
        id: `msg_${randomUUID()}`,
        timestamp: Math.floor(Date.now() / 1000),
        body,
        secrets: [manualToken],
      }),
    };
    const hook = `${s.url}/referrals/hooks/lever/${orgId}`;
    const first = await fetch(hook, { method: 'POST', headers, body });
    assert.equal(first.status, 202, await first.clone().text());
    // 3. The exact same bytes again (a replay): refused as a duplicate, with and without the Standard headers.
    const replay = await fetch(hook, { method: 'POST', headers, body });
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), { ok: true, duplicate: true });
    const bare = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(bare.status, 200);
    // A forged one (wrong token) is refused outright.
    const forged = body.replace(/"signature":"[0-9a-f]+"/, `"signature":"${'0'.repeat(64)}"`);
    assert.equal(
      (await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: forged }))
        .status,
      401,
    );

    await until('the crafted duplicate processed', async () => (await processedHired()) > hiredBefore);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await snapshot(), before, 'no second status change, mail or payout');
  });
});
