// Webhook delivery survives `kill -9`: a burst of contact updates (each one a contactUpdated event
// committed with its outbox row) while the server — web and worker — is SIGKILLed 5 times mid-delivery.
// A real node:http receiver here verifies each POST with the lever receiver helper and one replay store:
// every event is processed exactly once; duplicates exist only on the wire (attempts cut by a kill).
// Runs on the embedded database, or on a fresh PostgreSQL database when DATABASE_URL is set.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase } from '@hireloop/platform/testing';
import { createMemoryDeliveryStore, verifyLeverDelivery } from '@hireloop/lever/webhook-receiver';
import {
  killAll,
  makeDataDir,
  removeDataDir,
  spawnHireloop,
  waitFor,
  type HireloopProcess,
} from './support/hireloop-process.ts';

const EVENTS = 2_000;
const KILLS = 5;
const PER_ROUND = EVENTS / KILLS;

describe(`webhooks: kill -9 during a burst of ${EVENTS} events, ${KILLS} times (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  const dataDir = makeDataDir();
  let database: { url: string; drop(): Promise<void> } | undefined;
  let receiver: http.Server;
  let secret = '';
  const processed = new Set<string>();
  let wire = 0;
  let replayed = 0;
  let rejected = 0;
  const store = createMemoryDeliveryStore({ retainMs: 3600_000 });

  const env = (): Record<string, string> => ({
    DATA_DIR: dataDir,
    HIRELOOP_ALLOW_PRIVATE_WEBHOOKS: '1',
    QUEUE_SUPERVISE_INTERVAL_SECONDS: '2',
    API_RATE_LIMIT_PER_SECOND: '100000',
    API_RATE_LIMIT_BURST: '100000',
    LOG_LEVEL: 'info', // the "hireloop started" line carries the URL when DATABASE_URL is set
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  const start = async (): Promise<{ proc: HireloopProcess; url: string }> => {
    const proc = spawnHireloop(['serve'], { env: env() });
    return { proc, url: await proc.waitForUrl(90_000) };
  };
  const cli = async (args: string[]): Promise<Record<string, unknown>> => {
    const proc = spawnHireloop([...args, '--json'], { env: env() });
    const exit = await proc.waitForExit(60_000);
    assert.equal(exit.code, 0, proc.stderr() + proc.stdout());
    return JSON.parse(proc.stdout()) as Record<string, unknown>;
  };

  before(async () => {
    if (process.env.DATABASE_URL) database = await createTestDatabase(process.env.DATABASE_URL);
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        wire++;
        void verifyLeverDelivery({
          rawBody: Buffer.concat(chunks),
          headers: req.headers,
          secrets: [secret],
          store,
        }).then((r) => {
          if (r.ok) processed.add(String(req.headers['webhook-id']));
          else if (r.code === 'replayed') replayed++;
          else rejected++;
          res.writeHead(r.ok || r.code === 'replayed' ? 200 : 401).end();
        });
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    await killAll();
    receiver.closeAllConnections();
    receiver.close();
    await database?.drop();
    removeDataDir(dataDir);
  });

  it('loses no event and the receiver processes each exactly once', { timeout: 600_000 }, async (t) => {
    let server = await start();
    const site = `e2ewh${Date.now().toString(36)}`;
    await cli(['account', 'create', '--site', site, '--name', 'Webhook E2E']);
    const key = String((await cli(['api-key', 'create', '--site', site, '--name', 'e2e', '--all'])).key);
    const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/v1${path}`, {
        method,
        headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return text ? (JSON.parse(text) as { data: Record<string, unknown> }) : undefined;
    };
    const user = await api('POST', '/users', {
      name: 'Ada Admin',
      email: `ada@${site}.test`,
      accessRole: 'super admin',
    });
    const opp = await api('POST', `/opportunities?perform_as=${String(user?.data.id)}`, {
      name: 'Kim Kill',
      emails: ['kim@example.com'],
    });
    const contactId = String(opp?.data.contact);
    const hook = await api('POST', '/webhooks', {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lever`,
      event: 'contactUpdated',
    });
    secret = String((hook?.data.configuration as { signatureToken: string }).signatureToken);

    let sent = 0;
    for (let round = 1; round <= KILLS; round++) {
      const before = processed.size;
      // The burst: PER_ROUND updates, 20 in flight; each commits its event and outbox row together.
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (sent < round * PER_ROUND) {
            const n = ++sent;
            await api('PUT', `/contacts/${contactId}`, {
              name: `Kim Kill ${n}`,
              emails: ['kim@example.com'],
              phones: [],
            });
          }
        }),
      );
      // Kill while deliveries are in flight.
      await waitFor(
        'some deliveries of this round',
        async () => (processed.size >= before + 20 ? true : undefined),
        60_000,
        10,
      );
      server.proc.signal('SIGKILL');
      await server.proc.waitForExit(10_000);
      t.diagnostic(`round ${round}: killed after ${processed.size} processed, ${wire} on the wire`);
      server = await start();
    }
    const done = await waitFor(
      'every event processed',
      async () => (processed.size >= EVENTS ? true : undefined),
      240_000,
      200,
    ).catch((e: unknown) => e);
    t.diagnostic(
      `processed ${processed.size}, on the wire ${wire}, replayed (deduped) ${replayed}, rejected ${rejected}`,
    );
    assert.equal(done, true);
    // Quiet for a while: nothing more arrives that would be processed twice.
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(processed.size, EVENTS);
    assert.equal(rejected, 0);
    assert.ok(wire >= EVENTS);
    const exhausted = await api('GET', '/webhook_deliveries?status=exhausted');
    assert.deepEqual(exhausted, { data: [], hasNext: false });
    server.proc.signal('SIGTERM');
    await server.proc.waitForExit(30_000);
  });
});
