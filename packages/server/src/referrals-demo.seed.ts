// The referrals demo: an organization connected to the demo ATS account `acme` THROUGH THE SAME OAUTH CODE
// PATH a person takes (no back door): an OAuth app is registered in the ATS, then this seeder signs in to
// the referrals pages as the admin, starts "Sign in with Lever", signs in to the ATS as its super admin,
// accepts the consent page and follows the callback — all over HTTP against the running server. Then it
// waits for the setup job (stages, webhooks, job sync). Idempotent: an existing demo org is left alone.
import { atsContext } from '@hireloop/ats';
import { createOAuthClient } from '@hireloop/ats/oauth/oauth-client.service';
import { DEMO_PASSWORD } from '@hireloop/ats/seed/demo-company';
import { DEMO_SIGN_IN } from '@hireloop/ats/seed/demo.seed';
import { referralsModule } from '@hireloop/referrals';
import { hashPassword } from '@hireloop/platform/passwords';
import { findConnection } from '@hireloop/referrals/domain/connection/connection.repository';
import { insertOrganization } from '@hireloop/referrals/domain/orgs/org.repository';
import { insertUser, updateUser } from '@hireloop/referrals/domain/orgs/user.repository';
import type { CommandContext } from './commands/command.ts';

export const REFERRALS_DEMO_ORG = 'Acme Robotics Referrals';
export const REFERRALS_DEMO_PASSWORD = 'referrals-demo-2024';
const ATS_EMPLOYEE = DEMO_SIGN_IN.find((u) => u.role !== 'super admin') ?? DEMO_SIGN_IN[1]!;
export const REFERRALS_DEMO_PEOPLE = [
  { email: 'admin@referrals.acme.test', name: 'Rita Admin', role: 'admin' as const },
  { email: ATS_EMPLOYEE.email, name: ATS_EMPLOYEE.name, role: 'employee' as const },
  { email: 'eli.employee@acme.test', name: 'Eli Employee', role: 'employee' as const },
  { email: 'xavier@partner-agency.test', name: 'Xavier External', role: 'external' as const },
];

/** A tiny cookie-keeping HTTP client (one cookie per name) for driving the pages like a browser. */
function httpSession(base: string) {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    async get(url: string) {
      const res = await fetch(new URL(url, base), {
        headers: { cookie: header(), accept: 'text/html' },
        redirect: 'manual',
      });
      keep(res);
      return { status: res.status, location: res.headers.get('location'), body: await res.text() };
    },
    async post(url: string, form: Record<string, string>) {
      const res = await fetch(new URL(url, base), {
        method: 'POST',
        headers: {
          cookie: header(),
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form),
        redirect: 'manual',
      });
      keep(res);
      return { status: res.status, location: res.headers.get('location'), body: await res.text() };
    },
  };
}
const csrf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

export async function seedReferralsDemo(ctx: CommandContext, serverUrl: string | undefined) {
  const rctx = referralsModule.context(ctx.runtime);
  const existing = await rctx.db
    .selectFrom('referrals.organization')
    .selectAll()
    .where('name', '=', REFERRALS_DEMO_ORG)
    .executeTakeFirst();
  let orgId = existing?.id;
  if (!orgId) {
    const hash = await hashPassword(REFERRALS_DEMO_PASSWORD);
    orgId = await rctx.db.transaction().execute(async (trx) => {
      const org = await insertOrganization(trx, REFERRALS_DEMO_ORG);
      for (const p of REFERRALS_DEMO_PEOPLE) {
        const user = await insertUser(trx, {
          organizationId: org.id,
          email: p.email,
          name: p.name,
          role: p.role,
        });
        await updateUser(trx, org.id, user.id, {
          status: 'active',
          password_hash: hash,
          registered_at: new Date(),
        });
      }
      await trx
        .updateTable('referrals.settings')
        .set({ referable_jobs: 'all' })
        .where('organization_id', '=', org.id)
        .execute();
      return org.id;
    });
  }
  const connection = await findConnection(rctx.db, orgId);
  if (connection?.status === 'connected') return { orgId, connected: true, created: !existing };
  if (!serverUrl) return { orgId, connected: false, created: !existing };

  // Register the OAuth app in the ATS (as `hireloop oauth-client create` does) …
  const { client, clientSecret } = await createOAuthClient(atsContext(ctx.runtime).db, {
    name: 'Hireloop Referrals (demo)',
    redirectUris: [`${rctx.publicUrl}/referrals/integrations/lever/callback`],
    site: 'acme',
  });
  // … then connect exactly as the admin would in a browser.
  const admin = httpSession(serverUrl);
  const signIn = await admin.get('/referrals/sign-in');
  await admin.post('/referrals/sign-in', {
    _csrf: csrf(signIn.body),
    email: REFERRALS_DEMO_PEOPLE[0]!.email,
    password: REFERRALS_DEMO_PASSWORD,
  });
  const form = await admin.get('/referrals/admin/integrations/lever');
  const started = await admin.post('/referrals/admin/integrations/lever', {
    _csrf: csrf(form.body),
    environment: 'embedded',
    clientId: client.client_id,
    clientSecret: clientSecret ?? '',
  });
  if (!started.location)
    throw new Error(`referrals demo: starting Sign in with Lever failed (${started.status})`);
  const authorize = new URL(started.location, serverUrl);
  const atsUser = httpSession(serverUrl);
  const atsSignIn = await atsUser.get('/ats/sign-in?returnTo=/ats');
  const superAdmin = DEMO_SIGN_IN.find((u) => u.role === 'super admin')!;
  await atsUser.post('/ats/sign-in', {
    _csrf: csrf(atsSignIn.body),
    email: superAdmin.email,
    password: DEMO_PASSWORD,
    returnTo: '/ats',
  });
  const consent = await atsUser.get(`${authorize.pathname}${authorize.search}`);
  const accepted = await atsUser.post('/oauth/authorize', {
    ...Object.fromEntries(authorize.searchParams),
    _csrf: csrf(consent.body),
    decision: 'accept',
  });
  if (!accepted.location)
    throw new Error(`referrals demo: the ATS consent was not accepted (${accepted.status})`);
  const callback = new URL(accepted.location, serverUrl);
  await admin.get(`${callback.pathname}${callback.search}`);
  // The setup job (stages, webhooks, first job sync) runs in the worker; give it a moment.
  for (let i = 0; i < 100; i++) {
    const run = await rctx.db
      .selectFrom('referrals.sync_run')
      .select('status')
      .where('organization_id', '=', orgId)
      .where('status', '=', 'succeeded')
      .executeTakeFirst();
    if (run) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    orgId,
    connected: (await findConnection(rctx.db, orgId))?.status === 'connected',
    created: !existing,
  };
}
