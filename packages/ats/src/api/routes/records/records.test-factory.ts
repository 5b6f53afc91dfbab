// Test factories for the opportunity-record suites (never imported by production code): contacts,
// postings and opportunities inserted directly, and a session-like principal for a limited team member
// (API keys are never limited; the visibility rule is what's under test).
import type { Kysely } from 'kysely';
import type { AtsDb, Row } from '../../../db.ts';
import type { AtsContext } from '../../../context.ts';
import type { Principal } from '../../principal.ts';

export interface OpportunityOptions {
  readonly confidential?: boolean;
  /** A posting owned by this user is attached (limited team members see only those). */
  readonly postingOwnerId?: string;
  readonly stageId?: string;
}

export async function insertOpportunity(
  db: Kysely<AtsDb>,
  accountId: string,
  options: OpportunityOptions = {},
): Promise<Row<'ats.opportunity'>> {
  const contact = await db
    .insertInto('ats.contact')
    .values({ account_id: accountId, name: 'Casey Candidate', emails: ['casey@example.com'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const posting = options.postingOwnerId
    ? await db
        .insertInto('ats.posting')
        .values({ account_id: accountId, text: 'Engineer', owner_id: options.postingOwnerId })
        .returning('id')
        .executeTakeFirstOrThrow()
    : undefined;
  return db
    .insertInto('ats.opportunity')
    .values({
      account_id: accountId,
      contact_id: contact.id,
      posting_id: posting?.id ?? null,
      stage_id: options.stageId ?? 'lead-reached-out',
      confidentiality: options.confidential ? 'confidential' : 'non-confidential',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Registers a bearer token that authenticates as `user` with limited-team-member visibility; returns its header. */
export function limitedMemberAuth(ctx: AtsContext, accountId: string, userId: string): string {
  const token = `limited-${userId}`;
  ctx.bearerResolvers.push(async (value) =>
    value === token
      ? ({
          kind: 'session',
          credentialId: userId,
          accountId,
          userId,
          confidential: false,
          limitedToUserId: userId,
          allows: () => ({ ok: true }),
        } satisfies Principal)
      : undefined,
  );
  return `Bearer ${token}`;
}
