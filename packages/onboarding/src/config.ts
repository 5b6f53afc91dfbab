// The onboarding app's settings from the environment (documented in the root .env.example). Read once when
// the module starts; a bad value stops start-up with a message naming the variable.
import { ConfigError } from '@hireloop/platform';
import { parseEncryptionKey } from '@hireloop/platform/crypto/token-cipher';

export interface OnboardingConfig {
  /** 32-byte AES key; when absent a generated one is kept in platform.app_secret. */
  readonly encryptionKey: Buffer | undefined;
  /** Root of the embedded ATS (its /v1 and /oauth); defaults to PUBLIC_URL — this same server. */
  readonly embeddedAtsUrl: string | undefined;
  /** Pre-filled OAuth client on the Connect page (e.g. from `hireloop oauth-client create`). */
  readonly defaultClientId: string | undefined;
  readonly defaultClientSecret: string | undefined;
}

export function loadOnboardingConfig(
  env: Record<string, string | undefined> = process.env,
): OnboardingConfig {
  const problems: string[] = [];
  const get = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  let encryptionKey: Buffer | undefined;
  const rawKey = get('ONBOARDING_ENCRYPTION_KEY');
  if (rawKey) {
    try {
      encryptionKey = parseEncryptionKey(rawKey);
    } catch (e) {
      problems.push(`ONBOARDING_ENCRYPTION_KEY: ${(e as Error).message}`);
    }
  }
  const embeddedAtsUrl = get('ONBOARDING_ATS_URL')?.replace(/\/+$/, '');
  if (embeddedAtsUrl && !/^https?:\/\//.test(embeddedAtsUrl))
    problems.push('ONBOARDING_ATS_URL: expected an http:// or https:// URL');
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    encryptionKey,
    embeddedAtsUrl,
    defaultClientId: get('ONBOARDING_OAUTH_CLIENT_ID'),
    defaultClientSecret: get('ONBOARDING_OAUTH_CLIENT_SECRET'),
  });
}
