// SSRF guard for server-side requests to user-supplied URLs (webhook deliveries). Three checks:
//   1. the URL: http(s) only; the WHATWG parser already turns decimal/hex/octal/short IPv4 forms
//      (`2130706433`, `0x7f.1`, `0177.0.0.1`) into dotted quads, so one address check covers them;
//   2. every address the name resolves to must be public (one inside answer blocks the URL, so a DNS
//      name answering both cannot win a race);
//   3. the connection goes to the address we checked (`lookup` pinned), never to a re-resolution, so
//      DNS rebinding cannot swap it; redirects are never followed (node:http does not).
// `allowLoopback` (HIRELOOP_ALLOW_PRIVATE_WEBHOOKS) opens loopback only — never metadata or RFC 1918.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export type AddressFamily = 4 | 6;
export interface ResolvedAddress {
  readonly address: string;
  readonly family: AddressFamily;
}
/** Resolves a host name to all its addresses; injectable so tests can make names resolve inside. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const defaultResolver: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export const OUTBOUND_TIMEOUT_MS = 15_000;
export const RESPONSE_EXCERPT_BYTES = 1024;

const V4_RANGES: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local / cloud metadata'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved / broadcast'],
];
const V6_RANGES: readonly [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'discard-only'],
  ['2001::', 32, 'Teredo'],
  ['2001:db8::', 32, 'documentation'],
  ['fc00::', 7, 'unique local (ULA)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

const blockLists = (() => {
  const v4 = V4_RANGES.map(([a, p, why]) => {
    const list = new net.BlockList();
    list.addSubnet(a, p, 'ipv4');
    return { list, why };
  });
  const v6 = V6_RANGES.map(([a, p, why]) => {
    const list = new net.BlockList();
    list.addSubnet(a, p, 'ipv6');
    return { list, why };
  });
  return { v4, v6 };
})();

/** 16 bytes of an IPv6 literal (no zone), or undefined. */
function ipv6Bytes(address: string): Buffer | undefined {
  if (!net.isIPv6(address)) return undefined;
  let text = address;
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail?.[1]) {
    const parts = v4Tail[1].split('.').map(Number);
    const hex = `${(((parts[0] ?? 0) << 8) | (parts[1] ?? 0)).toString(16)}:${(((parts[2] ?? 0) << 8) | (parts[3] ?? 0)).toString(16)}`;
    text = text.slice(0, -v4Tail[1].length) + hex;
  }
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return out;
}

/** The IPv4 address embedded in an IPv6 one that routes to it (mapped, compatible, NAT64, 6to4). */
function embeddedV4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  if (!b) return undefined;
  const zeros = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  const quad = (at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return quad(12); // ::ffff:a.b.c.d
  if (zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && b[15] === 1)) return quad(12); // ::a.b.c.d
  if (b.readUInt32BE(0) === 0x0064ff9b && zeros(4, 12)) return quad(12); // 64:ff9b::/96 NAT64
  if (b.readUInt16BE(0) === 0x2002) return quad(2); // 2002:AABB:CCDD::/48 6to4
  return undefined;
}

export interface AddressVerdict {
  readonly blocked: boolean;
  readonly loopback: boolean;
  /** Why it is blocked, e.g. "loopback", "private (RFC 1918)". */
  readonly range?: string;
}

/** Classifies one IP literal (v4 or v6, brackets allowed). Anything that is not an IP is blocked. */
export function classifyAddress(input: string): AddressVerdict {
  const address = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (net.isIPv4(address)) {
    const hit = blockLists.v4.find((b) => b.list.check(address, 'ipv4'));
    return hit
      ? { blocked: true, loopback: hit.why === 'loopback', range: hit.why }
      : { blocked: false, loopback: false };
  }
  if (net.isIPv6(address)) {
    const v4 = embeddedV4(address);
    if (v4) {
      const inner = classifyAddress(v4);
      return inner.blocked ? { ...inner, range: `${inner.range} (embedded in IPv6)` } : inner;
    }
    const hit = blockLists.v6.find((b) => b.list.check(address, 'ipv6'));
    return hit
      ? { blocked: true, loopback: hit.why === 'loopback', range: hit.why }
      : { blocked: false, loopback: false };
  }
  return { blocked: true, loopback: false, range: 'not an IP address' };
}

export class SsrfBlockedError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`Blocked outbound request: ${reason}`);
    this.name = 'SsrfBlockedError';
    this.reason = reason;
  }
}

export interface GuardOptions {
  /** Development and tests (HIRELOOP_ALLOW_PRIVATE_WEBHOOKS): loopback passes; nothing else inside does. */
  readonly allowLoopback: boolean;
  readonly resolve?: Resolver;
}

export interface CheckedTarget {
  readonly url: URL;
  /** The address the connection must use (pinned). */
  readonly address: ResolvedAddress;
}

/** Parses and checks `raw`; resolves the host and checks every answer. Throws SsrfBlockedError. */
export async function checkOutboundUrl(raw: string, options: GuardOptions): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SsrfBlockedError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfBlockedError(`scheme ${url.protocol} is not allowed (http and https only)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new SsrfBlockedError('no host');
  let addresses: readonly ResolvedAddress[];
  if (net.isIP(host)) {
    addresses = [{ address: host, family: net.isIPv6(host) ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? defaultResolver)(host);
    } catch {
      throw new SsrfBlockedError(`host ${host} does not resolve`);
    }
    if (addresses.length === 0) throw new SsrfBlockedError(`host ${host} does not resolve`);
  }
  for (const a of addresses) {
    const verdict = classifyAddress(a.address);
    if (verdict.blocked && !(verdict.loopback && options.allowLoopback)) {
      throw new SsrfBlockedError(`${host} resolves to ${a.address} (${verdict.range ?? 'blocked'})`);
    }
  }
  const first = addresses[0];
  if (!first) throw new SsrfBlockedError(`host ${host} does not resolve`);
  return { url, address: first };
}

export interface OutboundResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** At most RESPONSE_EXCERPT_BYTES of the body, as UTF-8. */
  readonly excerpt: string;
}

export interface GuardedPostOptions extends GuardOptions {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly timeoutMs?: number;
  /** Keep-alive agents (one per scheme); defaults to shared ones. */
  readonly agents?: { http: http.Agent; https: https.Agent };
}

const sharedAgents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * POSTs `body` to `rawUrl` after checkOutboundUrl, connecting to the checked address only. Redirects are
 * returned as they are (3xx), never followed. Rejects with SsrfBlockedError, or with the network error /
 * a timeout error after `timeoutMs` (default 15 s) for the whole exchange.
 */
export async function guardedPost(rawUrl: string, options: GuardedPostOptions): Promise<OutboundResponse> {
  const { url, address } = await checkOutboundUrl(rawUrl, options);
  const timeoutMs = options.timeoutMs ?? OUTBOUND_TIMEOUT_MS;
  const agents = options.agents ?? sharedAgents;
  const isHttps = url.protocol === 'https:';
  const pinnedLookup = (
    _host: string,
    opts: { all?: boolean },
    cb: (err: Error | null, a: string | { address: string; family: number }[], f?: number) => void,
  ) => (opts.all ? cb(null, [{ ...address }]) : cb(null, address.address, address.family));
  return new Promise<OutboundResponse>((resolve, reject) => {
    const body = Buffer.from(options.body, 'utf8');
    const req = (isHttps ? https : http).request(
      url,
      {
        method: 'POST',
        agent: isHttps ? agents.https : agents.http,
        headers: { ...options.headers, 'content-length': String(body.length) },
        lookup: pinnedLookup as unknown as net.LookupFunction,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            excerpt: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'),
          });
        res.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          // A large body is not read to the end: we keep the excerpt and drop the connection.
          if (size > 64 * 1024) {
            res.destroy();
            finish();
          }
        });
        res.on('end', finish);
        res.on('error', (err) => (size > 64 * 1024 ? finish() : reject(err)));
      },
    );
    req.on('error', (err) =>
      reject(err.name === 'AbortError' ? new Error(`Timed out after ${timeoutMs} ms`, { cause: err }) : err),
    );
    req.end(body);
  });
}
