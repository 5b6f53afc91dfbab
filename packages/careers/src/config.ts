// The careers app's own settings from the environment (documented in the root .env.example). Read once
// when the module starts; a bad value stops start-up with a message naming the variable.
import { ConfigError } from '@hireloop/platform';
import { parseEncryptionKey } from '@hireloop/platform/crypto/token-cipher';

export interface CareersConfig {
  /** 32-byte AES key for the stored API key; when absent a generated one is kept in platform.app_secret. */
  readonly encryptionKey: Buffer | undefined;
  /** Root of the embedded ATS (its /v1 and /v0/postings); defaults to PUBLIC_URL — this same server. */
  readonly embeddedAtsUrl: string | undefined;
}

export function loadCareersConfig(env: Record<string, string | undefined> = process.env): CareersConfig {
  const problems: string[] = [];
  const get = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  let encryptionKey: Buffer | undefined;
  const rawKey = get('CAREERS_ENCRYPTION_KEY');
  if (rawKey) {
    try {
      encryptionKey = parseEncryptionKey(rawKey);
    } catch (e) {
      problems.push(`CAREERS_ENCRYPTION_KEY: ${(e as Error).message}`);
    }
  }
  const embeddedAtsUrl = get('CAREERS_ATS_URL')?.replace(/\/+$/, '');
  if (embeddedAtsUrl && !/^https?:\/\//.test(embeddedAtsUrl))
    problems.push('CAREERS_ATS_URL: expected an http:// or https:// URL');
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({ encryptionKey, embeddedAtsUrl });
}
