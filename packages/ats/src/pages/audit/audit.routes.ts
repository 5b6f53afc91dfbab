// GET /ats/settings/audit — the account's audit log (platform.audit_event, product 'ats'), Super Admins
// only: it shows who created and revoked credentials, changed users and settings, and who failed to sign
// in. Filters: `action` (one of ATS_AUDIT_ACTIONS) and `actor` (`system` or `<type>:<id>`); 50 events a
// page, keyset on (occurred_at, id) with the same offset tokens as the API.
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { listAudit, type AuditActorType } from '@hireloop/platform/audit/audit';
import type { AtsContext } from '../../context.ts';
import { isUuid } from '../../api/query.ts';
import { decodeOffset, encodeOffset } from '../../api/pagination.ts';
import { ATS_AUDIT_ACTIONS } from '../../domain/audit/ats-audit.ts';
import { requireRole } from '../page-guards.ts';
import { sendAtsPage } from '../ats-shell.ts';
import { settingsTabs } from '../nav.ts';
import { loadAuditNames } from './audit-names.repository.ts';
import { AUDIT_PATH, auditPage } from './audit.page.ts';

export const AUDIT_ROLES: readonly string[] = Object.freeze(['super admin']);
const PAGE_SIZE = 50;
const SORT = 'ats-audit-page';
const Str = Type.Optional(Type.String({ maxLength: 200 }));

function invalidFilter(field: string, message: string): AppError {
  return new AppError(Errors.Validation, `Invalid value for ${field}: ${message}`, {
    details: { fields: [{ field, in: 'query', message }] },
  });
}

/** `system`, or `<user|api_key|oauth_app>:<uuid>`. */
function parseActor(value: string | undefined): { type: AuditActorType; id?: string } | undefined {
  if (!value) return undefined;
  if (value === 'system') return { type: 'system' };
  const [type, id] = value.split(':');
  if ((type === 'user' || type === 'api_key' || type === 'oauth_app') && id && isUuid(id))
    return { type, id: id.toLowerCase() };
  throw invalidFilter('actor', 'choose one of the actors in the list');
}

export async function registerAuditPages(app: Http, ctx: AtsContext): Promise<void> {
  const gate = requireRole(
    AUDIT_ROLES,
    'The audit log is for Super Admins only: it shows who changed credentials, users and settings, and failed sign-ins.',
  );

  app.get(
    AUDIT_PATH,
    { preHandler: gate, schema: { querystring: Type.Object({ action: Str, actor: Str, offset: Str }) } },
    async (request, reply) => {
      const accountId = request.atsUser!.account.id;
      const { action, actor: actorParam, offset } = request.query;
      if (action && !(ATS_AUDIT_ACTIONS as readonly string[]).includes(action))
        throw invalidFilter('action', 'choose one of the actions in the list');
      const actor = parseActor(actorParam);
      let before: { occurredAt: Date; id: string } | undefined;
      if (offset) {
        const [at, id] = decodeOffset(offset, SORT, ['number', 'string']) as [number, string];
        if (!isUuid(id) || !Number.isFinite(at)) throw new AppError(Errors.InvalidOffsetToken);
        before = { occurredAt: new Date(at), id };
      }
      const { events, next } = await listAudit(ctx.db, {
        product: 'ats',
        tenantId: accountId,
        limit: PAGE_SIZE,
        before,
        action: action || undefined,
        actorType: actor?.type,
        actorId: actor?.id,
      });
      const names = await loadAuditNames(
        ctx.db,
        accountId,
        events.filter((e) => e.target_type === 'oauth_grant').map((e) => e.target_id),
        events.filter((e) => e.target_type === 'webhook').map((e) => e.target_id),
      );
      return sendAtsPage(request, reply, {
        title: 'Audit log',
        section: 'settings',
        body: auditPage({
          tabs: settingsTabs(request, 'audit'),
          events,
          names,
          filters: { action: action || undefined, actor: actorParam || undefined },
          nextToken: next ? encodeOffset(SORT, [next.occurredAt.getTime(), next.id]) : undefined,
          isLaterPage: Boolean(before),
        }),
      });
    },
  );
}
