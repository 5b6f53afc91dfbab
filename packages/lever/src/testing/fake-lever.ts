// TEST ONLY. A small but real HTTP server standing in for a Lever-compatible ATS (STYLE.md: a real local
// server at the network edge, not a mock), shared by the apps' int tests (referrals, onboarding): OAuth
// authorize/token/revoke with PKCE S256 and refresh rotation + reuse detection, bearer-checked /v1
// postings, stages, archive reasons, users, webhooks (+ the rotate_token extension), opportunities and
// their offers, failure injection (429/500) to exercise the client's back-off, and `deliver()` — a signed
// webhook delivery to every webhook of an event, as the ATS would send it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeOpportunity, makePosting, makeUser } from '../fixtures.ts';
import type { Offer, Opportunity, Posting, User } from '../wire/index.ts';
import { signLever } from '../webhook-signature.ts';

export interface FakeLever {
  url: string;
  clientId: string;
  clientSecret: string;
  postings: Map<string, Posting>;
  deletedPostings: { id: string; deletedAt: number }[];
  opportunities: Map<string, Opportunity>;
  /** Offers by opportunity id. */
  offers: Map<string, Offer[]>;
  /** Posting of each application id (what `expand=applications` shows). */
  applicationPostings: Map<string, string>;
  users: Map<string, User>;
  webhooks: Map<string, { id: string; event: string; url: string; signatureToken: string }>;
  stages: { id: string; text: string; pipeline: string; rank: number; hasInterview: boolean }[];
  archiveReasons: { id: string; text: string; type: 'hired' | null }[];
  /** Requests seen: `METHOD /path?query`. */
  log: string[];
  revoked: Set<string>;
  /** Scopes granted at consent (defaults to everything requested). */
  grantScopes?: (requested: string[]) => string[];
  /** Answer the next N /v1 requests with this status. */
  failNext(n: number, status: 429 | 500): void;
  /** Expire every access token now (the next call gets 401 and must refresh). */
  expireAccessTokens(): void;
  /**
   * POSTs a signed delivery of `event` to every webhook subscribed to it (or with `signatureToken`, signed
   * with that token instead — e.g. a revoked one). Returns each receiver's status.
   */
  deliver(
    event: string,
    data: Record<string, unknown>,
    options?: { signatureToken?: string; triggeredAt?: number },
  ): Promise<number[]>;
  close(): Promise<void>;
}

const HIRED_REASON = '8c1b7a42-77c5-4b7f-9a5d-2c6b1d7a0e01';
const OTHER_REASON = '8c1b7a42-77c5-4b7f-9a5d-2c6b1d7a0e02';

export async function startFakeLever(options: { clientId?: string } = {}): Promise<FakeLever> {
  const codes = new Map<string, { redirectUri: string; challenge: string; scopes: string[] }>();
  const access = new Map<string, { scopes: string[]; expiresAt: number }>();
  const refresh = new Map<string, { scopes: string[]; used: boolean }>();
  let failures: { n: number; status: number } = { n: 0, status: 500 };

  const ats = {
    clientId: options.clientId ?? 'fake-lever-client',
    clientSecret: randomBytes(16).toString('hex'),
    postings: new Map<string, Posting>(),
    deletedPostings: [] as { id: string; deletedAt: number }[],
    opportunities: new Map<string, Opportunity>(),
    offers: new Map<string, Offer[]>(),
    applicationPostings: new Map<string, string>(),
    users: new Map<string, User>(),
    webhooks: new Map<string, { id: string; event: string; url: string; signatureToken: string }>(),
    stages: [
      { id: 'lead-new', text: 'New lead', pipeline: 'lead', rank: 1, hasInterview: false },
      { id: 'applicant-new', text: 'New applicant', pipeline: 'applicant', rank: 2, hasInterview: false },
      {
        id: '3f0c4a55-0a0b-4c1e-9a55-1d2e3f4a5b01',
        text: 'Recruiter screen',
        pipeline: 'screen',
        rank: 3,
        hasInterview: true,
      },
      {
        id: '3f0c4a55-0a0b-4c1e-9a55-1d2e3f4a5b02',
        text: 'Team interview',
        pipeline: 'onsite',
        rank: 4,
        hasInterview: true,
      },
      { id: 'offer', text: 'Offer', pipeline: 'offer', rank: 5, hasInterview: false },
    ],
    archiveReasons: [
      { id: HIRED_REASON, text: 'Hired', type: 'hired' as const },
      { id: OTHER_REASON, text: 'Underqualified', type: null },
    ],
    log: [] as string[],
    revoked: new Set<string>(),
    grantScopes: undefined as FakeLever['grantScopes'],
  };

  const issue = (scopes: string[]) => {
    const at = randomBytes(16).toString('hex');
    const rt = randomBytes(16).toString('hex');
    access.set(at, { scopes, expiresAt: Date.now() + 3600_000 });
    refresh.set(rt, { scopes, used: false });
    return {
      access_token: at,
      refresh_token: rt,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: scopes.join(' '),
    };
  };

  const json = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    ats.log.push(`${req.method} ${path}${url.search}`);
    const form = () => new URLSearchParams(body);

    if (req.method === 'GET' && path === '/oauth/authorize') {
      const p = url.searchParams;
      if (p.get('client_id') !== ats.clientId || p.get('code_challenge_method') !== 'S256')
        return json(res, 400, { error: 'invalid_request' });
      const requested = (p.get('scope') ?? '').split(' ').filter(Boolean);
      const code = randomBytes(12).toString('hex');
      codes.set(code, {
        redirectUri: p.get('redirect_uri') ?? '',
        challenge: p.get('code_challenge') ?? '',
        scopes: ats.grantScopes?.(requested) ?? requested,
      });
      const to = new URL(p.get('redirect_uri') ?? '');
      to.searchParams.set('code', code);
      to.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { location: to.toString() });
      return res.end();
    }
    if (req.method === 'POST' && path === '/oauth/token') {
      const f = form();
      if (f.get('client_id') !== ats.clientId || f.get('client_secret') !== ats.clientSecret)
        return json(res, 401, { error: 'invalid_client' });
      if (f.get('grant_type') === 'authorization_code') {
        const c = codes.get(f.get('code') ?? '');
        codes.delete(f.get('code') ?? '');
        const challenge = createHash('sha256')
          .update(f.get('code_verifier') ?? '')
          .digest('base64url');
        if (!c || c.redirectUri !== f.get('redirect_uri') || c.challenge !== challenge)
          return json(res, 400, { error: 'invalid_grant', error_description: 'bad code' });
        return json(res, 200, issue(c.scopes));
      }
      if (f.get('grant_type') === 'refresh_token') {
        const r = refresh.get(f.get('refresh_token') ?? '');
        if (!r || r.used || ats.revoked.has(f.get('refresh_token') ?? ''))
          return json(res, 400, { error: 'invalid_grant', error_description: 'refresh token invalid' });
        r.used = true;
        return json(res, 200, issue(r.scopes));
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (req.method === 'POST' && path === '/oauth/revoke') {
      const token = form().get('token') ?? '';
      ats.revoked.add(token);
      access.delete(token);
      return json(res, 200, {});
    }
    if (!path.startsWith('/v1/')) return json(res, 404, { code: 'NotFoundError', message: 'no route' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const grant = access.get(bearer);
    if (!grant || grant.expiresAt < Date.now())
      return json(res, 401, { code: 'UnauthorizedError', message: 'invalid token' });
    if (failures.n > 0) {
      failures.n--;
      return json(res, failures.status, { code: 'Flaky', message: 'injected failure' });
    }
    const v1 = path.slice(3);
    const seg = v1.split('/').filter(Boolean);
    if (req.method === 'GET' && v1 === '/disposition_stages')
      return json(res, 200, { data: { stages: ats.stages, archiveReasons: ats.archiveReasons } });
    if (req.method === 'GET' && v1 === '/stages')
      return json(res, 200, { data: ats.stages.map(({ id, text }) => ({ id, text })), hasNext: false });
    if (req.method === 'GET' && v1 === '/archive_reasons')
      return json(res, 200, {
        data: ats.archiveReasons.map((r) => ({
          id: r.id,
          text: r.text,
          status: 'active',
          type: r.type ?? 'non-hired',
        })),
        hasNext: false,
      });
    if (req.method === 'GET' && v1 === '/postings/deleted') {
      const since = Number(url.searchParams.get('deleted_at_start') ?? 0);
      return json(res, 200, {
        data: ats.deletedPostings.filter((d) => d.deletedAt >= since),
        hasNext: false,
      });
    }
    if (req.method === 'GET' && v1 === '/postings') {
      const since = Number(url.searchParams.get('updated_at_start') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const all = [...ats.postings.values()]
        .filter((p) => p.updatedAt >= since)
        .sort((a, b) => a.id.localeCompare(b.id));
      const page = all.slice(offset, offset + limit);
      const hasNext = offset + limit < all.length;
      return json(
        res,
        200,
        hasNext ? { data: page, hasNext, next: String(offset + limit) } : { data: page, hasNext },
      );
    }
    if (req.method === 'GET' && seg[0] === 'postings' && seg[1]) {
      const p = ats.postings.get(seg[1]);
      return p
        ? json(res, 200, { data: p })
        : json(res, 404, { code: 'NotFoundError', message: 'no posting' });
    }
    if (req.method === 'GET' && seg[0] === 'opportunities' && seg[1] && seg[2] === 'offers') {
      if (!ats.opportunities.has(seg[1]))
        return json(res, 404, { code: 'NotFoundError', message: 'no opportunity' });
      return json(res, 200, { data: ats.offers.get(seg[1]) ?? [], hasNext: false });
    }
    if (req.method === 'GET' && seg[0] === 'users' && seg[1]) {
      const u = ats.users.get(seg[1]);
      return u ? json(res, 200, { data: u }) : json(res, 404, { code: 'NotFoundError', message: 'no user' });
    }
    if (req.method === 'GET' && seg[0] === 'opportunities' && seg[1]) {
      const o = ats.opportunities.get(seg[1]);
      const expand = url.searchParams.getAll('expand');
      const shown =
        o && expand.includes('applications')
          ? {
              ...o,
              applications: o.applications.map((id) => {
                const posting = ats.applicationPostings.get(id) ?? null;
                const p = posting ? ats.postings.get(posting) : undefined;
                return {
                  id,
                  type: 'posting',
                  opportunityId: o.id,
                  posting,
                  postingHiringManager: p?.hiringManager ?? null,
                  postingOwner: p?.owner ?? null,
                };
              }),
            }
          : o;
      return o
        ? json(res, 200, { data: shown })
        : json(res, 404, { code: 'NotFoundError', message: 'no opportunity' });
    }
    if (v1 === '/webhooks' && req.method === 'GET')
      return json(res, 200, { data: [...ats.webhooks.values()].map(({ signatureToken: _t, ...w }) => w) });
    if (v1 === '/webhooks' && req.method === 'POST') {
      if (!grant.scopes.includes('webhooks:write:admin'))
        return json(res, 403, { code: 'MissingScopeError', message: 'webhooks:write:admin' });
      const b = JSON.parse(body) as { url: string; event: string };
      const w = {
        id: randomUUID(),
        event: b.event,
        url: b.url,
        signatureToken: randomBytes(24).toString('hex'),
      };
      ats.webhooks.set(w.id, w);
      const now = Date.now();
      return json(res, 201, {
        data: {
          id: w.id,
          event: w.event,
          url: w.url,
          configuration: { signatureToken: w.signatureToken },
          createdAt: now,
          updatedAt: now,
        },
      });
    }
    if (seg[0] === 'webhooks' && seg[1] && seg[2] === 'rotate_token' && req.method === 'POST') {
      const w = ats.webhooks.get(seg[1]);
      if (!w) return json(res, 404, { code: 'NotFoundError', message: 'no webhook' });
      w.signatureToken = randomBytes(24).toString('hex');
      const now = Date.now();
      return json(res, 200, {
        data: {
          id: w.id,
          event: w.event,
          url: w.url,
          configuration: { signatureToken: w.signatureToken },
          createdAt: now,
          updatedAt: now,
        },
      });
    }
    if (seg[0] === 'webhooks' && seg[1] && req.method === 'DELETE') {
      return ats.webhooks.delete(seg[1])
        ? json(res, 204)
        : json(res, 404, { code: 'NotFoundError', message: 'no webhook' });
    }
    return json(res, 404, { code: 'NotFoundError', message: `no route ${req.method} ${v1}` });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on(
      'end',
      () =>
        void handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) =>
          json(res, 599, { message: String(e) }),
        ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(ats, {
    url: `http://127.0.0.1:${port}`,
    failNext(n: number, status: 429 | 500) {
      failures = { n, status };
    },
    expireAccessTokens() {
      for (const g of access.values()) g.expiresAt = 0;
    },
    async deliver(
      event: string,
      data: Record<string, unknown>,
      opts: { signatureToken?: string; triggeredAt?: number } = {},
    ) {
      const statuses: number[] = [];
      for (const w of [...ats.webhooks.values()].filter((h) => h.event === event)) {
        const token = randomBytes(16).toString('hex');
        const triggeredAt = opts.triggeredAt ?? Date.now();
        const signatureToken = opts.signatureToken ?? w.signatureToken;
        const res = await fetch(w.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            token,
            triggeredAt,
            event,
            signature: signLever({ signatureToken, token, triggeredAt }),
            data,
          }),
        });
        await res.body?.cancel();
        statuses.push(res.status);
      }
      return statuses;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  });
}

export const FAKE_HIRED_REASON = HIRED_REASON;
export const FAKE_OTHER_REASON = OTHER_REASON;
export { makeOpportunity, makePosting, makeUser };
