// Our pg Client (pg-client.ts): hot statements become prepared statements on PostgreSQL; on PGlite nothing
// changes.
// The cap and the untouched call forms are pg client behaviour: those tests exist on the PostgreSQL tier
// (DATABASE_URL; `.ci/run` runs both tiers), as PGlite has no pg client to test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, createTestRuntime, type TestRuntime } from '../testing.ts';
import { hireloopPgClient } from './pg-client.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe(`prepared statements (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let rt: TestRuntime;
  before(async () => (rt = await createTestRuntime()));
  after(() => rt.close());

  it('a parameterised query run 5 times is prepared on its connection and answers as before', async () => {
    await rt.db.connection().execute(async (conn) => {
      const answers: number[] = [];
      for (let i = 1; i <= 7; i++) {
        const { rows } = await sql<{ n: number }>`select ${i}::int * 2 as n`.execute(conn);
        answers.push(rows[0]!.n);
      }
      assert.deepEqual(answers, [2, 4, 6, 8, 10, 12, 14]);
      await assert.rejects(sql`select 1 / ${0}::int as z`.execute(conn), /division by zero/);
      await sql`select 1 as no_parameters`.execute(conn);
      await sql`select 1 as no_parameters`.execute(conn);
      const { rows } = await sql<{ statement: string }>`
        select statement from pg_prepared_statements where not from_sql order by statement`.execute(conn);
      // On PGlite every statement stays unnamed; the one without parameters is never prepared anywhere.
      assert.deepEqual(
        rows.map((r) => r.statement),
        rt.database.kind === 'postgres' ? ['select $1::int * 2 as n'] : [],
      );
    });
  });
});

if (onPostgres) {
  describe('hireloopPgClient on a pg pool', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    before(async () => (database = await createTestDatabase(process.env.DATABASE_URL!)));
    after(() => database.drop());

    /** One connection, so that pg_prepared_statements shows everything the pool prepared. */
    async function withPool(fn: (pool: pg.Pool) => Promise<void>, prepare = true): Promise<void> {
      const pool = new pg.Pool({
        connectionString: database.url,
        max: 1,
        Client: hireloopPgClient({ prepare, minUses: 2, max: 2 }),
      });
      try {
        await fn(pool);
      } finally {
        await pool.end();
      }
    }
    const prepared = async (pool: pg.Pool) =>
      (
        await pool.query<{ name: string; statement: string }>(
          'select name, statement from pg_prepared_statements order by name',
        )
      ).rows;

    it('prepares at most `max` texts; the rest, and other call forms, run unnamed', () =>
      withPool(async (pool) => {
        for (const column of ['a', 'b', 'c']) {
          for (let i = 0; i < 3; i++) {
            assert.deepEqual((await pool.query(`select $1::int as ${column}`, [i])).rows, [{ [column]: i }]);
          }
        }
        await pool.query({ text: 'select $1::int as d', values: [1] });
        await pool.query({ text: 'select $1::int as d', values: [1] });
        assert.deepEqual(await prepared(pool), [
          { name: 'hireloop_1', statement: 'select $1::int as a' },
          { name: 'hireloop_2', statement: 'select $1::int as b' },
        ]);
      }));

    it('a prepared statement that fails fails as it would unprepared, and the connection goes on', () =>
      withPool(async (pool) => {
        assert.deepEqual((await pool.query('select 1 / $1::int as z', [1])).rows, [{ z: 1 }]);
        for (let i = 0; i < 3; i++) {
          await assert.rejects(pool.query('select 1 / $1::int as z', [0]), /division by zero/);
        }
        assert.deepEqual((await pool.query('select 1 / $1::int as z', [1])).rows, [{ z: 1 }]);
        assert.deepEqual(await prepared(pool), [
          { name: 'hireloop_1', statement: 'select 1 / $1::int as z' },
        ]);
      }));

    it('prepares nothing with DATABASE_PREPARED_STATEMENTS=false', () =>
      withPool(async (pool) => {
        for (let i = 0; i < 3; i++)
          assert.deepEqual((await pool.query('select $1::int as a', [i])).rows, [{ a: i }]);
        assert.deepEqual(await prepared(pool), []);
      }, false));
  });
}
