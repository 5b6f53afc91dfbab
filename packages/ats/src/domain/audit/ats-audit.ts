// The ATS side of the audit log (platform/src/audit/audit.ts): one call per security-relevant change,
// inside that change's transaction — `await auditAts(trx, request, 'api_key.created', ['api_key', id])`.
// The actor comes from the request: the signed-in page user, or the /v1 principal (an API key, an OAuth
// app — the grant's client — or a session user); jobs and protocol events pass `systemActor(accountId)`.
// Details hold ids and names of settings only: never a secret, token, password or candidate data.
import type { FastifyRequest } from 'fastify';
import { recordAudit, type AuditActorType, type AuditDetails } from '@hireloop/platform/audit/audit';
import type { AtsKysely } from '../../db.ts';

/** Every action the ATS records (stable names: the audit page filters on them). */
export const ATS_AUDIT_ACTIONS = [
  'auth.sign_in_succeeded',
  'auth.sign_in_failed',
  'api_key.created',
  'api_key.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.token_rotated',
  'webhook.disabled',
  'webhook.reenabled',
  'oauth_client.created',
  'oauth_grant.accepted',
  'oauth_grant.denied',
  'oauth_grant.revoked',
  'oauth_grant.refresh_token_reused',
  'oauth_grant.code_reused',
  'user.invited',
  'user.invitation_resent',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'user.password_set',
  'company.item_added',
  'company.item_renamed',
  'company.item_removed',
  'integration_managers.changed',
] as const;
export type AtsAuditAction = (typeof ATS_AUDIT_ACTIONS)[number];

export interface AtsActor {
  /** The ATS account the event belongs to; null only for a sign-in attempt matching no account. */
  readonly accountId: string | null;
  readonly type: AuditActorType;
  readonly id: string | null;
  readonly ip?: string;
  readonly requestId?: string;
}

/** [target type, target id], e.g. ['api_key', key.id]; null when the action has no single target. */
export type AuditTarget = readonly [type: string, id: string | null] | null;

/** The ATS itself (the delivery engine, token reuse detection), with the request's address when there is one. */
export const systemActor = (accountId: string | null, request?: FastifyRequest): AtsActor => ({
  accountId,
  type: 'system',
  id: null,
  ip: request?.ip,
  requestId: request?.id,
});

/** A person acting for `accountId` (signed in, or attempting to), with the request's address. */
export const userActor = (
  accountId: string | null,
  userId: string | null,
  request?: FastifyRequest,
): AtsActor => ({
  accountId,
  type: 'user',
  id: userId,
  ip: request?.ip,
  requestId: request?.id,
});

async function actorOf(db: AtsKysely, request: FastifyRequest): Promise<AtsActor> {
  const signedIn = request.atsUser;
  if (signedIn) return userActor(signedIn.account.id, signedIn.user.id, request);
  const p = request.principal;
  if (!p) throw new Error('auditAts: the request has neither a signed-in user nor an API principal');
  const base = { accountId: p.accountId, ip: request.ip, requestId: request.id };
  if (p.kind === 'api_key') return { ...base, type: 'api_key', id: p.credentialId };
  if (p.kind === 'session') return { ...base, type: 'user', id: p.userId ?? null };
  // OAuth: the actor is the app (the grant's client row); the grant is one lookup away.
  const grant = await db
    .selectFrom('ats.oauth_grant')
    .select('client_id')
    .where('id', '=', p.credentialId)
    .executeTakeFirst();
  return { ...base, type: 'oauth_app', id: grant?.client_id ?? null };
}

const isRequest = (who: FastifyRequest | AtsActor): who is FastifyRequest => 'raw' in who;

/** Records one ATS event in `db` (the change's transaction). */
export async function auditAts(
  db: AtsKysely,
  who: FastifyRequest | AtsActor,
  action: AtsAuditAction,
  target: AuditTarget = null,
  details?: AuditDetails,
): Promise<void> {
  const actor = isRequest(who) ? await actorOf(db, who) : who;
  await recordAudit(db, {
    product: 'ats',
    tenantId: actor.accountId,
    actorType: actor.type,
    actorId: actor.id,
    action,
    targetType: target?.[0] ?? null,
    targetId: target?.[1] ?? null,
    details,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
  });
}
