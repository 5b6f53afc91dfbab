// Real Lever hosts (reference §1.1). `null` = not documented for that environment. EU OAuth apps may
// use the global auth host: Lever routes EU traffic to its data center [M].

export interface LeverEnvironment {
  /** Data API root incl. `/v1`. */
  apiBaseUrl: string;
  /** Postings API v0 root, `…/v0/postings`. */
  postingsBaseUrl: string | null;
  authorizeUrl: string;
  tokenUrl: string;
  /** OAuth `audience`; the trailing slash matters. */
  audience: string;
  webAppUrl: string;
  jobsSiteUrl: string | null;
}

export const LEVER_ENVIRONMENTS = Object.freeze({
  production: Object.freeze<LeverEnvironment>({
    apiBaseUrl: 'https://api.lever.co/v1',
    postingsBaseUrl: 'https://api.lever.co/v0/postings',
    authorizeUrl: 'https://auth.lever.co/authorize',
    tokenUrl: 'https://auth.lever.co/oauth/token',
    audience: 'https://api.lever.co/v1/',
    webAppUrl: 'https://hire.lever.co',
    jobsSiteUrl: 'https://jobs.lever.co',
  }),
  sandbox: Object.freeze<LeverEnvironment>({
    apiBaseUrl: 'https://api.sandbox.lever.co/v1',
    postingsBaseUrl: null,
    authorizeUrl: 'https://sandbox-lever.auth0.com/authorize',
    tokenUrl: 'https://sandbox-lever.auth0.com/oauth/token',
    audience: 'https://api.sandbox.lever.co/v1/',
    webAppUrl: 'https://hire.sandbox.lever.co',
    jobsSiteUrl: null,
  }),
  eu: Object.freeze<LeverEnvironment>({
    apiBaseUrl: 'https://api.eu.lever.co/v1',
    postingsBaseUrl: 'https://api.eu.lever.co/v0/postings',
    authorizeUrl: 'https://auth.lever.co/authorize',
    tokenUrl: 'https://auth.lever.co/oauth/token',
    audience: 'https://api.lever.co/v1/',
    webAppUrl: 'https://hire.eu.lever.co',
    jobsSiteUrl: 'https://jobs.eu.lever.co',
  }),
});
export type LeverEnvironmentName = keyof typeof LEVER_ENVIRONMENTS;
