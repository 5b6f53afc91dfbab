// Validating an authorization request (RFC 6749 §4.1.1, RFC 7636, RFC 9700 §4.1). Order matters: until
// the client and its redirect URI are known good, every problem is shown on OUR error page — never sent to
// an unvalidated URI (that would be an open redirect). After that, errors go back to the client per
// RFC 6749 §4.1.2.1 with `state`. The redirect URI must match a registered one exactly, character for
// character (no prefix, case, port or path normalisation).
import { isScope, parseScopeString } from '@hireloop/lever/scopes';
import type { AtsKysely } from '../db.ts';
import { findLiveClient, type OAuthClientRow } from './oauth.repository.ts';

export interface AuthorizeRequest {
  readonly client: OAuthClientRow;
  readonly redirectUri: string;
  readonly state: string;
  readonly scopes: readonly string[];
  readonly prompt: ReadonlySet<string>;
  readonly codeChallenge: string | null;
  readonly codeChallengeMethod: 'S256' | null;
  readonly audience: string | undefined;
}

export type AuthorizeCheck =
  | { readonly kind: 'ok'; readonly request: AuthorizeRequest }
  /** Shown on our page (400); the client or redirect URI is not trustworthy. */
  | { readonly kind: 'page'; readonly message: string }
  /** Sent back to the validated redirect URI. */
  | { readonly kind: 'redirect'; readonly to: string };

/** The parameters a consent form carries back on POST (hidden fields), in a fixed order. */
export const AUTHORIZE_PARAMS = Object.freeze([
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'audience',
  'prompt',
  'code_challenge',
  'code_challenge_method',
] as const);

type Params = Record<string, unknown>;

const LEVER_AUDIENCES = ['https://api.lever.co/v1/', 'https://api.lever.co/v1'];
const PROMPTS = new Set(['none', 'login', 'consent', 'select_account']);
// An S256 challenge is a base64url SHA-256: exactly 43 characters (RFC 7636 §4.2).
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Audiences a token may be requested for: this ATS's own API root and Lever's (reference §4.1). */
export function acceptedAudiences(publicUrl: string): string[] {
  const own = `${publicUrl.replace(/\/+$/, '')}/v1/`;
  return [own, own.slice(0, -1), ...LEVER_AUDIENCES];
}

/** `redirect_uri?error=…&error_description=…&state=…` (existing query parameters are kept). */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** One value of a parameter; repeated parameters are invalid (RFC 6749 §3.1). */
function single(params: Params, name: string): { value: string | undefined; repeated: boolean } {
  const v = params[name];
  if (Array.isArray(v)) return { value: undefined, repeated: true };
  return { value: typeof v === 'string' && v !== '' ? v : undefined, repeated: false };
}

export async function checkAuthorizeRequest(
  db: AtsKysely,
  params: Params,
  publicUrl: string,
): Promise<AuthorizeCheck> {
  const clientId = single(params, 'client_id');
  if (clientId.repeated)
    return { kind: 'page', message: 'The request names the app (client_id) more than once.' };
  if (!clientId.value)
    return { kind: 'page', message: 'The request does not say which app is asking (client_id is missing).' };
  const client = clientId.value.length <= 200 ? await findLiveClient(db, clientId.value) : undefined;
  if (!client)
    return {
      kind: 'page',
      message: 'The app that sent you here is not registered (unknown client_id), or it was removed.',
    };

  const redirect = single(params, 'redirect_uri');
  if (redirect.repeated)
    return { kind: 'page', message: 'The request names the return address (redirect_uri) more than once.' };
  let redirectUri = redirect.value;
  if (redirectUri === undefined) {
    // RFC 6749 §3.1.2.3: optional only when exactly one URI is registered.
    if (client.redirect_uris.length !== 1)
      return {
        kind: 'page',
        message: `${client.name} did not say where to return you (redirect_uri is missing).`,
      };
    redirectUri = client.redirect_uris[0] as string;
  } else if (!client.redirect_uris.includes(redirectUri)) {
    return {
      kind: 'page',
      message: `The return address in this request is not one that ${client.name} registered, so we will not send you there. Ask the app's developer to register it exactly.`,
    };
  }

  const state = single(params, 'state');
  const fail = (error: string, description: string): AuthorizeCheck => ({
    kind: 'redirect',
    to: redirectWith(redirectUri, { error, error_description: description, state: state.value }),
  });
  for (const name of AUTHORIZE_PARAMS) {
    if (single(params, name).repeated)
      return fail('invalid_request', `The parameter ${name} appears more than once`);
  }
  const responseType = single(params, 'response_type').value;
  if (!responseType) return fail('invalid_request', 'response_type is required');
  if (responseType !== 'code')
    return fail('unsupported_response_type', 'Only response_type=code is supported');
  if (!state.value) return fail('invalid_request', 'state is required');

  const scopes = [...new Set(parseScopeString(single(params, 'scope').value))];
  if (scopes.length === 0) return fail('invalid_scope', 'Request at least one scope');
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length) return fail('invalid_scope', `Unknown scope(s): ${unknown.join(' ')}`);

  const audience = single(params, 'audience').value;
  if (audience !== undefined && !acceptedAudiences(publicUrl).includes(audience)) {
    return fail(
      'invalid_request',
      `Unknown audience; use ${acceptedAudiences(publicUrl)[0]} or https://api.lever.co/v1/`,
    );
  }
  const prompt = new Set(parseScopeString(single(params, 'prompt').value));
  const badPrompt = [...prompt].find((p) => !PROMPTS.has(p));
  if (badPrompt) return fail('invalid_request', `Unsupported prompt value ${badPrompt}`);
  if (prompt.has('none') && prompt.size > 1)
    return fail('invalid_request', 'prompt=none cannot be combined with other values');

  const challenge = single(params, 'code_challenge').value;
  const method = single(params, 'code_challenge_method').value;
  if (challenge === undefined && method !== undefined)
    return fail('invalid_request', 'code_challenge_method without code_challenge');
  if (challenge !== undefined) {
    // RFC 9700 §2.1.1: only S256; `plain` (or the RFC 7636 default of plain when omitted) is refused.
    if (method !== 'S256')
      return fail('invalid_request', 'code_challenge_method must be S256 (plain is not allowed)');
    if (!S256_CHALLENGE.test(challenge))
      return fail('invalid_request', 'code_challenge must be a base64url SHA-256 (43 characters)');
  } else if (client.is_public) {
    return fail(
      'invalid_request',
      'This app is a public client and must use PKCE (code_challenge with S256)',
    );
  }
  return {
    kind: 'ok',
    request: {
      client,
      redirectUri,
      state: state.value,
      scopes,
      prompt,
      codeChallenge: challenge ?? null,
      codeChallengeMethod: challenge ? 'S256' : null,
      audience,
    },
  };
}
