import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives working defaults for the embedded demo', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.match(config.dataDir, /data$/);
    assert.equal(config.role, 'all');
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.ok(Object.isFrozen(config));
  });

  it('names every bad variable at once', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: '70000',
          DATABASE_URL: 'mysql://x',
          HIRELOOP_ALLOW_PRIVATE_WEBHOOKS: 'maybe',
          LOG_LEVEL: 'loud',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(
          error.problems.map((p) => p.split(':')[0]),
          ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'HIRELOOP_ALLOW_PRIVATE_WEBHOOKS'],
        );
        assert.match(error.message, /PORT: expected an integer from 0 to 65535, got "70000"/);
        return true;
      },
    );
  });

  it('rejects a short session secret and a non-integer pool size', () => {
    assert.throws(
      () => loadConfig({ SESSION_SECRET: 'short', DATABASE_POOL_SIZE: '2.5' }),
      /SESSION_SECRET.*\n.*DATABASE_POOL_SIZE/s,
    );
  });

  it('reads PostgreSQL, SMTP and a public URL without a trailing slash', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hireloop',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      PUBLIC_URL: 'https://jobs.example.com/',
      HIRELOOP_ALLOW_PRIVATE_WEBHOOKS: 'true',
    });
    assert.equal(config.databaseUrl, 'postgres://postgres@127.0.0.1:5432/hireloop');
    assert.equal(config.smtpUrl, 'smtp://127.0.0.1:2525');
    assert.equal(config.publicUrl, 'https://jobs.example.com');
    assert.equal(config.allowPrivateWebhooks, true);
  });

  it('keeps the test-only diagnostics module off by default and out of production', () => {
    assert.equal(loadConfig({}).diagnostics, false);
    assert.equal(loadConfig({ HIRELOOP_DIAGNOSTICS: '1' }).diagnostics, true);
    assert.throws(
      () => loadConfig({ HIRELOOP_DIAGNOSTICS: '1', NODE_ENV: 'production' }),
      /HIRELOOP_DIAGNOSTICS: test-only/,
    );
  });

  it('reads the queue supervise interval within bounds', () => {
    assert.equal(loadConfig({}).queueSuperviseIntervalSeconds, 60);
    assert.equal(loadConfig({ QUEUE_SUPERVISE_INTERVAL_SECONDS: '2' }).queueSuperviseIntervalSeconds, 2);
    assert.throws(
      () => loadConfig({ QUEUE_SUPERVISE_INTERVAL_SECONDS: '0' }),
      /QUEUE_SUPERVISE_INTERVAL_SECONDS/,
    );
  });
});
