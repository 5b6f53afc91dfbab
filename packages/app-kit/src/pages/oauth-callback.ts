// The browser side of "Sign in with Lever" that every app's connect page shares: what the session keeps
// between the redirect to the ATS and the callback (CSRF state, PKCE verifier, organization, start time), and
// the callback checks in order — same browser and organization, not expired, our state, no error, a code.
// Pure: the app stores the flow in its own session key and renders the messages as it likes.

/** How long a started sign-in may take before the callback is refused. */
export const OAUTH_FLOW_TTL_MS = 10 * 60 * 1000;

export interface OAuthFlow {
  state: string;
  verifier: string;
  organizationId: string;
  startedAt: number;
}

export type CallbackCheck = { ok: true; code: string; verifier: string } | { ok: false; message: string };

export function checkOAuthCallback(
  flow: OAuthFlow | undefined,
  organizationId: string,
  query: Readonly<Record<string, string | undefined>>,
  now = Date.now(),
): CallbackCheck {
  if (!flow || flow.organizationId !== organizationId || now - flow.startedAt > OAUTH_FLOW_TTL_MS)
    return {
      ok: false,
      message: 'The sign-in with the ATS expired or was started in another browser. Try again.',
    };
  if (!query.state || query.state !== flow.state)
    return {
      ok: false,
      message: 'The ATS answered with a state we did not send; nothing was changed. Try again.',
    };
  if (query.error)
    return {
      ok: false,
      message: `The ATS did not grant access (${query.error}${query.error_description ? `: ${query.error_description}` : ''}).`,
    };
  if (!query.code) return { ok: false, message: 'The ATS sent no authorization code. Try again.' };
  return { ok: true, code: query.code, verifier: flow.verifier };
}
