// The two ways to call the Lever API (reference §1.2): an API key as the Basic username with an empty
// password, or an OAuth access token as a Bearer token.

export type LeverAuth =
  | { type: 'apiKey'; apiKey: string }
  | {
      type: 'bearer';
      /** Current access token; called before every request, so it may refresh proactively. */
      getAccessToken: () => string | Promise<string>;
      /**
       * Called once when a request gets 401; returns a fresh access token (e.g. by using the refresh
       * token and storing the rotated pair). The request is then retried once with it.
       */
      refreshAccessToken?: () => Promise<string>;
    };

export const basicAuthorization = (apiKey: string): string =>
  `Basic ${Buffer.from(`${apiKey}:`, 'utf8').toString('base64')}`;

export const authorizationHeader = async (auth: LeverAuth): Promise<string> =>
  auth.type === 'apiKey' ? basicAuthorization(auth.apiKey) : `Bearer ${await auth.getAccessToken()}`;
