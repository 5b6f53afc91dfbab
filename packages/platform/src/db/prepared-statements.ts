// Automatic preparation of hot statements on PostgreSQL (what Npgsql calls auto-prepare). Kysely sends every
// query as an unnamed statement, which PostgreSQL parses and plans on each execution: for the opportunity list
// page that was ~0.3 of ~0.9 ms of backend CPU per request (issue 3, P2). A statement text that has run
// `minUses` times with parameters becomes a named prepared statement on every connection of the pool (pg
// prepares it on a connection's first use and keeps it for the connection's life); PostgreSQL then switches
// to a cached generic plan when that plan is no worse than the custom ones (plan_cache_mode=auto), and re-plans
// by itself after DDL on the tables involved.
//
// Bounded: at most `max` texts are ever named per pool, so a stream of distinct texts (an IN list per length)
// cannot grow the server's plan caches without limit; counting starts over when `max` texts are being
// counted. Texts without parameters stay on the simple protocol, which may carry several statements
// (migrations) that a prepared statement cannot.
//
// Turn it off (DATABASE_PREPARED_STATEMENTS=false) behind a pooler that hands each transaction a different
// server connection and does not track prepared statements (PgBouncer in transaction mode before 1.21).
import pg from 'pg';

export interface PreparedStatementOptions {
  /** Executions (with parameters) before a text is prepared; 5, like Npgsql's AutoPrepareMinUsages. */
  readonly minUses?: number;
  /** Texts prepared at most, per pool. */
  readonly max?: number;
}

/** A pg Client class for `new pg.Pool({ Client })` that prepares hot parameterised statements. */
export function preparingClient({ minUses = 5, max = 200 }: PreparedStatementOptions = {}): typeof pg.Client {
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

  return class PreparingClient extends pg.Client {
    // Only the (text, values[, callback]) form — Kysely's, and pg.Pool#query's — is prepared; other forms
    // (config objects, cursors, no parameters) go through unchanged.
    override query(...args: unknown[]): never {
      const query = super.query as (...a: unknown[]) => never;
      const [text, values, callback] = args;
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        const name = nameFor(text);
        if (name !== undefined) return query.call(this, { name, text, values }, undefined, callback);
      }
      return query.apply(this, args);
    }
  } as typeof pg.Client;
}
