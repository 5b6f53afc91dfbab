// Shared setup of the referrals latency benchmarks (P4, P6): `hireloop start` as a child process (the demo
// seed connects the demo referrals org to the demo ATS account through Sign in with Lever), an ATS API key,
// a fresh published posting, and the demo employee signed in (pages session + personal API token), waiting
// until the posting is a referable job. Reuses the e2e tier's server helpers.
import {
  ATS_SUPER_ADMIN,
  httpSession,
  startReferralsServer,
  until,
  type ReferralsServer,
} from '../../../test/e2e/support/referrals-server.ts';

export const DEMO_EMPLOYEE = { email: 'priya@acme-robotics.example', password: 'referrals-demo-2024' };

export interface ReferralsBenchStack {
  readonly s: ReferralsServer;
  readonly morganId: string;
  readonly postingId: string;
  readonly jobId: string;
  readonly employee: ReturnType<typeof httpSession>;
  readonly token: string;
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function startReferralsBenchStack(title: string): Promise<ReferralsBenchStack> {
  // The ATS's per-credential rate limit (10/s) would throttle the runner's own polling of the API key, not
  // what is measured; the app's OAuth token gets the same raised limit, which it never approaches here.
  const env: Record<string, string> = {
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    API_RATE_LIMIT_PER_SECOND: '100000',
    API_RATE_LIMIT_BURST: '100000',
  };
  if (process.env.REFERRALS_JOB_POLL_SECONDS)
    env.REFERRALS_JOB_POLL_SECONDS = process.env.REFERRALS_JOB_POLL_SECONDS;
  if (process.env.DATABASE_URL) throw new Error('the referrals benchmarks run on the embedded database only');
  const s = await startReferralsServer({ env });
  try {
    const users = await s.ats<{ data: { id: string; email: string }[] }>('GET', '/users?limit=100');
    const morganId = users.body.data.find((u) => u.email === ATS_SUPER_ADMIN.email)!.id;
    const posting = await s.ats<{ data: { id: string } }>('POST', `/postings?perform_as=${morganId}`, {
      text: title,
      state: 'published',
      distributionChannels: ['public', 'internal'],
      tags: ['referralbonus:1000'],
      owner: morganId,
      categories: { location: 'Berlin', team: 'Bench', commitment: 'Full-time' },
    });
    if (posting.status !== 201) throw new Error(`posting: ${posting.status} ${JSON.stringify(posting.body)}`);
    const employee = httpSession(s.url);
    await employee.signInReferrals(DEMO_EMPLOYEE.email, DEMO_EMPLOYEE.password, '/referrals/my/api-tokens');
    const created = await employee.post('/referrals/my/api-tokens', { name: 'bench' });
    const token = /rlp_[A-Za-z0-9_-]+/.exec(created.body)?.[0];
    if (!token) throw new Error('no personal API token');
    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${s.url}/referrals/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const job = await until(
      'the bench posting as a referable job',
      async () =>
        (await api<{ data: { id: string; atsPostingId: string }[] }>('GET', '/jobs')).data.find(
          (j) => j.atsPostingId === posting.body.data.id,
        ),
      90_000,
      200,
    );
    return { s, morganId, postingId: posting.body.data.id, jobId: job.id, employee, token, api };
  } catch (e) {
    await s.close();
    throw e;
  }
}
