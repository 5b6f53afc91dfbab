// The audit log of security-relevant actions (platform.audit_event, migration 0003), shared by the ATS and
// the apps. `recordAudit` takes the caller's transaction, so a change that rolls back leaves no row, and a
// row exists only for a change that happened. Details carry ids and the names of settings — never secrets,
// never candidate data: keys that look like credentials are refused outright (a programming error, caught
// by the tests), which also rolls back the change being audited.
import type { Generated, Kysely, Selectable } from 'kysely';

export const AUDIT_PRODUCTS = ['ats', 'referrals', 'careers', 'onboarding'] as const;
export type AuditProduct = (typeof AUDIT_PRODUCTS)[number];
export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'oauth_app', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** JSON-safe detail values (no objects with methods, no Dates: pass ms or ISO strings). */
export type AuditValue =
  string | number | boolean | null | readonly AuditValue[] | { [k: string]: AuditValue };
export type AuditDetails = Readonly<Record<string, AuditValue>>;

export interface AuditEventInput {
  readonly product: AuditProduct;
  /** ATS account id or app organization id; null only when no tenant is known (unknown sign-in email). */
  readonly tenantId: string | null;
  readonly actorType: AuditActorType;
  readonly actorId?: string | null;
  /** Stable dotted name, e.g. `api_key.created`; pages filter on it, so never rename one. */
  readonly action: string;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  readonly details?: AuditDetails;
  readonly ip?: string | null;
  readonly requestId?: string | null;
  /** Defaults to now. Stored at millisecond precision so keyset cursors round-trip exactly. */
  readonly occurredAt?: Date;
}

interface AuditEventTable {
  id: Generated<string>;
  occurred_at: Date;
  product: string;
  tenant_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Generated<AuditDetails>;
  ip: string | null;
  request_id: string | null;
}
interface AuditDb {
  'platform.audit_event': AuditEventTable;
}
export type AuditEventRow = Selectable<AuditEventTable>;

const ACTION_RE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
// Detail keys that would hold a credential. `prefix` (the 8 visible characters of an API key) is allowed.
const SECRET_KEY_RE = /secret|password|passwd|token|hash|signature|cookie|authorization/i;

export class AuditDetailsError extends Error {}

function checkDetails(value: AuditValue | AuditDetails, path: string): void {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (!Array.isArray(value) && SECRET_KEY_RE.test(k))
      throw new AuditDetailsError(`audit details must not carry credentials: "${path}${k}"`);
    checkDetails(v as AuditValue, `${path}${k}.`);
  }
}

// Kysely's database type parameter is invariant; every package's Kysely (or transaction) can run these
// statements, which only touch platform.audit_event.
const asAuditDb = <DB>(db: Kysely<DB>): Kysely<AuditDb> => db as unknown as Kysely<AuditDb>;

/** Writes one event in `db` — pass the transaction of the change being audited. */
export async function recordAudit<DB>(db: Kysely<DB>, event: AuditEventInput): Promise<void> {
  if (!ACTION_RE.test(event.action)) throw new AuditDetailsError(`bad audit action name "${event.action}"`);
  checkDetails(event.details ?? {}, '');
  const at = event.occurredAt ?? new Date();
  await asAuditDb(db)
    .insertInto('platform.audit_event')
    .values({
      occurred_at: new Date(Math.floor(at.getTime())),
      product: event.product,
      tenant_id: event.tenantId,
      actor_type: event.actorType,
      actor_id: event.actorId ?? null,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      details: JSON.stringify(event.details ?? {}) as unknown as AuditDetails,
      ip: event.ip ?? null,
      request_id: event.requestId ?? null,
    })
    .execute();
}

export interface AuditCursor {
  readonly occurredAt: Date;
  readonly id: string;
}

export interface AuditQuery {
  readonly product: AuditProduct;
  readonly tenantId: string;
  readonly limit: number;
  /** Keyset: events strictly older than this one (the `next` of the previous page). */
  readonly before?: AuditCursor;
  readonly action?: string;
  readonly actorType?: AuditActorType;
  readonly actorId?: string;
}

/** One tenant's events, newest first; `next` is set when older events exist. */
export async function listAudit<DB>(
  db: Kysely<DB>,
  q: AuditQuery,
): Promise<{ events: AuditEventRow[]; next?: AuditCursor }> {
  const limit = Math.max(1, Math.min(500, Math.floor(q.limit)));
  let query = asAuditDb(db)
    .selectFrom('platform.audit_event')
    .selectAll()
    .where('product', '=', q.product)
    .where('tenant_id', '=', q.tenantId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actorType) query = query.where('actor_type', '=', q.actorType);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.before) {
    const { occurredAt, id } = q.before;
    query = query.where((eb) =>
      eb.or([
        eb('occurred_at', '<', occurredAt),
        eb.and([eb('occurred_at', '=', occurredAt), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const events = rows.slice(0, limit);
  const last = events[events.length - 1];
  return rows.length > limit && last
    ? { events, next: { occurredAt: last.occurred_at, id: last.id } }
    : { events };
}
