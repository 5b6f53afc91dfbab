// Pure Lever-client logic an app needs around a stored OAuth grant, shared by the apps (referrals,
// onboarding); storage stays in each app (its own schema, its own cipher):
//  - `createRefreshingAuth`: bearer auth that refreshes proactively (2 min before expiry) and once on a 401,
//    one refresh at a time per grant in this process — the ATS rotates refresh tokens and treats reuse as
//    theft, so two concurrent refreshes would revoke the grant. Cross-process serialization (a row lock)
//    is the app's `refresh` callback's business.
//  - `revokeGrant`: RFC 7009 revocation of the refresh and access tokens, best effort, with the problems
//    returned as text (a disconnect must finish even when the ATS is down).
import type { LeverAuth } from './client/auth.ts';
import { needsRefresh } from './oauth.ts';

export interface StoredGrant {
  readonly accessToken: string | undefined;
  /** ms since epoch */
  readonly expiresAt: number | undefined;
}

export interface RefreshingAuthOptions {
  /** Identifies the grant (e.g. the organization id) for the single-flight refresh. */
  readonly key: string;
  /** Reads the current grant from storage (another process may have refreshed it). */
  load(): Promise<StoredGrant>;
  /** Refreshes and stores the new tokens; `stale` is the access token the caller saw fail. Returns the new one. */
  refresh(stale: string | undefined): Promise<string>;
}

const inFlight = new Map<string, Promise<string>>();

/** Runs `refresh` once per key at a time; callers arriving meanwhile share its result. */
export async function singleFlightRefresh(key: string, refresh: () => Promise<string>): Promise<string> {
  const pending = inFlight.get(key);
  if (pending) return pending;
  const run = refresh();
  inFlight.set(key, run);
  try {
    return await run;
  } finally {
    inFlight.delete(key);
  }
}

export function createRefreshingAuth(options: RefreshingAuthOptions): LeverAuth {
  let current: string | undefined;
  const refresh = () => singleFlightRefresh(options.key, () => options.refresh(current));
  return {
    type: 'bearer',
    async getAccessToken() {
      const grant = await options.load();
      current = grant.accessToken;
      if (!current || needsRefresh({ expiresAt: grant.expiresAt })) current = await refresh();
      return current;
    },
    refreshAccessToken: async () => (current = await refresh()),
  };
}

export interface RevokeGrantInput {
  readonly revokeUrl: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly refreshToken?: string;
  readonly accessToken?: string;
  readonly fetch?: typeof fetch;
}

/** Revokes the refresh token, then the access token; returns what went wrong, if anything. */
export async function revokeGrant(input: RevokeGrantInput): Promise<string | undefined> {
  const problems: string[] = [];
  for (const [token, hint] of [
    [input.refreshToken, 'refresh_token'],
    [input.accessToken, 'access_token'],
  ] as const) {
    if (!token) continue;
    const form = new URLSearchParams({ token, token_type_hint: hint, client_id: input.clientId });
    if (input.clientSecret) form.set('client_secret', input.clientSecret);
    try {
      const res = await (input.fetch ?? fetch)(input.revokeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(15_000),
      });
      await res.body?.cancel();
      if (!res.ok) problems.push(`revoking the ${hint.replace('_', ' ')} returned ${res.status}`);
    } catch (error) {
      problems.push(`revoking the ${hint.replace('_', ' ')} failed: ${(error as Error).message}`);
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}
