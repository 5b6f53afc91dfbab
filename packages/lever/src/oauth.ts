// OAuth 2.0 authorization-code flow as Lever runs it (reference §4.1): authorize URL with `audience`
// (without it the token carries no API scopes) and `prompt=consent`, PKCE S256, form-encoded token
// requests, refresh-token rotation. Works against real Lever (Auth0) and the embedded ATS `/oauth/*`.
import { createHash, randomBytes } from 'node:crypto';
import { parseScopeString } from './scopes.ts';

export interface AuthorizeUrlInput {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: readonly string[];
  /** e.g. `https://api.lever.co/v1/`; see hosts.ts. */
  audience?: string;
  prompt?: 'consent' | 'login' | 'none';
  /** PKCE S256 challenge from createPkcePair(). */
  codeChallenge?: string;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** Random URL-safe string for `state` (and nonces). */
export const createState = (bytes = 24): string => base64url(randomBytes(bytes));

/** S256 challenge of a verifier (RFC 7636 §4.2). */
export const pkceChallenge = (verifier: string): string =>
  base64url(createHash('sha256').update(verifier, 'ascii').digest());

export const createPkcePair = () => {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' as const };
};

export const buildAuthorizeUrl = (input: AuthorizeUrlInput): string => {
  const url = new URL(input.authorizeUrl);
  const set = (k: string, v: string | undefined) => v !== undefined && url.searchParams.set(k, v);
  set('client_id', input.clientId);
  set('redirect_uri', input.redirectUri);
  set('response_type', 'code');
  set('state', input.state);
  set('scope', input.scopes.join(' '));
  set('audience', input.audience);
  set('prompt', input.prompt);
  if (input.codeChallenge) {
    set('code_challenge', input.codeChallenge);
    set('code_challenge_method', 'S256');
  }
  return url.toString();
};

export interface TokenSet {
  accessToken: string;
  tokenType: string;
  /** Only when `offline_access` was granted. */
  refreshToken?: string;
  /** Absolute expiry, ms since epoch (Lever: 1 hour). */
  expiresAt?: number;
  scopes: string[];
}

/** Token endpoint error, Auth0/RFC 6749 style `{error, error_description}`. */
export class OAuthError extends Error {
  readonly status: number;
  readonly error: string;
  readonly body: unknown;
  constructor(status: number, error: string, description: string, body: unknown) {
    super(description || error);
    this.name = 'OAuthError';
    this.status = status;
    this.error = error;
    this.body = body;
  }
}

interface TokenRequestBase {
  tokenUrl: string;
  clientId: string;
  /** Confidential clients; omit for public clients using PKCE only. */
  clientSecret?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  now?: number;
}

const requestTokens = async (
  base: TokenRequestBase,
  params: Record<string, string | undefined>,
): Promise<TokenSet> => {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries({
    ...params,
    client_id: base.clientId,
    client_secret: base.clientSecret,
  })) {
    if (v !== undefined) form.set(k, v);
  }
  const response = await (base.fetch ?? fetch)(base.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form,
    signal: base.signal ?? AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new OAuthError(response.status, 'invalid_response', 'Token endpoint did not return JSON', text);
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    const error = typeof body.error === 'string' ? body.error : 'invalid_response';
    throw new OAuthError(
      response.status,
      error,
      typeof body.error_description === 'string' ? body.error_description : '',
      body,
    );
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : undefined;
  return {
    accessToken: body.access_token,
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer',
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresAt: expiresIn === undefined ? undefined : (base.now ?? Date.now()) + expiresIn * 1000,
    scopes: parseScopeString(typeof body.scope === 'string' ? body.scope : ''),
  };
};

export const exchangeCode = (
  input: TokenRequestBase & { code: string; redirectUri: string; codeVerifier?: string },
) =>
  requestTokens(input, {
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
    code_verifier: input.codeVerifier,
  });

/**
 * Refresh. Lever rotates refresh tokens: store the returned one. If a server does not return a new one,
 * the old one is kept in the result so callers can always persist `refreshToken`.
 */
export const refreshTokens = async (
  input: TokenRequestBase & { refreshToken: string },
): Promise<TokenSet> => {
  const tokens = await requestTokens(input, {
    grant_type: 'refresh_token',
    refresh_token: input.refreshToken,
  });
  return { ...tokens, refreshToken: tokens.refreshToken ?? input.refreshToken };
};

/** True when the access token is expired or expires within `skewMs` (default 2 min, as Lever clients do). */
export const needsRefresh = (
  tokens: Pick<TokenSet, 'expiresAt'>,
  now = Date.now(),
  skewMs = 120_000,
): boolean => tokens.expiresAt !== undefined && tokens.expiresAt - skewMs <= now;
