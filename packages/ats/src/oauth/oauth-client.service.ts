// Registering OAuth apps (the `hireloop oauth-client create` command and tests). The secret is returned
// once and stored hashed; public clients (native/SPA apps) get no secret and must use PKCE.
import { AppError, Errors } from '@hireloop/platform';
import type { AtsKysely } from '../db.ts';
import { findAccountBySite } from '../domain/accounts/account.service.ts';
import { insertClient, type OAuthClientRow } from './oauth.repository.ts';
import { newClientId, newClientSecret, sha256 } from './oauth-secrets.ts';

export interface NewOAuthClient {
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly isPublic?: boolean;
  /** Restrict the app to one account (a private app); any account may authorize it otherwise. */
  readonly site?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A registered redirect URI must be absolute http(s) without userinfo or fragment (RFC 6749 §3.1.2,
 * RFC 9700 §4.1). It is stored exactly as given and matched by exact string comparison at /oauth/authorize.
 * Returns a warning for plain http to a non-loopback host (allowed for self-hosted intranets, but tokens
 * then travel unencrypted).
 */
export function checkRedirectUri(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError(Errors.Validation, `Redirect URI "${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(Errors.Validation, `Redirect URI "${value}" must use https (or http)`);
  }
  if (url.username || url.password)
    throw new AppError(Errors.Validation, `Redirect URI "${value}" must not contain a user or password`);
  if (value.includes('#'))
    throw new AppError(Errors.Validation, `Redirect URI "${value}" must not contain a fragment`);
  if (/\s/.test(value))
    throw new AppError(Errors.Validation, `Redirect URI "${value}" must not contain spaces`);
  return url.protocol === 'http:' && !LOOPBACK.has(url.hostname)
    ? `Redirect URI ${value} uses plain http to a non-loopback host; use https in production`
    : undefined;
}

export async function createOAuthClient(
  db: AtsKysely,
  input: NewOAuthClient,
): Promise<{ client: OAuthClientRow; clientSecret: string | undefined; warnings: string[] }> {
  const name = input.name.trim();
  if (!name || name.length > 140)
    throw new AppError(Errors.Validation, 'An app needs a name of 1 to 140 characters');
  const redirectUris = [...new Set(input.redirectUris.map((u) => u.trim()))];
  if (redirectUris.length === 0) throw new AppError(Errors.Validation, 'Register at least one redirect URI');
  const warnings = redirectUris.map(checkRedirectUri).filter((w): w is string => Boolean(w));
  let accountId: string | null = null;
  if (input.site) {
    const account = await findAccountBySite(db, input.site.trim().toLowerCase());
    if (!account) throw new AppError(Errors.NotFound, `No account with site code "${input.site}"`);
    accountId = account.id;
  }
  const clientSecret = input.isPublic ? undefined : newClientSecret();
  const client = await insertClient(db, {
    clientId: newClientId(),
    accountId,
    name,
    secretHash: clientSecret ? sha256(clientSecret) : null,
    isPublic: Boolean(input.isPublic),
    redirectUris,
  });
  return { client, clientSecret, warnings };
}
