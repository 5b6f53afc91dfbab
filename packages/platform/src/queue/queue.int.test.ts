import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestRuntime, type TestRuntime } from '../testing.ts';

describe('queue (pg-boss on the same database)', () => {
  let rt: TestRuntime;
  const ran: string[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));

  before(async () => {
    rt = await createTestRuntime();
    await sql`create table public.thing (id text primary key)`.execute(rt.db);
    await rt.queue.register([
      {
        name: 'test.record',
        async handler(job) {
          ran.push((job.data as { id: string }).id);
        },
      },
      {
        name: 'test.slow',
        async handler(job) {
          await gate;
          ran.push(`slow:${(job.data as { id: string }).id}`);
        },
      },
    ]);
  });
  after(() => rt.close());

  it('commit keeps both the change and the job; rollback drops both', async () => {
    await rt.db.transaction().execute(async (trx) => {
      await sql`insert into public.thing values ('kept')`.execute(trx);
      await rt.queue.enqueue(trx, 'test.record', { id: 'kept' });
    });
    await assert.rejects(
      rt.db.transaction().execute(async (trx) => {
        await sql`insert into public.thing values ('dropped')`.execute(trx);
        await rt.queue.enqueue(trx, 'test.record', { id: 'dropped' });
        throw new Error('roll back');
      }),
      /roll back/,
    );
    const things = await sql<{ id: string }>`select id from public.thing order by id`.execute(rt.db);
    assert.deepEqual(
      things.rows.map((r) => r.id),
      ['kept'],
    );
    const jobs = await rt.queue.boss.findJobs<{ id: string }>('test.record');
    assert.deepEqual(
      jobs.map((j) => j.data.id),
      ['kept'],
    );

    await rt.queue.startWorkers();
    const deadline = Date.now() + 15_000;
    while (!ran.includes('kept') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(ran, ['kept']);
  });

  it('graceful stop waits for a running job to finish', async () => {
    await rt.queue.send('test.slow', { id: 'one' });
    const deadline = Date.now() + 15_000;
    let active = 0;
    while (active === 0 && Date.now() < deadline) {
      active = (await rt.queue.boss.findJobs('test.slow')).filter((j) => j.state === 'active').length;
      if (!active) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(active, 1);
    setTimeout(release, 300);
    const started = Date.now();
    await rt.queue.stop(10_000);
    assert.ok(Date.now() - started >= 250, 'stop returned before the running job finished');
    assert.ok(ran.includes('slow:one'));
  });
});
