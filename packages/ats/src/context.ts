// Everything the ATS's routes and jobs share in one process: the typed database, the runtime, the rate
// limiter, and the bearer-token resolvers the OAuth module adds. Built once by atsModule.
import type { Kysely } from 'kysely';
import type { Runtime } from '@hireloop/platform';
import type { AtsDb } from './db.ts';
import type { BearerResolver } from './api/auth.ts';
import { createEventLog, type AtsEvents } from './domain/events/events.ts';
import { recordForFanout } from './domain/webhooks/webhook-queue.ts';
import {
  memoryRateLimiter,
  postgresRateLimiter,
  type BucketPolicy,
  type RateLimiter,
} from './api/rate-limit.ts';

export interface AtsContext {
  readonly runtime: Runtime;
  readonly db: Kysely<AtsDb>;
  readonly publicUrl: string;
  readonly rateLimiter: RateLimiter;
  readonly bearerResolvers: BearerResolver[];
  /** Where every state change reports (event log + webhook fan-out in the change's transaction). */
  readonly events: AtsEvents;
}

export function createAtsContext(runtime: Runtime): AtsContext {
  // Reference §1.10: ~10 requests/second per credential, bursts to 20 (API_RATE_LIMIT_* to change).
  const policy: BucketPolicy = {
    ratePerSecond: runtime.config.apiRatePerSecond,
    burst: runtime.config.apiRateBurst,
  };
  return {
    runtime,
    db: runtime.database.kysely<AtsDb>(),
    publicUrl: runtime.config.publicUrl,
    rateLimiter:
      runtime.database.kind === 'postgres'
        ? postgresRateLimiter(runtime.db, policy)
        : memoryRateLimiter(policy),
    bearerResolvers: [],
    events: createEventLog(recordForFanout),
  };
}
