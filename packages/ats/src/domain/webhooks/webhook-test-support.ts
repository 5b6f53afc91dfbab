// Test support for the webhook tests (never imported by production code): a real node:http receiver on
// loopback that verifies with the lever receiver helper, a fake clock, and an app with webhook deps set.
import http from 'node:http';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import {
  createMemoryDeliveryStore,
  verifyLeverDelivery,
  type ReceiveResult,
} from '@hireloop/lever/webhook-receiver';
import type { AtsKysely } from '../../db.ts';
import { createTestTenant, type AtsTestApp, type TestTenant } from '../../test-support.ts';
import type { DeliveryEnv } from './delivery-engine.ts';
import { setWebhookDeps, webhookDeps } from './webhook-deps.ts';
import type { WebhookRow } from './webhook.repository.ts';
import { createWebhook } from './webhook.service.ts';

export interface FakeClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}
export function fakeClock(start = Date.parse('2026-03-02T09:00:00Z')): FakeClock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}

export interface Received {
  readonly at: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly result: ReceiveResult;
}

export interface TestReceiver {
  readonly url: string;
  readonly received: Received[];
  /** Answer with this status (and headers) instead of verifying; undefined = verify and 200/4xx. */
  answer: { status: number; headers?: Record<string, string> } | undefined;
  /** Milliseconds to wait before answering the n-th request (0-based); undefined = answer at once. */
  delayMs: ((n: number) => number) | undefined;
  secrets: string[];
  close(): Promise<void>;
}

/** A receiver that verifies each delivery with verifyLeverDelivery at `now()` and one replay store. */
export async function startReceiver(now: () => number = Date.now): Promise<TestReceiver> {
  const store = createMemoryDeliveryStore({ now, retainMs: 365 * 86_400_000 });
  const receiver: TestReceiver = {
    url: '',
    received: [],
    answer: undefined,
    delayMs: undefined,
    secrets: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  let requests = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    const delay = receiver.delayMs?.(requests++) ?? 0;
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => setTimeout(answer, delay));
    const answer = () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const forced = receiver.answer;
      if (forced) {
        res.writeHead(forced.status, forced.headers).end('receiver is down');
        return;
      }
      void verifyLeverDelivery({
        rawBody: body,
        headers: req.headers,
        secrets: receiver.secrets,
        store,
        now: now(),
      }).then((result) => {
        receiver.received.push({ at: now(), headers: req.headers, body, result });
        res
          .writeHead(result.ok ? 200 : result.code === 'replayed' ? 200 : 401)
          .end(result.ok ? 'ok' : result.code);
      });
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  (receiver as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

export function deliveryEnv(t: AtsTestApp, clock: FakeClock, random = () => 0.5): DeliveryEnv {
  // Patience above the timeout: a test batch is always recorded whole unless a test lowers it.
  setWebhookDeps(t.runtime, { clock, random, allowLoopback: true, timeoutMs: 2_000, batchPatienceMs: 5_000 });
  return { db: t.db, queue: t.runtime.queue, deps: webhookDeps(t.runtime) };
}

export interface StageChangeFixture {
  tenant: TestTenant;
  clock: FakeClock;
  env: DeliveryEnv;
  receiver: TestReceiver;
  webhook: WebhookRow;
}

/**
 * A candidateStageChange webhook (API-made) of `tenant` — a new one unless given — to a fresh receiver that
 * verifies its signature.
 */
export async function stageChangeFixture(t: AtsTestApp, given?: TestTenant): Promise<StageChangeFixture> {
  const tenant = given ?? (await createTestTenant(t.db));
  const clock = fakeClock();
  const env = deliveryEnv(t, clock);
  const receiver = await startReceiver(() => clock.now());
  const webhook = await createWebhook(
    t.db,
    env.deps,
    tenant.account.id,
    { url: receiver.url, event: 'candidateStageChange' },
    'api',
  );
  receiver.secrets = [webhook.signature_token];
  return { tenant, clock, env, receiver, webhook };
}

/** Emits through the real events port (which also writes the outbox row) and returns the event id. */
export async function emitStageChange(t: AtsTestApp, accountId: string, origin = 'applied'): Promise<string> {
  const opportunityId = crypto.randomUUID();
  await t.db.transaction().execute((trx: AtsKysely) =>
    t.ctx.events.emit(
      trx,
      accountId,
      'candidateStageChange',
      {
        opportunityId,
        candidateId: opportunityId,
        contactId: crypto.randomUUID(),
        fromStageId: 'lead-new',
        toStageId: 'offer',
      },
      origin,
    ),
  );
  const row = await t.db
    .selectFrom('ats.event_log')
    .select('id')
    .where('account_id', '=', accountId)
    .where(sql`data->>'opportunityId'`, '=', opportunityId)
    .executeTakeFirstOrThrow();
  return row.id;
}
