// What every route, job and domain service of the onboarding app shares for one runtime.
import type { Kysely } from 'kysely';
import type { Runtime } from '@hireloop/platform';
import type { TransportOptions } from '@hireloop/lever';
import type { TokenCipher } from '@hireloop/platform/crypto/token-cipher';
import { lazyTokenCipher } from '@hireloop/app-kit/context/app-cipher';
import type { OnboardingConfig } from './config.ts';
import type { OnboardingDb } from './db.ts';

export interface OnboardingContext {
  readonly runtime: Runtime;
  readonly db: Kysely<OnboardingDb>;
  readonly config: OnboardingConfig;
  /** PUBLIC_URL without a trailing slash: links in mail, OAuth redirect URI, webhook URLs. */
  readonly publicUrl: string;
  /** The key for credentials at rest (ONBOARDING_ENCRYPTION_KEY, else a generated shared secret). */
  cipher(): Promise<TokenCipher>;
  readonly leverTransport: Partial<TransportOptions>;
  /** fetch used for OAuth token/revoke calls (tests may inject). */
  readonly fetch: typeof fetch;
  /** "Today" as an ISO date (tests move it). */
  today(): string;
}

export function createOnboardingContext(
  runtime: Runtime,
  config: OnboardingConfig,
  overrides: { leverTransport?: Partial<TransportOptions>; fetch?: typeof fetch; today?: () => string } = {},
): OnboardingContext {
  return {
    runtime,
    db: runtime.db as Kysely<OnboardingDb>,
    config,
    publicUrl: runtime.config.publicUrl.replace(/\/+$/, ''),
    cipher: lazyTokenCipher(runtime, config.encryptionKey, 'onboarding:encryption-key'),
    leverTransport: overrides.leverTransport ?? {},
    fetch: overrides.fetch ?? globalThis.fetch,
    today: overrides.today ?? (() => new Date().toISOString().slice(0, 10)),
  };
}
