// TEST ONLY. A real embedded ATS and the careers app in one in-process server (buildApp over a test
// runtime with every product module, listening on a real port), with the careers app pointed at the ATS
// through a recording proxy: every request the app sends is logged, and anything but GET is refused and
// recorded as a violation — the app must never write to the ATS. ATS tenants, keys and postings come from
// the ATS's own test support (this file may import both sides; packages/careers may not).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestRuntime, type TestRuntime } from '@hireloop/platform/testing';
import type { Http } from '@hireloop/platform';
import { atsContext } from '@hireloop/ats';
import { createTestTenant, type TestTenant } from '@hireloop/ats/test-support';
import { careersModule, createOrganizationWithAdmin, type CareersContext } from '@hireloop/careers';
import { buildApp } from '../../../packages/server/src/app.ts';
import { productModules } from '../../../packages/server/src/modules.ts';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

export interface CareersStack {
  readonly runtime: TestRuntime;
  readonly app: Http;
  readonly url: string;
  readonly careers: CareersContext;
  readonly tenant: TestTenant;
  readonly requests: RecordedRequest[];
  readonly violations: RecordedRequest[];
  /** ATS API call as the tenant (all permissions + confidential). */
  ats<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  createPosting(fields: Record<string, unknown>): Promise<{ id: string }>;
  updatePosting(id: string, fields: Record<string, unknown>): Promise<void>;
  newOrg(slug: string): Promise<{ organizationId: string; email: string; password: string }>;
  close(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

function startProxy(
  target: string,
  requests: RecordedRequest[],
  violations: RecordedRequest[],
): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      const r = { method, url: req.url ?? '', status: 405 };
      requests.push(r);
      violations.push(r);
      res
        .writeHead(405, { 'content-type': 'application/json' })
        .end('{"code":"ReadOnly","message":"write refused by the test proxy"}');
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k !== 'host') headers[k] = v;
    const upstream = await fetch(`${target}${req.url}`, { method, headers });
    requests.push({ method, url: req.url ?? '', status: upstream.status });
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!['content-encoding', 'transfer-encoding', 'connection', 'content-length'].includes(k)) out[k] = v;
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, out).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function startCareersStack(
  options: { workers?: boolean; atsRate?: number } = {},
): Promise<CareersStack> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const requests: RecordedRequest[] = [];
  const violations: RecordedRequest[] = [];
  const proxy = await startProxy(url, requests, violations);
  // The careers context reads CAREERS_ATS_URL when buildApp mounts it: the embedded ATS, through the proxy.
  process.env.CAREERS_ATS_URL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const runtime = await createTestRuntime(productModules, {
    publicUrl: url,
    apiRatePerSecond: options.atsRate ?? 100_000,
    apiRateBurst: options.atsRate ? options.atsRate * 2 : 100_000,
  });
  let app: Http;
  try {
    app = await buildApp(runtime);
    await app.listen({ port, host: '127.0.0.1' });
    if (options.workers) await runtime.queue.startWorkers();
  } catch (e) {
    await runtime.close();
    proxy.close();
    throw e;
  }
  const careers = careersModule.context(runtime);
  const tenant = await createTestTenant(atsContext(runtime).db);
  const ats = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/v1${path}`, {
      method,
      headers: {
        authorization: tenant.confidentialAuth,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    runtime,
    app,
    url,
    careers,
    tenant,
    requests,
    violations,
    ats,
    async createPosting(fields) {
      const res = await ats<{ data: { id: string } }>(
        'POST',
        `/postings?perform_as=${tenant.superAdmin.id}`,
        {
          text: 'Job',
          state: 'published',
          distributionChannels: ['public'],
          ...fields,
        },
      );
      if (res.status !== 201 && res.status !== 200)
        throw new Error(`create posting: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.data.id };
    },
    async updatePosting(id, fields) {
      const res = await ats('POST', `/postings/${id}?perform_as=${tenant.superAdmin.id}`, fields);
      if (res.status !== 200) throw new Error(`update posting: ${res.status} ${JSON.stringify(res.body)}`);
    },
    async newOrg(slug) {
      const email = `admin@${slug}.careers.test`;
      const password = 'correct horse battery';
      const { organization } = await createOrganizationWithAdmin(careers, {
        name: `${slug} Inc`,
        slug,
        adminEmail: email,
        adminName: 'Casey Admin',
        password,
      });
      return { organizationId: organization.id, email, password };
    },
    async close() {
      await app.close();
      await runtime.close();
      await new Promise((r) => proxy.close(r));
    },
  };
}

/** Drives the careers admin pages like a browser over HTTP (session cookie, CSRF token from the last page). */
export function careersPages(baseUrl: string) {
  let cookie = '';
  let csrf = '';
  const remember = (res: Response, body: string) => {
    for (const c of res.headers.getSetCookie()) if (c.startsWith('hl_careers=')) cookie = c.split(';')[0]!;
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) csrf = m[1]!;
  };
  const go = async (method: string, path: string, form?: Record<string, string | string[]>) => {
    const body = form ? new URLSearchParams() : undefined;
    if (form && body) {
      body.set('_csrf', csrf);
      for (const [k, v] of Object.entries(form))
        for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    }
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    const text = await res.text();
    remember(res, text);
    return { status: res.status, location: res.headers.get('location') ?? undefined, body: text };
  };
  return {
    get: (path: string) => go('GET', path),
    post: (path: string, form: Record<string, string | string[]>) => go('POST', path, form),
    async signIn(email: string, password: string) {
      await go('GET', '/careers/sign-in');
      const res = await go('POST', '/careers/sign-in', { email, password });
      if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
      // A new session after sign-in: pick up its CSRF token.
      await go('GET', '/careers/admin/integration');
    },
  };
}

export const integrationForm = (
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> => ({
  name: 'Embedded ATS',
  environment: 'embedded',
  apiKey: '',
  companyCode: '',
  syncStates: ['published'],
  channel: 'public',
  remoteRegex: '\\bremote\\b',
  hybridRegex: '\\bhybrid\\b',
  hiddenRules: '',
  jobPollMinutes: '15',
  candidatePollMinutes: '15',
  jobsStartAt: '2000-01-01',
  candidatesStartAt: '2000-01-01',
  ...overrides,
});
