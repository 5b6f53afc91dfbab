// The pg Client our PostgreSQL pool hands to Kysely. Two changes to how Kysely's queries — the
// `client.query(text, values)` promise form — are sent; every other call form goes through unchanged.
//
// 1. Sent in pg's callback form under our own promise. Measured (issue 3, P2; `--trace-gc-nvp`): through pg's
//    promise form, the rows of every page read since the previous young-generation GC survived it — ~11 MB
//    promoted to the old generation per scavenge, scavenges of 6–18 ms and a full GC every ~2 s under a
//    steady 200–430 req/s — while the same query through the callback form promoted ~25 KB with 1 ms
//    scavenges. The paced p99 of the opportunity list fell from 33–65 ms to 10–18 ms.
//
// 2. Hot statements prepared (what Npgsql calls auto-prepare), unless `prepare` is false. Kysely sends every
//    query unnamed, which PostgreSQL parses and plans on each execution: for the opportunity list page that
//    was ~0.3 of ~0.9 ms of backend CPU per request. A text that has run `minUses` times with parameters
//    becomes a named prepared statement on every connection of the pool (pg prepares it on a connection's
//    first use and keeps it for the connection's life); PostgreSQL then switches to a cached generic plan when
//    that plan is no worse than the custom ones (plan_cache_mode=auto), and re-plans by itself after DDL.
//    Bounded: at most `max` texts are ever named per pool, so a stream of distinct texts (an IN list per
//    length) cannot grow the server's plan caches without limit; counting starts over when 4 × `max` texts
//    are being counted. Texts without parameters stay on the simple protocol, which may carry several
//    statements (migrations) that a prepared statement cannot. Turn it off (DATABASE_PREPARED_STATEMENTS=false)
//    behind a pooler that moves transactions between server connections without tracking prepared statements
//    (PgBouncer in transaction mode before 1.21).
import pg from 'pg';

export interface PgClientOptions {
  /** Prepare hot statements (default true). */
  readonly prepare?: boolean;
  /** Executions (with parameters) before a text is prepared; 5, like Npgsql's AutoPrepareMinUsages. */
  readonly minUses?: number;
  /** Texts prepared at most, per pool. */
  readonly max?: number;
}

type QueryCallback = (err: Error | null, result: unknown) => void;

/** A pg Client class for `new pg.Pool({ Client })`; one per pool (the prepared texts are counted per class). */
export function hireloopPgClient({
  prepare = true,
  minUses = 5,
  max = 200,
}: PgClientOptions = {}): typeof pg.Client {
  const names = new Map<string, string>();
  const uses = new Map<string, number>();

  function nameFor(text: string): string | undefined {
    const name = names.get(text);
    if (name !== undefined || names.size >= max) return name;
    const n = (uses.get(text) ?? 0) + 1;
    if (n < minUses) {
      if (uses.size >= max * 4) uses.clear();
      uses.set(text, n);
      return undefined;
    }
    uses.delete(text);
    const named = `hireloop_${names.size + 1}`;
    names.set(text, named);
    return named;
  }

  return class HireloopPgClient extends pg.Client {
    override query(...args: unknown[]): never {
      const query = super.query as (...a: unknown[]) => never;
      const [text, values, callback] = args;
      if (typeof text !== 'string' || !Array.isArray(values)) return query.apply(this, args);
      const name = prepare && values.length > 0 ? nameFor(text) : undefined;
      const config = name !== undefined ? { name, text, values } : { text, values };
      if (callback !== undefined) return query.call(this, config, undefined, callback);
      return new Promise((resolve, reject) => {
        const done: QueryCallback = (err, result) => (err ? reject(err) : resolve(result));
        query.call(this, config, undefined, done);
      }) as never;
    }
  } as typeof pg.Client;
}
