// The ATS CLI as a person uses it: `hireloop account create` and `hireloop api-key create` on an embedded
// data directory — locally, then through the running server (CLI channel) — with plain errors (exit 1, no
// stack trace) and --json output; the printed key works against /v1 with exactly its permissions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  killAll,
  makeDataDir,
  removeDataDir,
  spawnHireloop,
  type HireloopProcess,
} from './support/hireloop-process.ts';

const STACK_FRAME = /\n\s+at /;

async function run(
  dataDir: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnHireloop(args, { env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
  const exit = await proc.waitForExit(120_000);
  return { code: exit.code, stdout: proc.stdout(), stderr: proc.stderr() };
}

const basic = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe('hireloop account create / api-key create', () => {
  const dataDir = makeDataDir();
  after(async () => {
    await killAll();
    removeDataDir(dataDir);
  });

  it('creates an account and keys locally, with clear errors for bad input', async () => {
    const created = await run(dataDir, [
      'account',
      'create',
      '--site',
      'beta',
      '--name',
      'Beta Corp',
      '--json',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const account = JSON.parse(created.stdout) as { id: string; site: string; name: string };
    assert.equal(account.site, 'beta');
    assert.equal(account.name, 'Beta Corp');

    const failures: [string[], RegExp][] = [
      [['account', 'create', '--site', 'beta', '--name', 'Again'], /The site code "beta" is taken/],
      [['account', 'create', '--site', 'Not OK!', '--name', 'Bad'], /site code is 2–63 lowercase/],
      [['api-key', 'create', '--site', 'nope', '--name', 'k', '--all'], /Unknown site "nope"/],
      [
        [
          'api-key',
          'create',
          '--site',
          'beta',
          '--name',
          'k',
          '--permission',
          'users:list',
          '--permission',
          'bogus:thing',
        ],
        /Unknown permission\(s\): bogus:thing/,
      ],
      [['api-key', 'create', '--site', 'beta', '--name', 'k', '--preset', 'nope'], /Unknown preset "nope"/],
      [
        ['api-key', 'create', '--site', 'beta', '--name', 'k'],
        /--permission KEY \(repeatable\), --preset NAME or --all/,
      ],
    ];
    for (const [args, message] of failures) {
      const res = await run(dataDir, args);
      assert.equal(res.code, 1, `${args.join(' ')}: ${res.stderr}`);
      assert.match(res.stderr, message);
      assert.doesNotMatch(res.stderr, STACK_FRAME);
    }

    const key = await run(dataDir, [
      'api-key',
      'create',
      '--site',
      'beta',
      '--name',
      'Reader',
      '--permission',
      'users:list',
      '--permission',
      'stages:list,stages:read',
    ]);
    assert.equal(key.code, 0, key.stderr);
    assert.match(key.stdout, /^API key "Reader" for Beta Corp \(site beta\):\n\n {2}\S{43}\n/);
    assert.match(key.stdout, /Permissions \(3\): stages:list, stages:read, users:list/);
    assert.match(key.stdout, /Confidential data: not allowed/);
  });

  describe('through a running server', () => {
    let server: HireloopProcess;
    let url: string;
    before(async () => {
      server = spawnHireloop(['serve'], { env: { DATA_DIR: dataDir } });
      url = await server.waitForUrl(90_000);
    });

    it('prints a working key once with --json; the key has exactly its permissions', async () => {
      const res = await run(dataDir, [
        'api-key',
        'create',
        '--site',
        'beta',
        '--name',
        'Marketing',
        '--preset',
        'recruitment-marketing',
        '--confidential',
        '--json',
      ]);
      assert.equal(res.code, 0, res.stderr);
      const body = JSON.parse(res.stdout) as {
        key: string;
        permissions: string[];
        confidentialAccess: boolean;
        site: string;
      };
      assert.equal(body.site, 'beta');
      assert.equal(body.confidentialAccess, true);
      assert.equal(body.permissions.length, 19);
      const stages = await fetch(`${url}/v1/stages`, { headers: { authorization: basic(body.key) } });
      assert.equal(stages.status, 200);
      assert.equal(((await stages.json()) as { data: { id: string }[] }).data[0]?.id, 'lead-new');
      const users = await fetch(`${url}/v1/users`, { headers: { authorization: basic(body.key) } });
      assert.equal(users.status, 403);
      assert.equal(((await users.json()) as { permission: string }).permission, 'users:list');
    });

    it('reports the server-side refusal plainly (exit 1, no stack trace)', async () => {
      const res = await run(dataDir, ['api-key', 'create', '--site', 'nope', '--name', 'k', '--all']);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /Unknown site "nope"/);
      assert.doesNotMatch(res.stderr, STACK_FRAME);
      const json = await run(dataDir, ['account', 'create', '--site', 'beta', '--name', 'x', '--json']);
      assert.equal(json.code, 1);
      assert.deepEqual(JSON.parse(json.stdout), { error: 'The site code "beta" is taken', exitCode: 1 });
      assert.ok(server.alive());
    });
  });
});
