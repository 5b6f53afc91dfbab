// Where an organization's ATS lives. `embedded` is the Hireloop ATS (its /v1 and /oauth on this server's
// PUBLIC_URL unless the app's `<APP>_ATS_URL` says otherwise); the others are real Lever hosts
// (lever/hosts.ts). Only these URLs and the OAuth client differ between them — the code path is the same.
import { LEVER_ENVIRONMENTS } from '@hireloop/lever';

export const ATS_ENVIRONMENTS = Object.freeze(['embedded', 'production', 'sandbox', 'eu'] as const);
export type AtsEnvironment = (typeof ATS_ENVIRONMENTS)[number];

export const ENVIRONMENT_LABELS: Readonly<Record<AtsEnvironment, string>> = Object.freeze({
  embedded: 'Hireloop ATS (this server)',
  production: 'Lever (api.lever.co)',
  sandbox: 'Lever sandbox (api.sandbox.lever.co)',
  eu: 'Lever EU (api.eu.lever.co)',
});

export interface AtsEndpoints {
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** RFC 7009 revocation endpoint. Lever's Auth0 tenant serves /oauth/revoke next to /oauth/token [L]. */
  revokeUrl: string;
  audience: string;
}

export const isAtsEnvironment = (v: unknown): v is AtsEnvironment =>
  typeof v === 'string' && (ATS_ENVIRONMENTS as readonly string[]).includes(v);

/** A stored connection without a revoke URL (older rows) revokes next to its token endpoint. */
export const revokeUrlFor = (tokenUrl: string): string => tokenUrl.replace(/\/token$/, '/revoke');

export function endpointsFor(environment: AtsEnvironment, embeddedAtsUrl: string): AtsEndpoints {
  if (environment === 'embedded') {
    const root = embeddedAtsUrl.replace(/\/+$/, '');
    return {
      apiBaseUrl: `${root}/v1`,
      authorizeUrl: `${root}/oauth/authorize`,
      tokenUrl: `${root}/oauth/token`,
      revokeUrl: `${root}/oauth/revoke`,
      audience: `${root}/v1/`,
    };
  }
  const env = LEVER_ENVIRONMENTS[environment];
  return {
    apiBaseUrl: env.apiBaseUrl,
    authorizeUrl: env.authorizeUrl,
    tokenUrl: env.tokenUrl,
    revokeUrl: revokeUrlFor(env.tokenUrl),
    audience: env.audience,
  };
}
