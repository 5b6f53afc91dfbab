// The local CLI channel: with the embedded database, only the server process may open DATA_DIR, so CLI
// commands run inside it. The server writes a random token to DATA_DIR/cli.token (mode 0600, readable only by
// the user who owns the data) and accepts POST /_cli/:command from loopback with that token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, Errors, type Http, type Runtime } from '@hireloop/platform';
import { dbCommands } from './commands/index.ts';
import { silentProgress } from './commands/command.ts';

const TOKEN_FILE = 'cli.token';

export function writeCliToken(dataDir: string): string {
  const token = randomBytes(32).toString('hex');
  fs.writeFileSync(path.join(dataDir, TOKEN_FILE), token, { mode: 0o600 });
  return token;
}

export function readCliToken(dataDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function registerCliChannel(app: Http, runtime: Runtime, token: string): void {
  const expected = Buffer.from(`Bearer ${token}`);
  app.post<{ Params: { command: string }; Body: Record<string, unknown> }>(
    '/_cli/:command',
    async (request) => {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (
        !LOOPBACK.has(request.socket.remoteAddress ?? '') ||
        given.length !== expected.length ||
        !timingSafeEqual(given, expected)
      ) {
        throw new AppError(
          Errors.Unauthorized,
          'The CLI channel accepts only local commands with the data directory token',
        );
      }
      const command = dbCommands.get(request.params.command);
      if (!command) throw new AppError(Errors.NotFound, `Unknown command ${request.params.command}`);
      return command.run({ runtime, progress: silentProgress }, request.body ?? {});
    },
  );
}

/** Runs a command inside the server that holds the data directory. */
export async function runThroughServer(
  url: string,
  dataDir: string,
  command: string,
  args: Record<string, unknown>,
): Promise<{ json: unknown; text: string } | undefined> {
  const token = readCliToken(dataDir);
  if (!token) return undefined;
  const response = await fetch(`${url}/_cli/${command}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
    signal: AbortSignal.timeout(10 * 60_000),
  }).catch(() => undefined);
  if (!response) return undefined;
  const body = (await response.json()) as { json: unknown; text: string; message?: string };
  if (!response.ok) throw new Error(body.message ?? `The server answered ${response.status}`);
  return body;
}
