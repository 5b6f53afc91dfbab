// pino, with PII kept out: headers that carry credentials or personal data are redacted, request bodies are
// never logged (Fastify logs only method, url and status), and domain code logs ids, not names or emails.
import pino, { type Logger } from 'pino';
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

export function createLogger(config: Pick<Config, 'logLevel' | 'env'>): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'hireloop' },
    },
    logDestination(),
  );
}

const LOG_FLUSH_INTERVAL_MS = 250;

/**
 * Buffered, asynchronous stdout: lines are written in chunks of about 4 KiB instead of one write per line — at
 * thousands of requests a second the per-line write cost more than the rest of an API request (BENCHMARKS.md,
 * P1). `periodicFlush` writes a partial chunk, so a quiet server's lines still appear within
 * LOG_FLUSH_INTERVAL_MS. Asynchronous rather than synchronous chunks (measured alike within noise) because pino
 * flushes an asynchronous destination on exit and a synchronous one not at all: a line logged just before
 * `process.exit` would be lost.
 */
function logDestination() {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: LOG_FLUSH_INTERVAL_MS });
}

/** Strips the query string (it may carry emails or tokens) from a URL before it is logged. */
export function urlForLog(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}
