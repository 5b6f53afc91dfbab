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
    // Asynchronous stdout: a request never waits for its log line to be written (pino flushes on exit).
    pino.destination({ dest: 1, sync: false }),
  );
}

/** Strips the query string (it may carry emails or tokens) from a URL before it is logged. */
export function urlForLog(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}
