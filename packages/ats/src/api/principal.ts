// Who is calling the ATS API. Every data function is scoped by `accountId`; `confidential` says whether
// confidential postings/opportunities are visible (reference §1.8); `limitedToUserId` is set for limited
// team members, who see only opportunities of postings they own, hire for or follow.
import type { PermissionKey } from '@hireloop/lever/permissions';

export type CredentialKind = 'api_key' | 'oauth' | 'session';

export interface Principal {
  readonly kind: CredentialKind;
  /** api_key id, OAuth grant id or session user id: the rate-limit and audit identity. */
  readonly credentialId: string;
  readonly accountId: string;
  /** The user acting (session, or the super admin who granted OAuth); undefined for API keys. */
  readonly userId: string | undefined;
  readonly confidential: boolean;
  readonly limitedToUserId: string | undefined;
  /** Permission keys (API key) or scopes (OAuth) as granted, for GET /v1/credential. */
  readonly grants?: readonly string[];
  /** Whether this credential may perform the endpoint's permission; returns the missing name if not. */
  allows(
    permission: PermissionKey,
  ): { ok: true } | { ok: false; code: 'MissingPermissionError' | 'MissingScopeError'; missing: string };
}

/** The visibility a data function needs (a subset of Principal, so tests and pages can build one). */
export interface Visibility {
  readonly accountId: string;
  readonly confidential: boolean;
  readonly limitedToUserId: string | undefined;
}
