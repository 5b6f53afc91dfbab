// The referrals e2e tier's server: `hireloop start` (migrate, demo seed, serve everything) as a real process
// on a temporary data directory, plus what a test needs from outside it — the CLI (through the server's CLI
// channel), the ATS API with a key from `api-key create --all`, and the captured mail read from /mailbox
// like a person would. The port is chosen up front because PUBLIC_URL (links in mail, the OAuth redirect
// URI, webhook URLs) must name the port the server listens on; PORT=0 would leave it at :0.
import assert from 'node:assert/strict';
import net from 'node:net';
import {
  killAll,
  makeDataDir,
  removeDataDir,
  spawnHireloop,
  type HireloopProcess,
} from './hireloop-process.ts';

export const ATS_SUPER_ADMIN = { email: 'morgan@acme-robotics.example', password: 'hireloop-demo' } as const;
const STARTUP_MS = 120_000;

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

export interface Mail {
  readonly id: string;
  readonly subject: string;
  readonly kind: string;
}

export interface ReferralsServer {
  readonly url: string;
  readonly port: number;
  readonly proc: HireloopProcess;
  /** `hireloop --json <args>` against this server's data directory; the parsed JSON output. */
  cli<T = Record<string, unknown>>(args: readonly string[]): Promise<T>;
  /** ATS /v1 call with an all-permissions, confidential API key of the demo account `acme`. */
  ats<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Captured messages to `to`, newest first (the /mailbox list). */
  mail(to: string): Promise<Mail[]>;
  /** The text body of one captured message (HTML entities decoded). */
  mailText(id: string): Promise<string>;
  /** Waits for a message to `to` whose subject matches, and returns its first link matching `link`. */
  waitForMailLink(to: string, subject: RegExp, link: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null>,
  timeoutMs = 20_000,
  intervalMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function startReferralsServer(
  options: { env?: Record<string, string>; port?: number; publicUrl?: string } = {},
): Promise<ReferralsServer> {
  const dataDir = makeDataDir();
  const port = options.port ?? (await freePort());
  // `url` is always the server itself; PUBLIC_URL may be a proxy in front of it (the fault test).
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: options.publicUrl ?? url,
    ...options.env,
  };
  const proc = spawnHireloop(['start'], { env });
  try {
    await proc.waitForUrl(STARTUP_MS);
    // The banner is printed after the demo seed (including the demo referrals org's OAuth connection).
    await proc.waitForOutput(/Stop with Ctrl\+C/, STARTUP_MS);
  } catch (e) {
    await killAll();
    removeDataDir(dataDir);
    throw e;
  }
  const cli = async <T>(args: readonly string[]): Promise<T> => {
    const run = spawnHireloop(['--json', ...args], { env });
    const exit = await run.waitForExit(60_000);
    assert.equal(exit.code, 0, `hireloop ${args.join(' ')}: ${run.stdout()} ${run.stderr()}`);
    return JSON.parse(run.stdout()) as T;
  };
  const key = (
    await cli<{ key: string }>([
      'api-key',
      'create',
      '--site',
      'acme',
      '--name',
      'e2e',
      '--all',
      '--confidential',
    ])
  ).key;
  const authorization = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const ats = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/v1${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const mail = async (to: string): Promise<Mail[]> => {
    const html = await (await fetch(`${url}/mailbox?to=${encodeURIComponent(to)}`)).text();
    const rows = html.split('<tr').slice(1);
    const out: Mail[] = [];
    for (const row of rows) {
      const m = /href="\/mailbox\/([0-9a-f-]{36})">([^<]*)<\/a>/.exec(row);
      if (!m) continue;
      const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.trim());
      out.push({ id: m[1]!, subject: decode(m[2]!), kind: decode(cells[1] ?? '') });
    }
    return out;
  };
  const mailText = async (id: string): Promise<string> => {
    const html = await (await fetch(`${url}/mailbox/${id}`)).text();
    const pre = /<pre class="mail-body">([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '';
    return decode(pre.replace(/<a href="[^"]*">([^<]*)<\/a>/g, '$1'));
  };
  return {
    url,
    port,
    proc,
    cli,
    ats,
    mail,
    mailText,
    async waitForMailLink(to, subject, link, timeoutMs = 20_000) {
      return until(
        `mail to ${to} matching ${subject}`,
        async () => {
          const found = (await mail(to)).find((m) => subject.test(m.subject));
          if (!found) return undefined;
          return link.exec(await mailText(found.id))?.[0];
        },
        timeoutMs,
      );
    },
    async close() {
      proc.signal('SIGTERM');
      await proc.waitForExit(30_000).catch(() => killAll());
      removeDataDir(dataDir);
    },
  };
}

export interface SessionResponse {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/** A person's browser without the browser: cookies kept, redirects not followed, CSRF from the last page. */
export function httpSession(base: string) {
  const cookies = new Map<string, string>();
  let csrf = '';
  const go = async (method: string, path: string, body?: Record<string, string> | FormData) => {
    let payload: URLSearchParams | FormData | undefined;
    if (body instanceof FormData) {
      payload = body;
      if (!payload.has('_csrf')) payload.set('_csrf', csrf);
    } else if (body) payload = new URLSearchParams({ _csrf: csrf, ...body });
    const res = await fetch(new URL(path, base), {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(payload instanceof URLSearchParams
          ? { 'content-type': 'application/x-www-form-urlencoded' }
          : {}),
      },
      body: payload,
      signal: AbortSignal.timeout(30_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const text = await res.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? csrf;
    return { status: res.status, location: res.headers.get('location') ?? undefined, body: text };
  };
  return {
    get: (path: string): Promise<SessionResponse> => go('GET', path),
    post: (path: string, body: Record<string, string> | FormData): Promise<SessionResponse> =>
      go('POST', path, body),
    /** Signs in to the referrals pages (password) and loads `then` to pick up the new session's CSRF token. */
    async signInReferrals(email: string, password: string, then = '/referrals/my'): Promise<void> {
      await go('GET', '/referrals/sign-in');
      const res = await go('POST', '/referrals/sign-in', { email, password });
      if (res.status !== 303) throw new Error(`referrals sign-in as ${email}: ${res.status}`);
      await go('GET', then);
    },
  };
}
