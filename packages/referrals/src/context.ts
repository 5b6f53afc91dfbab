// What every route, job and domain service of the referrals app shares for one runtime.
import type { Kysely } from 'kysely';
import type { Runtime } from '@hireloop/platform';
import type { TransportOptions } from '@hireloop/lever';
import type { ReferralsConfig } from './config.ts';
import type { TokenCipher } from '@hireloop/platform/crypto/token-cipher';
import { lazyTokenCipher } from '@hireloop/app-kit/context/app-cipher';
import type { ReferralsDb } from './db.ts';
import { capturedSmsSender, type SmsSender } from './domain/sms/sms-sender.ts';

export interface ReferralsContext {
  readonly runtime: Runtime;
  readonly db: Kysely<ReferralsDb>;
  readonly config: ReferralsConfig;
  /** PUBLIC_URL without a trailing slash: links in mail, OAuth redirect URI, webhook URLs. */
  readonly publicUrl: string;
  /** The key for credentials at rest (REFERRALS_ENCRYPTION_KEY, else a generated shared secret). */
  cipher(): Promise<TokenCipher>;
  /** Lever client transport overrides (tests shorten back-off; production leaves defaults). */
  readonly leverTransport: Partial<TransportOptions>;
  /** fetch used for OAuth token/revoke calls (tests may inject). */
  readonly fetch: typeof fetch;
  /** Texts to candidates (captured in referrals.sms_message unless a provider is given). */
  readonly sms: SmsSender;
}

export function createReferralsContext(
  runtime: Runtime,
  config: ReferralsConfig,
  overrides: { leverTransport?: Partial<TransportOptions>; fetch?: typeof fetch; sms?: SmsSender } = {},
): ReferralsContext {
  return {
    runtime,
    db: runtime.db as Kysely<ReferralsDb>,
    config,
    publicUrl: runtime.config.publicUrl.replace(/\/+$/, ''),
    cipher: lazyTokenCipher(runtime, config.encryptionKey, 'referrals:encryption-key'),
    leverTransport: overrides.leverTransport ?? {},
    fetch: overrides.fetch ?? globalThis.fetch,
    sms: overrides.sms ?? capturedSmsSender,
  };
}
