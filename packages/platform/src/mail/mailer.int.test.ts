import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { Kysely } from 'kysely';
import { createTestRuntime, type TestRuntime } from '../testing.ts';
import { listMail, type MailDb } from './mail.repository.ts';

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('mail through a real SMTP server', () => {
  const received: { to: string[]; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  let rt: TestRuntime;

  before(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    rt = await createTestRuntime([], { smtpUrl: `smtp://127.0.0.1:${port}` });
    await rt.queue.startWorkers();
  });
  after(async () => {
    await rt.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends a message enqueued in a committed transaction, and nothing from a rolled-back one', async () => {
    await assert.rejects(
      rt.db.transaction().execute(async (trx) => {
        await rt.mailer.send(trx, { to: 'ghost@example.com', subject: 'never', text: 'rolled back' });
        throw new Error('roll back');
      }),
    );
    await rt.db.transaction().execute((trx) =>
      rt.mailer.send(trx, {
        to: 'Ada@Example.com',
        subject: 'Welcome to Hireloop',
        text: 'Hello Ada',
        tag: 'test.welcome',
      }),
    );
    const message = await waitFor(async () => received.find((m) => m.to.includes('ada@example.com')));
    assert.match(message.raw, /Subject: Welcome to Hireloop/);
    assert.match(message.raw, /Hello Ada/);
    const rows = await waitFor(async () => {
      const r = await listMail(rt.db as Kysely<MailDb>, { limit: 10 });
      return r.every((m) => m.status === 'sent') ? r : undefined;
    });
    assert.deepEqual(
      rows.map((r) => [r.to_address, r.status, r.transport, r.tag]),
      [['ada@example.com', 'sent', 'smtp', 'test.welcome']],
    );
    assert.equal(
      received.some((m) => m.to.includes('ghost@example.com')),
      false,
    );
  });
});

describe('captured mail (no SMTP_URL)', () => {
  let rt: TestRuntime;
  before(async () => {
    rt = await createTestRuntime();
    await rt.queue.startWorkers();
  });
  after(() => rt.close());

  it('keeps the message in the mailbox instead of sending it', async () => {
    assert.equal(rt.mailer.mode, 'captured');
    await rt.mailer.send(rt.db, { to: 'grace@example.com', subject: 'Invitation', text: 'Join us' });
    const row = await waitFor(async () => {
      const [m] = await listMail(rt.db as Kysely<MailDb>, { to: 'grace@example.com', limit: 1 });
      return m?.status === 'captured' ? m : undefined;
    });
    assert.equal(row.subject, 'Invitation');
    assert.equal(row.transport, 'mailbox');
  });
});
