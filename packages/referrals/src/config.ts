// The referrals app's own settings from the environment (documented in the root .env.example). Read once
// when the module starts; a bad value stops start-up with a message naming the variable.
import { ConfigError } from '@hireloop/platform';
import { parseEncryptionKey } from '@hireloop/platform/crypto/token-cipher';

export interface ReferralsConfig {
  /** 32-byte AES key; when absent a generated one is kept in platform.app_secret. */
  readonly encryptionKey: Buffer | undefined;
  /** Root of the embedded ATS (its /v1 and /oauth); defaults to PUBLIC_URL — this same server. */
  readonly embeddedAtsUrl: string | undefined;
  /** Pre-filled OAuth client on the "Add integration" form (e.g. from `hireloop oauth-client create`). */
  readonly defaultClientId: string | undefined;
  readonly defaultClientSecret: string | undefined;
  /** Delta job poll interval (REFERRALS_JOB_POLL_SECONDS, 5–60, default 60): how fast a posting change
   *  reaches the app when the ATS sends no posting events (real Lever). Each poll costs 2 requests. */
  readonly jobPollSeconds?: number;
}

export function loadReferralsConfig(env: Record<string, string | undefined> = process.env): ReferralsConfig {
  const problems: string[] = [];
  const get = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  let encryptionKey: Buffer | undefined;
  const rawKey = get('REFERRALS_ENCRYPTION_KEY');
  if (rawKey) {
    try {
      encryptionKey = parseEncryptionKey(rawKey);
    } catch (e) {
      problems.push(`REFERRALS_ENCRYPTION_KEY: ${(e as Error).message}`);
    }
  }
  const embeddedAtsUrl = get('REFERRALS_ATS_URL')?.replace(/\/+$/, '');
  if (embeddedAtsUrl && !/^https?:\/\//.test(embeddedAtsUrl))
    problems.push('REFERRALS_ATS_URL: expected an http:// or https:// URL');
  const poll = get('REFERRALS_JOB_POLL_SECONDS') ?? '60';
  const jobPollSeconds = Number(poll);
  if (!Number.isInteger(jobPollSeconds) || jobPollSeconds < 5 || jobPollSeconds > 60)
    problems.push(`REFERRALS_JOB_POLL_SECONDS: expected whole seconds from 5 to 60, got "${poll}"`);
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    encryptionKey,
    embeddedAtsUrl,
    defaultClientId: get('REFERRALS_OAUTH_CLIENT_ID'),
    defaultClientSecret: get('REFERRALS_OAUTH_CLIENT_SECRET'),
    jobPollSeconds,
  });
}
