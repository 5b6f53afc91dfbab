// Where an organization's ATS lives. `embedded` is the Hireloop ATS (its /v1 and /oauth on this server's
// PUBLIC_URL unless ONBOARDING_ATS_URL says otherwise); the others are real Lever hosts (lever/hosts.ts).
import { LEVER_ENVIRONMENTS } from '@hireloop/lever';

export const ATS_ENVIRONMENTS = Object.freeze(['embedded', 'production', 'sandbox', 'eu'] as const);
export type AtsEnvironment = (typeof ATS_ENVIRONMENTS)[number];

export const ENVIRONMENT_LABELS: Readonly<Record<AtsEnvironment, string>> = Object.freeze({
  embedded: 'Hireloop ATS (this server)',
  production: 'Lever (api.lever.co)',
  sandbox: 'Lever sandbox (api.sandbox.lever.co)',
  eu: 'Lever EU (api.eu.lever.co)',
});

export const isAtsEnvironment = (v: unknown): v is AtsEnvironment =>
  typeof v === 'string' && (ATS_ENVIRONMENTS as readonly string[]).includes(v);

export interface AtsEndpoints {
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  audience: string;
}

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
    revokeUrl: env.tokenUrl.replace(/\/token$/, '/revoke'),
    audience: env.audience,
  };
}

/** Exactly these scopes (README "Scopes"): read what a hire needs, manage our own webhooks. */
export const REQUESTED_SCOPES = Object.freeze([
  'offline_access', // a refresh token: the connection outlives the 1-hour access token
  'opportunities:read:admin', // re-fetch the hired opportunity (the webhook payload is only a hint)
  'postings:read:admin', // the hire's posting (title, location, team, hiring manager) and the matching page
  'offers:read:admin', // the offer's anticipated start date
  'users:read:admin', // the hiring manager's name and email
  'archive_reasons:read:admin', // which archive reasons mean "hired"
  'webhooks:write:admin', // create, rotate and delete the app's own webhooks
] as const);
export const WEBHOOKS_SCOPE = 'webhooks:write:admin';
