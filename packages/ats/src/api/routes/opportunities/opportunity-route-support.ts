// What the opportunity routes share: the caller, the acting user, the read-and-render of one opportunity
// (with `?expand=` loaded for the whole page at once), and a serializer that leaves expanded objects alone.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
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
  findOpportunityView,
  findOpportunityViewForWrite,
} from '../../../domain/opportunities/opportunity.repository.ts';
import { loadExpansions } from '../../../domain/opportunities/opportunity-expand.ts';
import { toLeverOpportunity, type WireOpportunity } from '../../../domain/opportunities/opportunity.wire.ts';
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
  publicUrl: string,
): Promise<WireOpportunity> {
  const view = await findOpportunityView(db, principal, id.toLowerCase());
  if (!view) throw opportunityNotFound();
  return toLeverOpportunity(view, publicUrl, await loadExpansions(db, principal.accountId, [view], expand));
}

/** The body of a write response: the opportunity without `opportunityLocation` (as Lever's writes). */
export async function writtenOpportunity(
  db: AtsKysely,
  accountId: string,
  id: string,
  publicUrl: string,
): Promise<WireOpportunity> {
  return toLeverOpportunity(
    await findOpportunityViewForWrite(db, accountId, id),
    publicUrl,
    undefined,
    false,
  );
}

/**
 * Response schemas document the Lever shapes in OpenAPI; serialization is plain JSON.stringify because
 * `?expand=` replaces ids with objects, which a schema-compiled serializer would mangle.
 */
export const jsonSerializer = () => (data: unknown) => JSON.stringify(data);

/** The Lever opportunity schema (for OpenAPI), typed as what we return. */
export const OpportunitySchema = Type.Unsafe<WireOpportunity>(Opportunity);

/** The reads that take `?expand=`: each expandable field is an id or, when expanded, the object (OpenAPI). */
export const ExpandableOpportunitySchema = Type.Unsafe<WireOpportunity>(ExpandableOpportunity);
