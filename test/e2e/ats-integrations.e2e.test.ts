// Issue 6, Settings › Integrations and API as a person in a browser against the real server (`hireloop
// start`, demo seed, port 0; the demo start allows loopback webhooks): the Super Admin generates a key from
// the Recruitment marketing preset and sees it once (the key reads postings and is refused a write); turns
// on the four webhooks the seed integrations use for a real local receiver, changes a stage through the API
// and finds the delivery at the receiver (both signatures verified) and in the delivery log, re-sends it
// with its original id; regenerates the token with no overlap and sees the next delivery signed with the
// new token only; authorizes an OAuth app on the consent page and revokes it under Authorized Apps (its
// token then gets 401); an Admin without the permission is told why. Every page passes axe (0 serious or
// critical) and is screenshotted at 1280 and 390 px (test-results/screenshots/ats/).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { verifyLever, verifyStandard } from '@hireloop/lever/webhook-signature';
import { RECRUITMENT_MARKETING_PRESET } from '@hireloop/lever/permissions';
import {
  cliEnv,
  killAll,
  makeDataDir,
  removeDataDir,
  REPO_ROOT,
  spawnHireloop,
} from './support/hireloop-process.ts';
import { checkPage, launchChromium } from './support/browser.ts';

const AREA = 'ats';
const PASSWORD = 'hireloop-demo';
const SUPER_ADMIN = 'morgan@acme-robotics.example';
const ADMIN = 'priya@acme-robotics.example';
const BASE = '/ats/settings/integrations';
const FOUR = [
  ['candidateStageChange', 'Opportunity stage changed'],
  ['candidateArchiveChange', 'Opportunity archived or unarchived'],
  ['candidateHired', 'Candidate hired'],
  ['candidateDeleted', 'Opportunity deleted'],
] as const;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: {
    token: string;
    triggeredAt: number;
    signature: string;
    event: string;
    data: Record<string, unknown>;
  };
}

/** A real webhook receiver and OAuth callback on 127.0.0.1:0. */
function startReceiver(): Promise<{
  server: http.Server;
  port: number;
  hooks: Received[];
  callbacks: URL[];
}> {
  const hooks: Received[] = [];
  const callbacks: URL[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (req.url?.startsWith('/cb')) {
        callbacks.push(new URL(req.url, 'http://127.0.0.1'));
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<!doctype html><html lang="en"><title>Demo app</title><main><h1>Connected</h1></main></html>',
        );
        return;
      }
      // The browser also asks the callback page's origin for /favicon.ico: only POSTs are deliveries.
      if (req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      hooks.push({
        path: req.url ?? '',
        headers: req.headers,
        body,
        json: JSON.parse(body) as Received['json'],
      });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, hooks, callbacks }),
    ),
  );
}

async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/ats/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('ATS pages: Settings › Integrations and API (browser)', () => {
  const dataDir = makeDataDir();
  let url = '';
  let browser: Browser;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let adminAuth = '';

  const cli = (args: string[]): string =>
    execFileSync(process.execPath, ['packages/server/src/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: cliEnv(dataDir),
      encoding: 'utf8',
    });
  const api = (path: string, init: { method?: string; body?: unknown; auth?: string } = {}) =>
    fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: init.auth ?? adminAuth,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  /** Moves some opportunity to another stage through the API; returns its id. */
  const changeStage = async (): Promise<string> => {
    const opps = (await (await api('/v1/opportunities?limit=5')).json()) as {
      data: { id: string; stage: string }[];
    };
    const stages = (await (await api('/v1/stages')).json()) as { data: { id: string }[] };
    const opp = opps.data[0]!;
    const target = stages.data.find((s) => s.id !== opp.stage)!;
    const res = await api(`/v1/opportunities/${opp.id}/stage`, { method: 'PUT', body: { stage: target.id } });
    assert.equal(res.status, 200, await res.text());
    return opp.id;
  };

  before(async () => {
    receiver = await startReceiver();
    const proc = spawnHireloop(['start'], { env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
    url = await proc.waitForUrl(120_000);
    await proc.waitForOutput(/Stop with Ctrl\+C/, 120_000);
    const created = JSON.parse(
      cli(['api-key', 'create', '--site', 'acme', '--name', 'e2e admin', '--all', '--json']),
    ) as { key: string };
    adminAuth = `Basic ${Buffer.from(`${created.key}:`).toString('base64')}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, url, SUPER_ADMIN);
  });

  after(async () => {
    await browser?.close();
    await killAll();
    receiver?.server.close();
    removeDataDir(dataDir);
  });

  it('generates a Recruitment marketing key, shows it once; it reads postings and may not write', async () => {
    await page.goto(`${url}${BASE}`);
    assert.equal(new URL(page.url()).pathname, `${BASE}/api-keys`);
    await checkPage(page, AREA, 'integrations-api-keys');
    await page.getByRole('link', { name: 'Generate new key' }).click();
    await page.getByLabel('Key name').fill('PageUp recruitment marketing');
    await checkPage(page, AREA, 'integrations-new-key');

    await page.getByRole('button', { name: /Recruitment marketing \(read only\)/ }).click();
    await page.getByText('Filled in the “Recruitment marketing (read only)” preset').waitFor();
    assert.equal(await page.getByLabel('Key name').inputValue(), 'PageUp recruitment marketing');
    const checked: string[] = [];
    for (const box of await page.locator('input[name="permissions"]:checked').all())
      checked.push((await box.getAttribute('value')) ?? '');
    assert.deepEqual(checked.sort(), [...RECRUITMENT_MARKETING_PRESET.permissions].sort());
    assert.equal(await page.getByLabel('Allow access to confidential data').isChecked(), true);
    await checkPage(page, AREA, 'integrations-new-key-preset');

    await page.getByRole('button', { name: 'Generate key' }).click();
    await page.getByText('This is the only time the key is shown.').waitFor();
    const key = await page.locator('#new-api-key').inputValue();
    assert.ok(key.length >= 40);
    assert.ok(await page.getByRole('button', { name: 'Copy' }).isVisible());
    await checkPage(page, AREA, 'integrations-key-created');

    await page.reload();
    await page.getByRole('rowheader', { name: 'PageUp recruitment marketing' }).waitFor();
    assert.equal(await page.locator('#new-api-key').count(), 0);
    assert.ok(!(await page.content()).includes(key), 'the key is never shown again');
    await page.getByText('19 permissions, read only').first().click();

    const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
    const postings = await api('/v1/postings?limit=1', { auth });
    assert.equal(postings.status, 200);
    const write = await api('/v1/postings', { method: 'POST', auth, body: { text: 'Nope', owner: 'x' } });
    assert.equal(write.status, 403);
  });

  it('turns on the four webhooks, and a stage change reaches the receiver and the delivery log', async () => {
    const hookUrl = `http://127.0.0.1:${receiver.port}/lever`;
    await page.goto(`${url}${BASE}/webhooks`);
    await checkPage(page, AREA, 'integrations-webhooks');
    for (const [, label] of FOUR) {
      await page.getByLabel(`Send ${label} events`).check();
      await page.getByLabel(`Webhook URL for ${label}`).fill(hookUrl);
      await page.getByRole('button', { name: `Save ${label}`, exact: true }).click();
      await page.getByText(`${label}: on, sending to ${hookUrl}.`).waitFor();
    }
    await page.getByRole('link', { name: 'Reveal signature token of Opportunity stage changed' }).click();
    const tokenInput = page.locator('input[id^="token-value-"]');
    await tokenInput.waitFor();
    const token = await tokenInput.inputValue();
    await checkPage(page, AREA, 'integrations-webhooks-on');

    const oppId = await changeStage();
    const hook = await until('the stage change delivery', () =>
      receiver.hooks.find(
        (h) => h.json.event === 'candidateStageChange' && h.json.data.opportunityId === oppId,
      ),
    );
    assert.equal(verifyLever({ secrets: [token], ...hook.json }), true);
    const standard = verifyStandard({
      id: hook.headers['webhook-id'] as string,
      timestamp: hook.headers['webhook-timestamp'] as string,
      signatureHeader: hook.headers['webhook-signature'] as string,
      body: hook.body,
      secrets: [token],
    });
    assert.deepEqual(standard, { ok: true });

    await page.getByRole('link', { name: 'Delivery log of Opportunity stage changed' }).click();
    const deliveryId = hook.headers['webhook-id'] as string;
    await until('the delivery marked succeeded', async () => {
      await page.reload();
      const row = page.getByRole('row').filter({ hasText: deliveryId });
      return (await row.count()) && (await row.getByText('succeeded').count()) ? true : undefined;
    });
    const row = page.getByRole('row').filter({ hasText: deliveryId });
    await row.getByText('1 attempt').click();
    await row.getByRole('listitem').filter({ hasText: 'HTTP 200' }).waitFor();
    await checkPage(page, AREA, 'integrations-delivery-log');

    // Filters: a status that does not match hides it; the event filter keeps it.
    await page.getByLabel('Status').selectOption('exhausted');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No deliveries match these filters.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Event').selectOption('candidateStageChange');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('row').filter({ hasText: deliveryId }).waitFor();

    const before = receiver.hooks.length;
    await page.getByRole('button', { name: `Re-send delivery ${deliveryId}` }).click();
    await page.getByText(`Re-sending delivery ${deliveryId} with its original id.`).waitFor();
    const resent = await until('the re-sent delivery', () =>
      receiver.hooks.slice(before).find((h) => h.headers['webhook-id'] === deliveryId),
    );
    assert.equal(resent.json.token, hook.json.token);
    assert.equal(resent.json.triggeredAt, hook.json.triggeredAt);
  });

  it('regenerates the token with no overlap: the next delivery is signed with the new token only', async () => {
    await page.goto(`${url}${BASE}/webhooks`);
    await page.getByRole('link', { name: 'Reveal signature token of Opportunity stage changed' }).click();
    const oldToken = await page.locator('input[id^="token-value-"]').inputValue();
    await page.getByLabel('When the old token stops working (Opportunity stage changed)').selectOption('0');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Regenerate token of Opportunity stage changed' }).click();
    await page.getByText(/The old token stopped working immediately/).waitFor();
    const newToken = await page.locator('input[id^="token-value-"]').inputValue();
    assert.notEqual(newToken, oldToken);
    await checkPage(page, AREA, 'integrations-webhooks-rotated');

    const oppId = await changeStage();
    const hook = await until('the delivery after rotation', () =>
      receiver.hooks.find(
        (h) =>
          h.json.event === 'candidateStageChange' &&
          h.json.data.opportunityId === oppId &&
          verifyLever({ secrets: [newToken], ...h.json }),
      ),
    );
    assert.equal(verifyLever({ secrets: [oldToken], ...hook.json }), false);
    const signatures = String(hook.headers['webhook-signature']).split(' ');
    assert.equal(signatures.length, 1, 'only the new token signs');
    const check = (secret: string) =>
      verifyStandard({
        id: hook.headers['webhook-id'] as string,
        timestamp: hook.headers['webhook-timestamp'] as string,
        signatureHeader: hook.headers['webhook-signature'] as string,
        body: hook.body,
        secrets: [secret],
      }).ok;
    assert.deepEqual([check(newToken), check(oldToken)], [true, false]);
  });

  it('authorizes an OAuth app on the consent page and revokes it under Authorized Apps', async () => {
    const redirectUri = `http://127.0.0.1:${receiver.port}/cb`;
    const client = JSON.parse(
      cli(['oauth-client', 'create', '--name', 'Demo app', '--redirect-uri', redirectUri, '--json']),
    ) as { clientId: string; clientSecret: string };
    const authorize = new URL(`${url}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: redirectUri,
      scope: 'offline_access opportunities:read:admin',
      state: 'e2e-state',
    }).toString();
    await page.goto(authorize.toString());
    await page.getByRole('button', { name: 'Accept' }).waitFor();
    await checkPage(page, AREA, 'oauth-consent');
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL((u) => u.toString().startsWith(redirectUri));
    const callback = await until('the OAuth callback', () => receiver.callbacks.at(-1));
    assert.equal(callback.searchParams.get('state'), 'e2e-state');
    const tokenRes = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: redirectUri,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    });
    assert.equal(tokenRes.status, 200);
    const bearer = `Bearer ${((await tokenRes.json()) as { access_token: string }).access_token}`;
    assert.equal((await api('/v1/opportunities?limit=1', { auth: bearer })).status, 200);

    await page.goto(`${url}${BASE}/apps`);
    const row = page.getByRole('row').filter({ hasText: 'Demo app' });
    await row.getByText(/^Morgan Lee/).waitFor();
    await row.getByText('2 permissions').click();
    await checkPage(page, AREA, 'integrations-apps');
    await row.getByRole('link', { name: 'Revoke access of Demo app' }).click();
    await checkPage(page, AREA, 'integrations-app-revoke');
    await page.getByRole('button', { name: 'Revoke access' }).click();
    await page.getByText('Revoked access of “Demo app”.').waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: 'Demo app' }).count(), 0);
    assert.equal((await api('/v1/opportunities?limit=1', { auth: bearer })).status, 401);
  });

  it('revokes the key with confirmation', async () => {
    await page.goto(`${url}${BASE}/api-keys`);
    await page.getByRole('link', { name: 'Revoke PageUp recruitment marketing' }).click();
    await checkPage(page, AREA, 'integrations-key-revoke');
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('Revoked the API key “PageUp recruitment marketing”.').waitFor();
  });

  it('tells an Admin without “manage API credentials and integrations” why the page is closed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await context.newPage();
    try {
      await signIn(admin, url, ADMIN);
      const res = await admin.goto(`${url}${BASE}/webhooks`);
      assert.equal(res?.status(), 403);
      await admin.getByText(/without that permission\. Ask a Super Admin/).waitFor();
      await checkPage(admin, AREA, 'integrations-forbidden');
    } finally {
      await context.close();
    }
  });
});
