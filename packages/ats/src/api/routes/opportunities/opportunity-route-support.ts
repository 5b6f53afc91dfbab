// What the opportunity routes share: the caller, the acting user, the read-and-render of one opportunity
// (with `?expand=` loaded for the whole page at once) and the schemas that document it.
import type { FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { AppError, Errors } from '@hireloop/platform';
import {
  ExpandableOpportunity,
  OPPORTUNITY_EXPANDS,
  Opportunity,
  type OpportunityExpand,
} from '@hireloop/lever/wire';
import type { AtsKysely } from '../../../db.ts';
import type { Principal } from '../../principal.ts';
import { parseList } from '../../query.ts';
import { resolvePerformer } from '../../../domain/opportunities/opportunity-input.ts';
import {
  findOpportunityWire,
  findOpportunityWireForWrite,
} from '../../../domain/opportunities/opportunity.repository.ts';
import { loadExpansions } from '../../../domain/opportunities/opportunity-expand.ts';
import { opportunityText, type OpportunityWriter } from '../../../domain/opportunities/opportunity.wire.ts';
import { type JsonText, withData } from '../../json-text.ts';
import { opportunityNotFound } from '../../../domain/opportunities/opportunity-change.service.ts';

export function principalOf(request: FastifyRequest): Principal {
  // The /v1 auth hook sets it before any handler runs; reaching here without one is a wiring bug.
  if (!request.principal) throw new AppError(Errors.Unauthorized);
  return request.principal;
}

/** Who an action is attributed to: `perform_as` when given (checked), else the OAuth/session user, else null. */
export async function actingUserId(
  db: AtsKysely,
  principal: Principal,
  performAs: string | undefined,
): Promise<string | null> {
  const user = await resolvePerformer(db, principal.accountId, performAs, false);
  return user?.id ?? principal.userId ?? null;
}

export const parseExpand = (values: readonly string[] | undefined): Set<OpportunityExpand> =>
  parseList('expand', values, OPPORTUNITY_EXPANDS);

/** GET /opportunities/:id: 404 when not visible. */
export async function readOpportunity(
  db: AtsKysely,
  principal: Principal,
  id: string,
  expand: ReadonlySet<OpportunityExpand>,
  write: OpportunityWriter,
): Promise<JsonText> {
  const row = await findOpportunityWire(db, principal, id.toLowerCase());
  if (!row) throw opportunityNotFound();
  const x = await loadExpansions(db, principal.accountId, [row], expand);
  return withData(opportunityText(write, row, x));
}

/** The body of a write response: the opportunity without `opportunityLocation` (as Lever's writes). */
export async function writtenOpportunity(
  db: AtsKysely,
  accountId: string,
  id: string,
  write: OpportunityWriter,
  fields?: Record<string, unknown>,
): Promise<JsonText> {
  const row = await findOpportunityWireForWrite(db, accountId, id);
  return withData(opportunityText(write, row, undefined, false), fields);
}

/** A response schema for OpenAPI whose body is sent as JSON text (opportunity.wire.ts, `jsonSerializer`). */
export const asJsonText = <S extends TSchema>(schema: S) => Type.Unsafe<JsonText>(schema);

/** Lever's opportunity (write responses). */
export { Opportunity as OpportunitySchema };

/** The reads that take `?expand=`: each expandable field is an id or, when expanded, the object (OpenAPI). */
export { ExpandableOpportunity as ExpandableOpportunitySchema };
