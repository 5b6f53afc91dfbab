// One validated, frozen configuration object read from the environment.
// Every variable is documented in .env.example; a bad value stops start-up with a message that names every
// bad variable (ConfigError) — see packages/server/src/main.ts.
import path from 'node:path';

export type Role = 'web' | 'worker' | 'all';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Public base URL used in links, emails and Lever `urls` fields. */
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  /** Prepare hot statements on PostgreSQL connections (db/pg-client.ts). */
  readonly databasePreparedStatements: boolean;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly logLevel: LogLevel;
  readonly role: Role;
  readonly shutdownTimeoutMs: number;
  readonly workerConcurrency: number;
  readonly sessionSecret: string | undefined;
  readonly allowPrivateWebhooks: boolean;
  readonly trustProxy: boolean;
  /** API token bucket per credential (Lever: ~10 req/s sustained, bursts to 20). */
  readonly apiRatePerSecond: number;
  readonly apiRateBurst: number;
  /** Seconds between pg-boss supervise/monitor passes (expired heartbeats → retry). Lower only in tests. */
  readonly queueSuperviseIntervalSeconds: number;
  /**
   * TEST-ONLY: mounts the diagnostics module (packages/server/src/diagnostics: unauthenticated
   * /_diagnostics routes and a job that records its runs). Refused with NODE_ENV=production.
   */
  readonly diagnostics: boolean;
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/** Reads one variable; every reader records problems instead of throwing so all of them are reported at once. */
class Reader {
  readonly problems: string[] = [];
  readonly env: Env;
  constructor(env: Env) {
    this.env = env;
  }

  string(name: string, fallback: string): string {
    const v = this.env[name];
    return v === undefined || v === '' ? fallback : v;
  }

  optional(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push(`${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    this.problems.push(`${name}: expected true/false (or 1/0), got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(
        `${name}: expected a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`,
      );
      return undefined;
    }
  }
}

export function loadConfig(env: Env = process.env): Config {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const port = r.int('PORT', 3000, 0, 65535);
  const host = r.string('HOST', '0.0.0.0');
  const publicUrl = (r.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(
    /\/+$/,
    '',
  );
  const sessionSecret = r.optional('SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    r.problems.push('SESSION_SECRET: must be at least 32 characters');
  }
  const config: Config = {
    env: nodeEnv,
    port,
    host,
    publicUrl,
    dataDir: path.resolve(r.string('DATA_DIR', './data')),
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
    databasePreparedStatements: r.bool('DATABASE_PREPARED_STATEMENTS', true),
    smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: r.string('MAIL_FROM', 'Hireloop <no-reply@hireloop.local>'),
    logLevel: r.oneOf('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    role: r.oneOf('HIRELOOP_ROLE', 'all', ['web', 'worker', 'all'] as const),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 15_000, 0, 600_000),
    workerConcurrency: r.int('WORKER_CONCURRENCY', 4, 1, 256),
    sessionSecret,
    allowPrivateWebhooks: r.bool('HIRELOOP_ALLOW_PRIVATE_WEBHOOKS', false),
    trustProxy: r.bool('TRUST_PROXY', false),
    apiRatePerSecond: r.int('API_RATE_LIMIT_PER_SECOND', 10, 1, 1_000_000),
    apiRateBurst: r.int('API_RATE_LIMIT_BURST', 20, 1, 1_000_000),
    queueSuperviseIntervalSeconds: r.int('QUEUE_SUPERVISE_INTERVAL_SECONDS', 60, 1, 3600),
    diagnostics: r.bool('HIRELOOP_DIAGNOSTICS', false),
  };
  if (config.diagnostics && nodeEnv === 'production') {
    r.problems.push(
      'HIRELOOP_DIAGNOSTICS: test-only routes without authentication; not allowed with NODE_ENV=production',
    );
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
}

/** For tests and tools: a config built from defaults plus overrides, without reading process.env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({ NODE_ENV: 'test' }), ...overrides });
}
