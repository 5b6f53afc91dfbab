import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createTestRuntime, type TestRuntime } from '../testing.ts';
import { migrateToLatest, MigrationError, type MigrationSet } from './migrate.ts';

const createTable = (name: string) => ({
  async up(db: Kysely<unknown>) {
    await db.schema.withSchema('demo').createTable(name).addColumn('id', 'integer').execute();
  },
});

describe('migrations', () => {
  let rt: TestRuntime;
  before(async () => (rt = await createTestRuntime()));
  after(() => rt.close());

  it('applies a set in its own schema once, then is a no-op', async () => {
    const set: MigrationSet = { schema: 'demo', migrations: { '0001-a': createTable('a') } };
    const first = await migrateToLatest(rt.db, [set]);
    assert.deepEqual(first, [{ schema: 'demo', applied: ['0001-a'] }]);
    const second = await migrateToLatest(rt.db, [set]);
    assert.deepEqual(second, [{ schema: 'demo', applied: [] }]);
  });

  it('a failing migration leaves the schema as it was and names itself', async () => {
    const set: MigrationSet = {
      schema: 'demo',
      migrations: {
        '0001-a': createTable('a'),
        '0002-b': createTable('b'),
        '0003-broken': { up: async (db) => void (await sql`select * from no_such_table`.execute(db)) },
      },
    };
    await assert.rejects(migrateToLatest(rt.db, [set]), (e: unknown) => {
      assert.ok(e instanceof MigrationError);
      assert.equal(e.migration, '0003-broken');
      return true;
    });
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'demo' and table_name in ('a', 'b')
      order by table_name`.execute(rt.db);
    assert.deepEqual(
      tables.rows.map((r) => r.table_name),
      ['a'],
      'table b of the failed batch must be rolled back',
    );
  });
});
