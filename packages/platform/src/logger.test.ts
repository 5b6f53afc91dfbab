import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { testConfig } from './config.ts';
import { createAccessLog, createLogger, type AccessLog } from './logger.ts';

function collecting(): { lines: () => Record<string, unknown>[]; raw: string[]; write(s: string): void } {
  const raw: string[] = [];
  return {
    raw,
    write: (s) => void raw.push(s),
    lines: () => raw.map((s) => JSON.parse(s) as Record<string, unknown>),
  };
}

describe('access log', () => {
  const awkward: Parameters<AccessLog>[] = [
    ['req-1', 'GET', '/v1/credential', 200, 3],
    ['x"y\\z', 'POST', '/ats/"quoted"/\u2028/\u0001/é/😀', 404, 0],
    ['r', 'DELETE', '/', 503, 12345],
  ];

  it('writes exactly the line pino writes for the same fields, escaped', () => {
    const ours = collecting();
    const pinos = collecting();
    const fast = createAccessLog(createLogger(testConfig({ logLevel: 'info' }), ours));
    // The reference: pino's own path for the same line (a logger not from createLogger is never formatted by hand).
    const reference = createAccessLog(
      createLogger(testConfig({ logLevel: 'info' }), pinos).child({}, { redact: [] }),
    );
    for (const line of awkward) {
      fast(...line);
      reference(...line);
    }
    const withoutTime = (s: string) => s.replace(/"time":\d+/, '"time":0');
    assert.deepEqual(ours.raw.map(withoutTime), pinos.raw.map(withoutTime));
    assert.deepEqual(ours.lines()[1], {
      level: 30,
      time: ours.lines()[1]!.time,
      service: 'hireloop',
      reqId: 'x"y\\z',
      method: 'POST',
      url: '/ats/"quoted"/\u2028/\u0001/é/😀',
      status: 404,
      ms: 0,
      msg: 'request',
    });
    assert.ok(ours.raw.every((s) => s.endsWith('}\n') && !s.slice(0, -1).includes('\n')));
  });

  it('follows the logger level, also when it changes at run time', () => {
    const out = collecting();
    const logger = createLogger(testConfig({ logLevel: 'warn' }), out);
    const log = createAccessLog(logger);
    log('a', 'GET', '/', 200, 1);
    assert.equal(out.raw.length, 0);
    logger.level = 'info';
    log('b', 'GET', '/', 200, 1);
    assert.deepEqual(
      out.lines().map((l) => l.reqId),
      ['b'],
    );
  });
});

describe('stdout chunks', () => {
  it('writes a line logged just before process.exit', () => {
    const script = `
      import { createLogger } from ${JSON.stringify(new URL('./logger.ts', import.meta.url).href)};
      const logger = createLogger({ logLevel: 'info', env: 'production' });
      logger.info({ n: 1 }, 'first');
      logger.info({ n: 2 }, 'last words');
      process.exit(0);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.deepEqual(
      out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { msg: string }).msg),
      ['first', 'last words'],
    );
  });
});
