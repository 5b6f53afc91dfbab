// A fault-injecting HTTP proxy on loopback, in front of the real server: the server's PUBLIC_URL points here,
// so the app's ATS base URL (the embedded ATS at PUBLIC_URL) does too. While enabled it answers a bounded, seeded-random fraction of the matching requests
// (/v1 and /oauth/token) with a fault instead of the ATS's answer:
//   429     Too Many Requests with Retry-After: 1, before the request reaches the ATS;
//   500     before the request reaches the ATS;
//   lost    the request IS forwarded and done by the ATS, then the answer is replaced by a 500 — the case
//           that duplicates writes if a client simply tries again;
//   401     (at most `max401`, spaced) as if the access token had expired: the app must refresh through
//           /oauth/token (itself faulty) and carry on.
// Everything else is streamed through unchanged. The fault budget (`maxFaults`) bounds the damage, so a
// test converges by itself once it is spent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultKind = '429' | '500' | 'lost' | '401';

export interface FaultOptions {
  /** Probability that an eligible request gets a fault (0–1). */
  readonly rate: number;
  readonly maxFaults: number;
  readonly max401?: number;
  readonly seed?: number;
  /** The first write (non-GET) matching each pattern is 'lost' for sure, so that case is always covered. */
  readonly loseFirst?: readonly RegExp[];
}

export interface FaultRecord {
  readonly kind: FaultKind;
  readonly method: string;
  readonly path: string;
}

export interface FaultProxy {
  readonly url: string;
  /** Where requests go (set once the server's port is known). */
  setTarget(url: string): void;
  enable(options: FaultOptions): void;
  disable(): void;
  readonly faults: FaultRecord[];
  /** Every request that reached the ATS (method + path without query), with the ATS's status. */
  readonly forwarded: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

const ELIGIBLE = /^\/(v1\/|oauth\/token)/;

/** mulberry32: a tiny seeded PRNG, so a failing run can be repeated with the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(): Promise<FaultProxy> {
  let target: URL | undefined;
  let options: FaultOptions | undefined;
  let random = Math.random;
  let last401 = 0;
  const faults: FaultRecord[] = [];
  const forwarded: FaultProxy['forwarded'] = [];

  const lostOnce = new Set<RegExp>();
  const pickFault = (method: string, path: string, authorization: string): FaultKind | undefined => {
    if (!options || !ELIGIBLE.test(path) || faults.length >= options.maxFaults) return undefined;
    // Only the app's calls (OAuth bearer tokens; the token endpoint): not the careers app's API-key polls.
    if (path.startsWith('/v1/') && !authorization.startsWith('Bearer ')) return undefined;
    const forced = method !== 'GET' && options.loseFirst?.find((p) => p.test(path) && !lostOnce.has(p));
    if (forced) {
      lostOnce.add(forced);
      return 'lost';
    }
    if (random() >= options.rate) return undefined;
    const count401 = faults.filter((f) => f.kind === '401').length;
    const r = random();
    if (
      r < 0.1 &&
      path.startsWith('/v1/') &&
      count401 < (options.max401 ?? 0) &&
      Date.now() - last401 > 3000
    ) {
      last401 = Date.now();
      return '401';
    }
    // Lost answers only on writes: that is where a blind retry duplicates.
    if (r < 0.4 && method !== 'GET') return 'lost';
    return r < 0.7 ? '429' : '500';
  };

  const reply = (res: http.ServerResponse, status: number, headers: Record<string, string> = {}) =>
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(
        JSON.stringify({ code: 'InjectedFault', message: `fault injected by the test proxy (${status})` }),
      );

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const fault = pickFault(method, path, req.headers.authorization ?? '');
    if (fault) faults.push({ kind: fault, method, path });
    if (fault === '429' || fault === '500' || fault === '401') {
      req.resume();
      req.on('end', () =>
        fault === '429'
          ? reply(res, 429, { 'retry-after': '1' })
          : fault === '401'
            ? reply(res, 401, { 'www-authenticate': 'Bearer error="invalid_token"' })
            : reply(res, 500),
      );
      return;
    }
    if (!target) return reply(res, 502);
    const headers = { ...req.headers, host: target.host };
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, path: url, method, headers },
      (answer) => {
        forwarded.push({ method, path, status: answer.statusCode ?? 0 });
        if (fault === 'lost') {
          answer.resume();
          answer.on('end', () => reply(res, 500));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) reply(res, 502);
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setTarget(url) {
      target = new URL(url);
    },
    enable(o) {
      options = o;
      lostOnce.clear();
      random = prng(o.seed ?? Date.now());
    },
    disable() {
      options = undefined;
    },
    faults,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
