// Background loops: work that claims its own rows (an outbox table, lapsed leases) instead of one pg-boss
// job per item. A loop runs `pass()` again at once while it reports more work, otherwise waits for its poll
// interval — or for a NOTIFY on its channel, which the producing transaction sends at commit. Wake-ups that
// arrive during a pass are coalesced into one more pass, so a burst of commits costs a few passes, not one
// query each. Started and stopped with the queue's workers (queue.ts); a failed pass is logged and the loop
// waits one interval before the next, so it survives a database restart.
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';

export interface LoopDefinition {
  /** `<package>.<verb-noun>`, like a job name (logs). */
  readonly name: string;
  /** One pass over the loop's rows; resolves true when there may be more (a full batch). */
  pass(): Promise<boolean>;
  /** Wait between passes when idle. */
  readonly pollingIntervalSeconds: number;
  /**
   * NOTIFY channel that wakes the loop at once (PostgreSQL: a LISTEN connection of this process; PGlite:
   * in-process). Producers send it in their transaction, so it arrives after the rows are visible.
   */
  readonly channel?: string;
}

export interface RunningLoop {
  /** Stops polling, waits up to `timeoutMs` for the pass in progress. */
  stop(timeoutMs: number): Promise<void>;
}

export async function startLoop(
  def: LoopDefinition,
  database: Database,
  logger: Logger,
): Promise<RunningLoop> {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const intervalMs = def.pollingIntervalSeconds * 1000;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(kick, ms);
  };
  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    again = false;
    running = (async () => {
      try {
        while (!stopped && (await def.pass()));
        if (again) setImmediate(kick);
        else schedule(intervalMs);
      } catch (err) {
        logger.warn({ err, loop: def.name }, 'loop pass failed');
        schedule(intervalMs);
      } finally {
        running = undefined;
      }
    })();
  }

  const unlisten = def.channel ? await listen(database, def.channel, kick, logger) : async () => {};
  kick();
  return {
    async stop(timeoutMs) {
      stopped = true;
      clearTimeout(timer);
      await unlisten();
      let bound: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise<void>((r) => (bound = setTimeout(r, timeoutMs)))]);
      clearTimeout(bound);
    },
  };
}

/** Calls `wake` on every NOTIFY of `channel`; resolves to the function that stops listening. */
async function listen(
  database: Database,
  channel: string,
  wake: () => void,
  logger: Logger,
): Promise<() => Promise<void>> {
  if (database.pglite) return database.pglite.listen(channel, wake);
  // One dedicated connection (LISTEN needs a session); if it drops, polling carries on and it reconnects.
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: database.connectionString });
    c.on('notification', wake);
    c.on('error', (err) => {
      logger.warn({ err, channel }, 'listen connection lost');
      void c.end().catch(() => undefined);
      if (client === c) client = undefined;
      if (!closed) retry = setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) await c.end();
      else client = c;
    } catch (err) {
      c.emit('error', err);
    }
  };
  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
