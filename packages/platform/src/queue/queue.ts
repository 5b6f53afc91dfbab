// pg-boss on the same database as the data. Jobs that report a change are enqueued INSIDE the transaction
// of that change (`enqueue(trx, …)`): commit keeps both, rollback drops both (outbox semantics).
// Queue names are prefixed with the owning package (`ats.deliver-webhook`, `referrals.sync-jobs`).
import {
  PgBoss,
  fromKysely,
  fromPglite,
  type Job,
  type JobResult,
  type SendOptions,
  type Queue as QueueOptions,
} from 'pg-boss';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { startLoop, type LoopDefinition, type RunningLoop } from './loop.ts';

export interface JobDefinition<T extends object = object> {
  /** `<package>.<verb-noun>`, e.g. `platform.send-mail`. */
  readonly name: string;
  handler(job: Job<T>): Promise<void>;
  /** Queue policy: retries, back-off, expiry. Heartbeats default on so a killed worker's job is retried. */
  readonly queue?: Omit<QueueOptions, 'name'>;
  /** Jobs a worker runs at once for this queue. */
  readonly concurrency?: number;
  /** Cron schedule (UTC) for periodic jobs. */
  readonly cron?: string;
  /**
   * Idle poll interval (≥ 0.5 s; pg-boss default 2 s). With PostgreSQL, queues with `queue.notify` are
   * also woken by LISTEN/NOTIFY the moment a job is committed (latency-sensitive queues: webhooks).
   */
  readonly pollingIntervalSeconds?: number;
}

export interface Queue {
  readonly boss: PgBoss;
  /** Enqueue in the caller's transaction (or plain Kysely instance). */
  enqueue<T extends object>(
    db: Kysely<unknown>,
    name: string,
    data: T,
    options?: SendOptions,
  ): Promise<string | null>;
  /** Enqueue through pg-boss's own connection (no surrounding change to keep atomic with). */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Creates every queue (idempotent); both web and worker processes call it so sends never race creation. */
  register(definitions: readonly JobDefinition[]): Promise<void>;
  /** Background loops (loop.ts) to run beside the job workers, in worker processes only. */
  registerLoops(loops: readonly LoopDefinition[]): void;
  /** Start workers for the registered definitions and loops (worker role only). */
  startWorkers(): Promise<void>;
  /** Stop fetching new jobs and passes, wait for running ones up to `timeoutMs`, then close. */
  stop(timeoutMs: number): Promise<void>;
}

/** Default policy: 5 retries with exponential back-off, heartbeat so a SIGKILLed worker's job comes back fast. */
export const DEFAULT_QUEUE_OPTIONS: Omit<QueueOptions, 'name'> = Object.freeze({
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
  heartbeatSeconds: 10,
});

export async function startQueue(
  database: Database,
  logger: Logger,
  options: { schedule: boolean; superviseIntervalSeconds?: number },
): Promise<Queue> {
  // Supervise passes fail jobs whose heartbeat stopped (a SIGKILLed worker) so they are retried; monitor
  // passes expire jobs. Both default to 60 s; QUEUE_SUPERVISE_INTERVAL_SECONDS lowers them for tests.
  const intervals = options.superviseIntervalSeconds
    ? {
        superviseIntervalSeconds: options.superviseIntervalSeconds,
        monitorIntervalSeconds: options.superviseIntervalSeconds,
      }
    : {};
  const boss = database.pglite
    ? new PgBoss({
        db: fromPglite(database.pglite),
        backend: 'pglite',
        // No LISTEN/NOTIFY here although pg-boss's PGlite adapter supports it in-process: with it, P3's
        // webhook deliveries/s fell to 80–140/s at 2,000 events per round (vs ~540/s polling; commit →
        // receiver p99 90 ms vs ~540 ms). Until that is understood, `notify` queues poll (BENCHMARKS.md).
        schedule: options.schedule,
        ...intervals,
      })
    : new PgBoss({
        connectionString: database.connectionString,
        max: 4,
        // Wakes workers of `notify` queues at once instead of at their next poll (one extra connection).
        useListenNotify: true,
        schedule: options.schedule,
        ...intervals,
      });
  boss.on('error', (err) => logger.error({ err }, 'queue error'));
  await boss.start();
  const definitions = new Map<string, JobDefinition>();
  const loops = new Map<string, LoopDefinition>();
  const running: RunningLoop[] = [];
  let workersStarted = false;

  return {
    boss,
    enqueue: (db, name, data, sendOptions) => boss.send(name, data, { ...sendOptions, db: fromKysely(db) }),
    send: (name, data, sendOptions) => boss.send(name, data, sendOptions ?? {}),
    async register(defs) {
      for (const d of defs) {
        if (definitions.has(d.name)) continue;
        definitions.set(d.name, d);
        const queueOptions = { ...DEFAULT_QUEUE_OPTIONS, ...d.queue };
        const existing = await boss.getQueue(d.name);
        // A queue's policy and partitioning are fixed at creation (pg-boss refuses to change them).
        const { policy: _policy, partition: _partition, ...updatable } = queueOptions;
        if (existing) await boss.updateQueue(d.name, updatable);
        else await boss.createQueue(d.name, queueOptions);
        if (d.cron && options.schedule) await boss.schedule(d.name, d.cron, {}, { tz: 'UTC' });
      }
    },
    registerLoops(defs) {
      for (const d of defs) if (!loops.has(d.name)) loops.set(d.name, d);
    },
    async startWorkers() {
      if (workersStarted) return;
      workersStarted = true;
      for (const l of loops.values()) running.push(await startLoop(l, database, logger));
      for (const d of definitions.values()) {
        // One fetch loop per queue takes up to `concurrency` jobs and runs them side by side; each job
        // settles on its own (perJobResults). While fetches come back full the loop fetches again at once
        // (burst), so a backlog drains at handler speed instead of one job per 2 s polling interval.
        // Trade-off: the next batch is fetched when the slowest job of the current one has finished (the
        // webhook engine bounds that wait itself: delivery-engine.ts, batchPatienceMs).
        const concurrency = d.concurrency ?? 2;
        await boss.work<object>(
          d.name,
          {
            batchSize: concurrency,
            burstWhenBatchFull: true,
            perJobResults: true,
            ...(d.pollingIntervalSeconds ? { pollingIntervalSeconds: d.pollingIntervalSeconds } : {}),
          },
          async (jobs) =>
            Promise.all(
              jobs.map(async (job): Promise<JobResult> => {
                try {
                  await d.handler(job);
                  return { id: job.id, status: 'completed' };
                } catch (err) {
                  // pg-boss records the failure on the job (serialized error, retry count); the log
                  // carries no payload.
                  logger.warn({ err, job: { id: job.id, name: job.name } }, 'job failed');
                  return { id: job.id, status: 'failed', output: serializeError(err) };
                }
              }),
            ),
        );
      }
    },
    async stop(timeoutMs) {
      await Promise.all(running.splice(0).map((l) => l.stop(timeoutMs)));
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    },
  };
}

function serializeError(err: unknown): { name: string; message: string; stack?: string } {
  return err instanceof Error
    ? { name: err.name, message: err.message, stack: err.stack }
    : { name: 'Error', message: String(err) };
}
