// Where an organization's ATS lives. `embedded` is the Hireloop ATS on this server (CAREERS_ATS_URL or
// PUBLIC_URL); the others are real Lever hosts. Only these URLs differ — the code path is the same, and a
// fixed list (no free-form URL) keeps the API key from being sent to an arbitrary host.
import { LEVER_ENVIRONMENTS } from '@hireloop/lever';
import type { Environment } from './settings.ts';

export const ENVIRONMENT_LABELS: Readonly<Record<Environment, string>> = Object.freeze({
  embedded: 'Hireloop ATS (this server)',
  production: 'Lever (api.lever.co)',
  sandbox: 'Lever sandbox (api.sandbox.lever.co)',
  eu: 'Lever EU (api.eu.lever.co)',
});

export interface AtsEndpoints {
  /** Data API root incl. /v1. */
  readonly apiBaseUrl: string;
  /** Postings API v0 root (`…/v0/postings`); the company code is checked there. */
  readonly postingsBaseUrl: string;
}

export function endpointsFor(environment: Environment, embeddedAtsUrl: string): AtsEndpoints {
  if (environment === 'embedded') {
    const root = embeddedAtsUrl.replace(/\/+$/, '');
    return { apiBaseUrl: `${root}/v1`, postingsBaseUrl: `${root}/v0/postings` };
  }
  const env = LEVER_ENVIRONMENTS[environment];
  // The sandbox has no documented Postings API; its API host serves the same paths.
  return {
    apiBaseUrl: env.apiBaseUrl,
    postingsBaseUrl: env.postingsBaseUrl ?? env.apiBaseUrl.replace(/\/v1$/, '/v0/postings'),
  };
}
