// pino, with PII kept out: headers that carry credentials or personal data are redacted, request bodies are
// never logged (Fastify logs only method, url and status), and domain code logs ids, not names or emails.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.token',
  '*.secret',
];

/** Loggers whose lines `createAccessLog` may format itself (pino's defaults: no formatters, mixin, hooks). */
const plainLoggers = new WeakSet<Logger>();

/** `destination` is for tests (a collecting stream); processes write to stdout in chunks. */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'env'>,
  destination: DestinationStream = new ChunkedStdout(),
): Logger {
  const logger = pino(
    {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'hireloop' },
    },
    destination,
  );
  plainLoggers.add(logger);
  return logger;
}

/** One access-log line: no personal data (the caller strips the query string with `urlForLog`). */
export type AccessLog = (reqId: string, method: string, url: string, status: number, ms: number) => void;

/**
 * The access line `{level:30, time, …bindings, reqId, method, url, status, ms, msg:'request'}` — the line
 * `logger.child({}, {redact: []}).info({reqId, method, url, status, ms}, 'request')` writes, byte for byte
 * (logger.test.ts). For a logger from `createLogger` it is formatted here and written straight into the
 * logger's stream: the fixed shape needs neither pino's per-key serializer loop nor redaction, and the line is
 * one template string (strings through JSON.stringify). At thousands of requests a second pino's path cost
 * more than the rest of an API request (BENCHMARKS.md, P1). Other loggers (tests' `pino()`) go through pino.
 */
export function createAccessLog(logger: Logger): AccessLog {
  if (!plainLoggers.has(logger)) {
    const child = logger.child({}, { redact: [] });
    return (reqId, method, url, status, ms) => child.info({ reqId, method, url, status, ms }, 'request');
  }
  const internals = logger as unknown as Record<symbol, unknown>;
  const { lsCacheSym, chindingsSym, streamSym } = pino.symbols;
  const stream = internals[streamSym] as DestinationStream;
  const levelPrefix = (internals[lsCacheSym] as Record<number, string>)[pino.levels.values.info!];
  return (reqId, method, url, status, ms) => {
    if (!logger.isLevelEnabled('info')) return;
    stream.write(
      `${levelPrefix},"time":${Date.now()}${internals[chindingsSym] as string},"reqId":${JSON.stringify(reqId)},` +
        `"method":${JSON.stringify(method)},"url":${JSON.stringify(url)},"status":${status},"ms":${ms},"msg":"request"}\n`,
    );
  };
}

const LOG_CHUNK_CHARS = 4096;
const LOG_FLUSH_INTERVAL_MS = 250;
const openChunks = new Set<ChunkedStdout>();
let flushOnExit = false;

/**
 * Buffered stdout: lines are gathered into chunks of about 4 KiB and each chunk is one synchronous write instead
 * of one write per line — at thousands of requests a second the per-line write cost more than the rest of an API
 * request (BENCHMARKS.md, P1). The chunk is gathered here rather than by sonic-boom's `minLength`: sonic-boom
 * measures the UTF-8 length of its whole pending buffer on every write, about a microsecond per line. A partial
 * chunk is written every LOG_FLUSH_INTERVAL_MS (a quiet server's lines still appear), on `flush`/`flushSync`
 * (pino's `fatal`) and at process exit, so a line logged just before `process.exit` is not lost; a `kill -9`
 * loses at most one chunk. Synchronous chunks make the exit write trivial (pino flushes an asynchronous
 * sonic-boom on exit, but not a wrapper around one); a chunk costs one `write(2)`.
 */
class ChunkedStdout implements DestinationStream {
  readonly #out = pino.destination({ dest: 1, sync: true });
  #pending = '';

  constructor() {
    setInterval(() => this.#hand(), LOG_FLUSH_INTERVAL_MS).unref();
    openChunks.add(this);
    if (!flushOnExit) {
      flushOnExit = true;
      process.once('exit', () => {
        for (const chunks of openChunks) chunks.flushSync();
      });
    }
  }

  write(line: string): boolean {
    this.#pending += line;
    if (this.#pending.length >= LOG_CHUNK_CHARS) this.#hand();
    return true;
  }

  flush(cb?: (err?: Error) => void): void {
    this.#hand();
    cb?.();
  }

  flushSync(): void {
    this.#hand();
  }

  #hand(): void {
    if (this.#pending === '') return;
    this.#out.write(this.#pending);
    this.#pending = '';
  }
}

/** Strips the query string (it may carry emails or tokens) from a URL before it is logged. */
export function urlForLog(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}
