// What every opportunity-record route shares: the opportunity it hangs off (through the one visibility
// rule, 404 when invisible), `perform_as`, keyset tokens keyed by (created ms, id), and raw downloads.
import type { FastifyReply, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors } from '@hireloop/platform';
import type { AtsKysely, Row } from '../../../db.ts';
import { findVisibleOpportunity } from '../../../domain/opportunities/visibility.ts';
import { findUserById } from '../../../domain/users/user.repository.ts';
import { decodeOffset } from '../../pagination.ts';
import type { Principal } from '../../principal.ts';
import { isUuid } from '../../query.ts';

export const OpportunityParams = Type.Object({ id: Type.String() });
export const RecordParams = Type.Object({ id: Type.String(), rid: Type.String() });

export function principalOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  // The /v1 auth hook sets it before any handler runs; reaching here without one is a wiring bug.
  if (!principal) throw new AppError(Errors.Unauthorized);
  return principal;
}

export const notFound = (what: string): AppError =>
  new AppError(Errors.NotFound, `That ${what} doesn’t exist on your account`);

/** The opportunity if the caller may see it, else 404 (malformed ids are just ids that don't exist). */
export async function visibleOpportunityOr404(
  db: AtsKysely,
  principal: Principal,
  id: string,
): Promise<Row<'ats.opportunity'>> {
  const opportunity = isUuid(id) ? await findVisibleOpportunity(db, principal, id.toLowerCase()) : undefined;
  if (!opportunity) throw notFound('opportunity');
  return opportunity;
}

/** A record id from the path, or 404 when it cannot be one (so Postgres never sees a malformed uuid). */
export function recordId(value: string, what: string): string {
  if (!isUuid(value)) throw notFound(what);
  return value.toLowerCase();
}

/** `perform_as`: an active user of the caller's account (reference §1.6); absent → null. */
export async function performAs(
  db: AtsKysely,
  principal: Principal,
  value: string | undefined,
): Promise<string | null> {
  if (value === undefined || value === '') return null;
  const user = isUuid(value) ? await findUserById(db, principal.accountId, value.toLowerCase()) : undefined;
  if (!user || user.deactivated_at) {
    throw new AppError(
      Errors.Validation,
      'Invalid value for perform_as: no active user with that id on your account',
      {
        details: { fields: [{ field: 'perform_as', in: 'querystring', message: 'is not an active user' }] },
      },
    );
  }
  return user.id;
}

/** Decodes a (created ms, id) keyset token for `sort`; undefined without a token. */
export function keysetAfter(sort: string, token: string | undefined): readonly [number, string] | undefined {
  if (token === undefined || token === '') return undefined;
  const [at, id] = decodeOffset(token, sort, ['number', 'string']) as [number, string];
  if (!Number.isSafeInteger(at) || !isUuid(id)) throw new AppError(Errors.InvalidOffsetToken);
  return [at, id];
}

export const createdKey = (row: { created_at: Date; id: string }): [number, string] => [
  row.created_at.getTime(),
  row.id,
];

/** RFC 6266/8187 Content-Disposition: an ASCII fallback plus the exact UTF-8 name, both safely quoted. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'download';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends stored bytes as a download. `nosniff` + attachment + a sandboxing CSP keep a browser from ever
 * rendering an uploaded file as a page of this origin, whatever its bytes.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { name: string; content_type: string },
  bytes: Buffer,
): FastifyReply {
  return reply
    .header('content-type', file.content_type)
    .header('content-length', String(bytes.length))
    .header('content-disposition', contentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

/**
 * A route hook that answers 415 unless the body is one of `types` (checked before the body is read).
 * Fastify would otherwise parse text/plain itself and report a confusing validation error.
 */
export function acceptOnly(types: readonly string[]): preParsingAsyncHookHandler {
  return async (request) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!types.includes(type)) {
      throw new AppError(
        Errors.UnsupportedMediaType,
        `Send the body as ${types.join(' or ')}${type ? `, not ${type}` : ''}`,
      );
    }
  };
}
