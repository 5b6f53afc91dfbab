// The onboarding demo: an onboarding organization for the ATS demo account (slug `acme`), its people-ops
// admin, offices and teams that match every ATS location and team but one ("Berlin, Germany" has only a
// near "Berlin" office, so the matching page and the needs-mapping queue have something to show), and a
// connection made through the REAL OAuth code path: this composition root registers an OAuth app with the
// ATS's own domain code, then drives sign-in → authorize → consent → callback over HTTP against the
// listening server, exactly as a person's browser would. Needs the server to be listening (`npm start`
// seeds after listen); otherwise the organization is left unconnected and says so.
import type { Runtime } from '@hireloop/platform';
import { atsContext } from '@hireloop/ats';
import { findAccountBySite } from '@hireloop/ats/domain/accounts/account.service';
import { createOAuthClient } from '@hireloop/ats/oauth/oauth-client.service';
import {
  DEMO_DEPARTMENTS,
  DEMO_EMAIL_DOMAIN,
  DEMO_LOCATIONS,
  DEMO_PASSWORD,
  DEMO_SITE,
  DEMO_USERS,
} from '@hireloop/ats/seed/demo-company';
import {
  addTarget,
  createOrganizationWithAdmin,
  findOrganizationBySlug,
  onboardingModule,
} from '@hireloop/onboarding';

export const ONBOARDING_DEMO_ADMIN = `people@${DEMO_EMAIL_DOMAIN}`;
/** The one ATS location without an exact office (the demo's mapping-queue example). */
export const ONBOARDING_DEMO_UNMATCHED = 'Berlin, Germany';

export interface OnboardingDemoResult {
  readonly created: boolean;
  readonly connected: boolean;
  readonly problem?: string;
}

/** A cookie jar over fetch: one per "browser", cookies by name (paths are all on this one origin). */
function browser(base: string) {
  const jar = new Map<string, string>();
  const request = async (path: string, init: { method?: string; form?: Record<string, string> } = {}) => {
    const res = await fetch(new URL(path, base), {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const body = await res.text();
    return { status: res.status, location: res.headers.get('location') ?? undefined, body };
  };
  const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { request, csrf };
}

async function connectByOAuth(runtime: Runtime, organizationSlug: string): Promise<void> {
  const base = runtime.config.publicUrl.replace(/\/+$/, '');
  const { clientId, clientSecret } = await (async () => {
    const { client, clientSecret } = await createOAuthClient(atsContext(runtime).db, {
      name: 'Hireloop Onboarding (demo)',
      redirectUris: [`${base}/onboarding/connect/callback`],
      site: DEMO_SITE,
    });
    return { clientId: client.client_id, clientSecret };
  })();
  const b = browser(base);
  const signInPage = await b.request('/onboarding/sign-in');
  await b.request('/onboarding/sign-in', {
    form: { _csrf: b.csrf(signInPage.body), email: ONBOARDING_DEMO_ADMIN, password: DEMO_PASSWORD },
  });
  const connect = await b.request('/onboarding/connect');
  const started = await b.request('/onboarding/connect/oauth', {
    form: {
      _csrf: b.csrf(connect.body),
      environment: 'embedded',
      clientId,
      clientSecret: clientSecret ?? '',
    },
  });
  if (!started.location?.includes('/oauth/authorize'))
    throw new Error(`onboarding did not start OAuth (${started.status})`);
  const authorize = new URL(started.location, base);
  const owner = DEMO_USERS[0]!;
  const returnTo = `${authorize.pathname}${authorize.search}`;
  const atsSignIn = await b.request(`/ats/sign-in?${new URLSearchParams({ returnTo, site: DEMO_SITE })}`);
  await b.request('/ats/sign-in', {
    form: {
      _csrf: b.csrf(atsSignIn.body),
      email: owner.email,
      password: DEMO_PASSWORD,
      returnTo,
      site: DEMO_SITE,
    },
  });
  const consent = await b.request(returnTo);
  if (consent.status !== 200) throw new Error(`the ATS consent page answered ${consent.status}`);
  const accepted = await b.request('/oauth/authorize', {
    form: { ...Object.fromEntries(authorize.searchParams), _csrf: b.csrf(consent.body), decision: 'accept' },
  });
  if (!accepted.location?.includes('/onboarding/connect/callback'))
    throw new Error(`consent answered ${accepted.status}`);
  const cb = new URL(accepted.location, base);
  await b.request(`${cb.pathname}${cb.search}`);
  const ctx = onboardingModule.context(runtime);
  const org = await findOrganizationBySlug(ctx.db, organizationSlug);
  const row =
    org &&
    (await ctx.db
      .selectFrom('onboarding.ats_connection')
      .select('status')
      .where('organization_id', '=', org.id)
      .executeTakeFirst());
  if (row?.status !== 'connected') throw new Error('the callback did not leave a connected organization');
}

export async function seedOnboardingDemo(runtime: Runtime): Promise<OnboardingDemoResult | undefined> {
  const ctx = onboardingModule.context(runtime);
  const existing = await findOrganizationBySlug(ctx.db, DEMO_SITE);
  if (existing) {
    const c = await ctx.db
      .selectFrom('onboarding.ats_connection')
      .select('status')
      .where('organization_id', '=', existing.id)
      .executeTakeFirst();
    if (c?.status === 'connected') return { created: false, connected: true };
  } else {
    const account = await findAccountBySite(atsContext(runtime).db, DEMO_SITE);
    if (!account) return undefined;
    const { organization } = await createOrganizationWithAdmin(ctx, {
      name: account.name,
      slug: DEMO_SITE,
      adminEmail: ONBOARDING_DEMO_ADMIN,
      adminName: 'Pat People',
      password: DEMO_PASSWORD,
    });
    for (const l of DEMO_LOCATIONS)
      await addTarget(
        ctx.db,
        organization.id,
        'location',
        l.name === ONBOARDING_DEMO_UNMATCHED ? 'Berlin' : l.name,
      );
    for (const team of Object.values(DEMO_DEPARTMENTS).flat())
      await addTarget(ctx.db, organization.id, 'team', team);
  }
  try {
    await connectByOAuth(runtime, DEMO_SITE);
    return { created: !existing, connected: true };
  } catch (error) {
    return { created: !existing, connected: false, problem: (error as Error).message };
  }
}
