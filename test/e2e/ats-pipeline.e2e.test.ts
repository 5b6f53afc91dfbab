// Issue 6, the pipeline side as a person in a browser against the real server (`hireloop start`, demo
// seed, port 0): the demo recruiter filters the pipeline by the `Referral` tag and by a source (the URL
// carries the filters, reload and back keep them), searches, opens a candidate, moves the stage, is told
// why an empty tag is refused, adds a note, downloads the resume and archives the candidate as Hired — the
// API then shows the opportunity archived with the Hired reason and the stage change by that user. A
// Limited Team Member sees only their postings' candidates (and a 404 for others); an interviewer is told
// why there is no list and why Users is closed; an Admin invites a person, who follows the emailed link
// from /mailbox, sets a password and signs in; deactivation signs them out. Every page passes axe
// (0 serious/critical) and is screenshotted at 1280 and 390 px (test-results/screenshots/ats/).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createKeyViaCli,
  killAll,
  makeDataDir,
  removeDataDir,
  spawnHireloop,
} from './support/hireloop-process.ts';
import { checkPage, launchChromium } from './support/browser.ts';

const AREA = 'ats';
const PASSWORD = 'hireloop-demo';
const RECRUITER = 'diego@acme-robotics.example';
const ADMIN = 'priya@acme-robotics.example';
const LIMITED = 'hannah@acme-robotics.example';
const INTERVIEWER = 'kwame@acme-robotics.example';
const INVITEE = `ines.e2e.${Date.now()}@acme-robotics.example`;
const INVITEE_PASSWORD = 'a long new password 42';

async function signIn(page: Page, url: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${url}/ats/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

/** The text of one column of the results table, row by row. */
async function column(page: Page, index: number): Promise<string[]> {
  return page
    .locator('#pipeline-results tbody tr')
    .evaluateAll(
      (rows, i) => rows.map((r) => (r.children[i] as { innerText?: string } | undefined)?.innerText ?? ''),
      index,
    );
}

interface Api {
  get<T>(path: string): Promise<T>;
}

function apiFor(url: string, dataDir: string): Api {
  const authorization = createKeyViaCli(dataDir, 'e2e pipeline');
  return {
    async get<T>(path: string): Promise<T> {
      const res = await fetch(`${url}/v1${path}`, { headers: { authorization } });
      assert.equal(res.status, 200, `GET /v1${path}`);
      return ((await res.json()) as { data: T }).data;
    },
  };
}

describe('ATS pages: pipeline, candidate profile, users and roles (browser)', () => {
  const dataDir = makeDataDir();
  let url = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Api;
  let candidateId = '';
  let candidateName = '';

  before(async () => {
    const proc = spawnHireloop(['start'], { env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
    url = await proc.waitForUrl(120_000);
    await proc.waitForOutput(/Stop with Ctrl\+C/, 120_000);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    api = apiFor(url, dataDir);
  });

  after(async () => {
    await browser?.close();
    await killAll();
    removeDataDir(dataDir);
  });

  it('the recruiter filters the pipeline by the Referral tag; the URL carries it', async () => {
    await signIn(page, url, RECRUITER);
    assert.equal(new URL(page.url()).pathname, '/ats/candidates');
    const nav = await page.getByRole('navigation', { name: 'Main' }).innerText();
    assert.match(nav, /Candidates/);
    assert.doesNotMatch(nav, /Settings/, 'a team member has no settings to open');
    await checkPage(page, AREA, 'pipeline');

    // htmx swaps only the results and pushes the canonical URL.
    await page.getByLabel('Tag', { exact: true }).selectOption('Referral');
    await page.waitForURL((u) => u.searchParams.get('tag') === 'Referral', { waitUntil: 'commit' });
    await page.locator('#pipeline-results tbody tr').first().waitFor();
    const tags = await column(page, 4);
    assert.ok(tags.length > 0, 'some candidates carry the Referral tag');
    for (const t of tags) assert.match(t, /\bReferral\b/);
    candidateName = (await column(page, 0))[0]!.split('\n')[0]!.trim();
    await checkPage(page, AREA, 'pipeline-referral-tag');

    await page.reload();
    assert.equal(
      await page.getByLabel('Tag', { exact: true }).inputValue(),
      'Referral',
      'a reload keeps the filter',
    );
  });

  it('filters by a source, searches by name, and the back button restores the previous filter', async () => {
    await page.goto(`${url}/ats/candidates`);
    await page.getByLabel('Source', { exact: true }).selectOption('LinkedIn');
    await page.waitForURL((u) => u.searchParams.get('source') === 'LinkedIn', { waitUntil: 'commit' });
    await page.locator('#pipeline-results tbody tr').first().waitFor();
    const sources = await column(page, 3);
    assert.ok(sources.length > 0);
    for (const s of sources) assert.match(s, /LinkedIn/);
    await checkPage(page, AREA, 'pipeline-source');

    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await page.waitForURL((u) => u.searchParams.get('archived') === 'all', { waitUntil: 'commit' });
    // Back is a history restore (htmx re-fetches the page for that URL): the previous filters come back.
    await page.evaluate('history.back()');
    await page.waitForURL(
      (u) => u.searchParams.get('source') === 'LinkedIn' && !u.searchParams.has('archived'),
      {
        waitUntil: 'commit',
      },
    );
    // Polled from the test: a string predicate would be eval'd in the page, which its CSP (script-src 'self') forbids.
    const archived = page.locator('#field-archived');
    for (let i = 0; i < 100 && (await archived.inputValue()) !== 'active'; i++)
      await page.waitForTimeout(100);
    assert.equal(await archived.inputValue(), 'active');
    assert.equal(await page.getByLabel('Source', { exact: true }).inputValue(), 'LinkedIn');
    await page.locator('#pipeline-results tbody tr').first().waitFor();

    await page.goto(`${url}/ats/candidates`);
    const first = candidateName.split(' ')[0]!;
    await page.getByLabel('Name or email').fill(first);
    await page.waitForURL((u) => u.searchParams.get('q') === first, { waitUntil: 'commit' });
    await page.locator('#pipeline-results tbody tr').first().waitFor();
    for (const n of await column(page, 0)) assert.match(n.toLowerCase(), new RegExp(first.toLowerCase()));

    // A filter with no match says so; a forged page token is a 400 page, not a 500.
    await page.goto(`${url}/ats/candidates?q=nobody-is-called-this`);
    await page.getByText('No candidates match these filters').waitFor();
    const bad = await page.goto(`${url}/ats/candidates?offset=%5B%22x%22%5D`);
    assert.equal(bad?.status(), 400);
    await checkPage(page, AREA, 'pipeline-bad-token');
  });

  it('opens a candidate, moves the stage, adds a tag and a note, and is told why an empty tag is refused', async () => {
    await page.goto(`${url}/ats/candidates?tag=Referral`);
    await page.getByRole('link', { name: candidateName }).first().click();
    await page.waitForURL(/\/ats\/candidates\/[0-9a-f-]{36}$/);
    candidateId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: candidateName }).waitFor();
    await checkPage(page, AREA, 'candidate-profile');

    await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Offer' });
    await page.getByRole('button', { name: 'Move to stage' }).click();
    await page.getByText('Stage changed.').waitFor();

    await page.getByLabel('Add a note').fill('Strong systems thinking; endorse moving to offer.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Note added.').waitFor();
    await page.getByText('Strong systems thinking; endorse moving to offer.').waitFor();

    // An empty tag: 400, the reason by the field, the note typed meanwhile is not lost (nothing else changed).
    await page.getByRole('button', { name: 'Add tag' }).click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    assert.match(await alert.innerText(), /Type a tag to add/);
    await checkPage(page, AREA, 'candidate-profile-error');

    await page.getByLabel('Add a tag').fill('E2E shortlist');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByText('Added the tag “E2E shortlist”.').waitFor();
    await page.getByRole('button', { name: 'Remove tag E2E shortlist' }).click();
    await page.getByText('Removed the tag “E2E shortlist”.').waitFor();

    // The resume downloads through the page route with the session.
    const resume = page.locator('a[download]').first();
    if ((await resume.count()) > 0) {
      const res = await page.request.get(new URL((await resume.getAttribute('href'))!, url).toString());
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-disposition'] ?? '', /^attachment/);
    }
  });

  it('archives the candidate as Hired; the API shows the hire and the stage change by the recruiter', async () => {
    await page.goto(`${url}/ats/candidates/${candidateId}`);
    await page.getByLabel('Archive with a reason').selectOption({ label: 'Hired (hire)' });
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByText('Archived as hired.').waitFor();
    await page.getByText('Archived: Hired').first().waitFor();
    await checkPage(page, AREA, 'candidate-hired');

    const opp = await api.get<{
      archived: { reason: string; archivedAt: number } | null;
      stage: string;
      stageChanges: { toStageId: string; userId: string | null }[];
    }>(`/opportunities/${candidateId}`);
    const reasons = await api.get<{ id: string; text: string; type: string }[]>('/archive_reasons');
    const hired = reasons.find((r) => r.type === 'hired');
    assert.ok(opp.archived, 'archived');
    assert.equal(opp.archived.reason, hired?.id);
    assert.equal(opp.stage, 'offer');
    const [diego] = await api.get<{ id: string }[]>(`/users?email=${encodeURIComponent(RECRUITER)}`);
    assert.deepEqual(opp.stageChanges.at(-1), {
      ...opp.stageChanges.at(-1),
      toStageId: 'offer',
      userId: diego!.id,
    });

    await page.goto(`${url}/ats/candidates?archived=archived&tag=Referral`);
    assert.ok(
      (await column(page, 0)).some((n) => n.startsWith(candidateName)),
      'listed under Archived',
    );
  });

  it('a Limited Team Member sees only the candidates of their postings', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const limited = await ctx.newPage();
      await signIn(limited, url, LIMITED);
      const [hannah] = await api.get<{ id: string }[]>(`/users?email=${encodeURIComponent(LIMITED)}`);
      const postings = await api.get<
        {
          id: string;
          text: string;
          owner: string | null;
          hiringManager: string | null;
          followers: string[];
        }[]
      >('/postings?limit=100');
      const theirs = new Set(
        postings
          .filter(
            (p) =>
              p.owner === hannah!.id || p.hiringManager === hannah!.id || p.followers.includes(hannah!.id),
          )
          .map((p) => p.text),
      );
      await limited.goto(`${url}/ats/candidates?archived=all`);
      await limited.getByText('As a Limited Team Member').waitFor();
      const shown = await column(limited, 1);
      assert.ok(shown.length > 0, 'they see some candidates');
      for (const p of shown) assert.ok(theirs.has(p), `"${p}" is one of their postings`);
      await checkPage(limited, AREA, 'pipeline-limited-team-member');

      // Someone else's candidate does not exist for them: the same 404 as an unknown id.
      const theirIds = new Set(postings.filter((p) => theirs.has(p.text)).map((p) => p.id));
      const all = await api.get<{ id: string; applications: { posting: string | null }[] }[]>(
        '/opportunities?expand=applications&limit=100',
      );
      const other = all.find(
        (o) =>
          o.applications.length > 0 && o.applications.every((a) => a.posting && !theirIds.has(a.posting)),
      );
      assert.ok(other, 'a candidate of another posting exists');
      const res = await limited.goto(`${url}/ats/candidates/${other.id}`);
      assert.equal(res?.status(), 404);
      await limited.getByText('is not one you can see').waitFor();
      await checkPage(limited, AREA, 'candidate-not-visible');
    } finally {
      await ctx.close();
    }
  });

  it('an interviewer is told why there is no list and why Users is closed', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const p = await ctx.newPage();
      await signIn(p, url, INTERVIEWER);
      await p.getByText('Interviewers see the candidates they interview').waitFor();
      await checkPage(p, AREA, 'pipeline-interviewer');
      const res = await p.goto(`${url}/ats/settings/users`);
      assert.equal(res?.status(), 403);
      await p.getByText('Users and roles are managed by Super Admins and Admins.').waitFor();
      await checkPage(p, AREA, 'users-forbidden');
    } finally {
      await ctx.close();
    }
  });

  it('an Admin invites a person, who sets a password from the emailed link and signs in; deactivation signs them out', async () => {
    const admin = page;
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await signIn(admin, url, ADMIN);
    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.waitForURL(/\/ats\/settings\/users$/);
    await checkPage(admin, AREA, 'users');

    await admin.getByLabel('Name').fill('Ines Invitee');
    await admin.getByLabel('Email').fill(INVITEE);
    await admin.getByLabel('Role', { exact: true }).selectOption('team member');
    await admin.getByRole('button', { name: 'Send invitation', exact: true }).click();
    await admin.getByText(`Invited ${INVITEE} as team member.`).waitFor();

    // The same email again: refused with the reason, the form keeps what was typed.
    await admin.getByLabel('Name').fill('Ines Again');
    await admin.getByLabel('Email').fill(INVITEE);
    await admin.getByRole('button', { name: 'Send invitation', exact: true }).click();
    await admin.getByRole('alert').first().waitFor();
    assert.match(await admin.getByRole('alert').first().innerText(), /already exists/);
    assert.equal(await admin.getByLabel('Name').inputValue(), 'Ines Again');
    await checkPage(admin, AREA, 'users-invite-error');

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const invitee = await ctx.newPage();
      await invitee.goto(`${url}/mailbox?to=${encodeURIComponent(INVITEE)}`);
      await invitee.getByRole('link', { name: /invited you to Acme Robotics/ }).click();
      const text = await invitee.locator('.mail-body').innerText();
      const link = /https?:\/\/\S+\/ats\/set-password\?token=\S+/.exec(text)?.[0];
      assert.ok(link, `the mail carries a set-password link: ${text}`);
      // With PORT=0 the configured public URL cannot know the port; follow the link's path on the server.
      const target = new URL(link);
      await invitee.goto(`${url}${target.pathname}${target.search}`);
      await invitee.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await checkPage(invitee, AREA, 'set-password');

      await invitee.getByLabel('New password').fill(INVITEE_PASSWORD);
      await invitee.getByLabel('Repeat the password').fill('something else entirely');
      await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
      await invitee.getByText('The two passwords are not the same.').first().waitFor();
      await checkPage(invitee, AREA, 'set-password-error');

      await invitee.getByLabel('New password').fill(INVITEE_PASSWORD);
      await invitee.getByLabel('Repeat the password').fill(INVITEE_PASSWORD);
      await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
      await invitee.getByText('Your password is set. Welcome, Ines Invitee.').waitFor();
      assert.equal(new URL(invitee.url()).pathname, '/ats/candidates');

      // The link works once.
      const again = await invitee.goto(`${url}${target.pathname}${target.search}`);
      assert.equal(again?.status(), 404);

      await invitee.goto(`${url}/ats/candidates`);
      await invitee.getByRole('button', { name: 'Sign out' }).click();
      await signIn(invitee, url, INVITEE, INVITEE_PASSWORD);
      assert.equal(new URL(invitee.url()).pathname, '/ats/candidates');

      // The admin deactivates them: their next page asks them to sign in, and signing in is refused.
      await admin.goto(`${url}/ats/settings/users`);
      admin.once('dialog', (d) => void d.accept());
      await admin.getByRole('button', { name: 'Deactivate Ines Invitee' }).click();
      await admin.getByText('Ines Invitee is deactivated and signed out everywhere.').waitFor();
      await invitee.goto(`${url}/ats/candidates`);
      assert.equal(new URL(invitee.url()).pathname, '/ats/sign-in');
      await signIn(invitee, url, INVITEE, INVITEE_PASSWORD);
      assert.equal(new URL(invitee.url()).pathname, '/ats/sign-in');
    } finally {
      await ctx.close();
    }
  });
});
