// POST /referrals/hooks/lever/:orgId — the webhook receiver (the shared route of @hireloop/app-kit: raw body,
// outside the session/CSRF scope; 202 stored and queued, 200 replay, 401 bad or revoked token, 404 unknown
// organization).
import type { FastifyInstance } from 'fastify';
import { registerLeverHookRoute } from '@hireloop/app-kit/webhooks/receiver';
import type { ReferralsContext } from '../context.ts';
import { findOrganization } from '../domain/orgs/org.repository.ts';
import { receiveDelivery } from '../domain/webhooks/receiver.service.ts';

export function registerHookRoutes(app: FastifyInstance, ctx: ReferralsContext): Promise<void> {
  return registerLeverHookRoute(app, {
    path: '/referrals/hooks/lever/:orgId',
    organizationExists: async (id) => (await findOrganization(ctx.db, id)) !== undefined,
    receive: (id, rawBody, headers) => receiveDelivery(ctx, id, rawBody, headers),
  });
}
