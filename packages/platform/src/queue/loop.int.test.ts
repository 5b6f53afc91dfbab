// Background loops on the real database: a committed NOTIFY wakes the loop at once (a rolled-back one
// does not), wake-ups during a pass coalesce into one more pass, a failing pass is logged and the loop goes
// on, and stop() waits for the pass in progress.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { createTestRuntime, type TestRuntime } from '../testing.ts';
import { startLoop, type RunningLoop } from './loop.ts';

const CHANNEL = 'test_loop';
const until = async (what: string, ok: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe(`background loops (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let rt: TestRuntime;
  before(async () => {
    rt = await createTestRuntime();
  });
  after(() => rt.close());

  const notify = (rollback = false) =>
    rt.db
      .transaction()
      .execute(async (trx) => {
        await sql`select pg_notify(${CHANNEL}, '')`.execute(trx);
        if (rollback) throw new Error('roll back');
      })
      .catch(() => undefined);

  it('runs at start, again at a committed NOTIFY (not a rolled-back one), coalescing wake-ups during a pass', async () => {
    let passes = 0;
    let hold: Promise<void> = Promise.resolve();
    const loop = await startLoop(
      {
        name: 'test.loop',
        channel: CHANNEL,
        pollingIntervalSeconds: 60,
        pass: async () => {
          passes++;
          await hold;
          return false;
        },
      },
      rt.database,
      rt.logger,
    );
    try {
      await until('the first pass', () => passes === 1);
      await notify(true);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(passes, 1, 'a rolled-back NOTIFY woke the loop');
      await notify();
      await until('the pass after the NOTIFY', () => passes === 2);
      let release: () => void = () => {};
      hold = new Promise((r) => (release = r));
      await notify();
      await until('the held pass', () => passes === 3);
      for (let i = 0; i < 5; i++) await notify();
      await new Promise((r) => setTimeout(r, 300));
      hold = Promise.resolve();
      release();
      await until('one more pass for the five wake-ups', () => passes === 4);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(passes, 4);
    } finally {
      await loop.stop(1_000);
    }
  });

  it('runs again at once while a pass is full; a failed pass is logged and the next poll runs', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(line) });
    let passes = 0;
    let loop: RunningLoop | undefined;
    try {
      loop = await startLoop(
        {
          name: 'test.failing',
          pollingIntervalSeconds: 0.1,
          pass: async () => {
            passes++;
            if (passes === 4) throw new Error('database gone');
            return passes < 3; // two full passes, then idle
          },
        },
        rt.database,
        logger,
      );
      await until('the pass after the failure', () => passes >= 5);
      assert.equal(logged.filter((l) => l.includes('loop pass failed')).length, 1);
    } finally {
      await loop?.stop(1_000);
    }
  });

  it('stop() waits for the pass in progress, and no pass starts after it', async () => {
    let passes = 0;
    let finished = false;
    const loop = await startLoop(
      {
        name: 'test.stop',
        pollingIntervalSeconds: 0.05,
        pass: async () => {
          passes++;
          await new Promise((r) => setTimeout(r, 200));
          finished = true;
          return true;
        },
      },
      rt.database,
      rt.logger,
    );
    await until('the first pass', () => passes === 1);
    await loop.stop(5_000);
    assert.equal(finished, true);
    const stoppedAt = passes;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(passes, stoppedAt);
  });
});
