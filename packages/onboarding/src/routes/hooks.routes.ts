// POST /onboarding/hooks/lever/:orgId — the webhook receiver. Outside the session/CSRF scope (the ATS has no
// session); the body is kept as the raw string the signature checks ran over. 202 once stored and queued,
// 200 for a replay (so the sender stops retrying), 4xx otherwise (401 for a bad or revoked token).
import type { FastifyInstance } from 'fastify';
import { RECEIVER_ERROR_STATUS } from '@hireloop/lever';
import type { OnboardingContext } from '../context.ts';
import { findOrganization } from '../domain/orgs/org.repository.ts';
import { receiveDelivery } from '../domain/webhooks/receiver.service.ts';

const WEBHOOK_BODY_LIMIT = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function registerHookRoutes(app: FastifyInstance, ctx: OnboardingContext): Promise<void> {
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.post<{ Params: { orgId: string } }>('/onboarding/hooks/lever/:orgId', async (request, reply) => {
      const { orgId } = request.params;
      if (!UUID.test(orgId) || !(await findOrganization(ctx.db, orgId)))
        return reply.code(404).send({ code: 'NotFoundError', message: 'No such organization' });
      const raw = typeof request.body === 'string' ? request.body : '';
      const result = await receiveDelivery(ctx, orgId, raw, request.headers);
      if (result.ok) return reply.code(202).send({ ok: true });
      if (result.code === 'replayed') return reply.code(200).send({ ok: true, duplicate: true });
      return reply
        .code(RECEIVER_ERROR_STATUS[result.code])
        .send({ code: 'WebhookRejectedError', reason: result.code, message: result.message });
    });
  });
}
