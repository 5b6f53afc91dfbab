// What every route, job and domain service of the careers app shares for one runtime.
import type { Kysely } from 'kysely';
import type { Runtime } from '@hireloop/platform';
import { createHash } from 'node:crypto';
import { createTokenBucket, type TokenBucket, type TransportOptions } from '@hireloop/lever';
import { CLIENT_RATE_LIMIT } from './domain/integration/ats-client.ts';
import type { CareersConfig } from './config.ts';
import type { TokenCipher } from '@hireloop/platform/crypto/token-cipher';
import { lazyTokenCipher } from '@hireloop/app-kit/context/app-cipher';
import type { CareersDb } from './db.ts';
import { createPageCache, type PageCache } from './site/page-cache.ts';

export interface CareersContext {
  readonly runtime: Runtime;
  readonly db: Kysely<CareersDb>;
  readonly config: CareersConfig;
  /** PUBLIC_URL without a trailing slash: canonical URLs, sitemap. */
  readonly publicUrl: string;
  /** Root of the embedded ATS (CAREERS_ATS_URL, else PUBLIC_URL). */
  readonly embeddedAtsUrl: string;
  cipher(): Promise<TokenCipher>;
  /** Lever client transport overrides (tests shorten back-off; production leaves defaults). */
  readonly leverTransport: Partial<TransportOptions>;
  /** Rendered public pages, per process (site/page-cache.ts). */
  readonly pages: PageCache;
  /**
   * The client-side rate bucket of one key at one ATS, shared by every client of that key in this process
   * (two buckets at the key's rate would send twice the rate and collect 429s).
   */
  rateBudget(apiBaseUrl: string, apiKey: string): TokenBucket;
}

export function createCareersContext(
  runtime: Runtime,
  config: CareersConfig,
  overrides: { leverTransport?: Partial<TransportOptions> } = {},
): CareersContext {
  const budgets = new Map<string, TokenBucket>();
  const publicUrl = runtime.config.publicUrl.replace(/\/+$/, '');
  return {
    runtime,
    db: runtime.db as Kysely<CareersDb>,
    config,
    publicUrl,
    embeddedAtsUrl: config.embeddedAtsUrl ?? publicUrl,
    cipher: lazyTokenCipher(runtime, config.encryptionKey, 'careers:encryption-key'),
    leverTransport: overrides.leverTransport ?? {},
    pages: createPageCache(),
    rateBudget(apiBaseUrl, apiKey) {
      // Keyed by a hash: the map never holds a key in the clear.
      const id = createHash('sha256').update(`${apiBaseUrl}\0${apiKey}`).digest('base64url');
      let bucket = budgets.get(id);
      if (!bucket) {
        if (budgets.size > 10_000) budgets.clear();
        bucket = createTokenBucket(CLIENT_RATE_LIMIT);
        budgets.set(id, bucket);
      }
      return bucket;
    },
  };
}
