// OAuth access tokens on /v1: a BearerResolver for api/auth.ts. Every call checks the database (one indexed
// query: token, grant and app all live, not expired), so a revoke is effective at once in every process —
// no in-process cache of validity. The principal carries the token's scopes (write implies read) and is
// rate-limited per grant, like an API key. `last used` is written at most once a minute per grant.
import type { FastifyBaseLogger } from 'fastify';
import { CONFIDENTIAL_ACCESS } from '@hireloop/lever/scopes';
import type { AtsKysely } from '../db.ts';
import { scopedPrincipal, type BearerResolver } from '../api/auth.ts';
import { findLiveAccessToken } from './oauth.repository.ts';
import { touchGrant } from './oauth-grant.repository.ts';
import { PREFIX, sha256 } from './oauth-secrets.ts';

const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export function oauthBearerResolver(db: AtsKysely, log?: FastifyBaseLogger): BearerResolver {
  const lastWritten = new Map<string, number>();
  return async (token) => {
    if (!token.startsWith(PREFIX.access) || token.length > 200) return undefined;
    const row = await findLiveAccessToken(db, sha256(token));
    if (!row) return undefined;
    const now = Date.now();
    if (now - (lastWritten.get(row.grant_id) ?? 0) > LAST_USED_WRITE_INTERVAL_MS) {
      if (lastWritten.size > 10_000) lastWritten.clear();
      lastWritten.set(row.grant_id, now);
      touchGrant(db, row.grant_id, new Date(now)).catch((err: unknown) =>
        log?.warn({ err }, 'could not record grant use'),
      );
    }
    return scopedPrincipal(
      {
        credentialId: row.grant_id,
        accountId: row.account_id,
        userId: row.granted_by,
        confidential: row.scopes.includes(CONFIDENTIAL_ACCESS),
        limitedToUserId: undefined,
      },
      row.scopes,
    );
  };
}
