// What the app reads from the ATS about one opportunity, always re-fetched (the webhook signature does not
// cover the payload, so the payload is only a hint): the opportunity, its posting (title, location, team,
// hiring manager), its offers (anticipated start date) and whether its archive reason means "hired".
import { LeverApiError, collect, type LeverClient, type Offer } from '@hireloop/lever';

/** Lever's offer field for the start date (reference §2.10; ms since epoch). */
export const START_DATE_FIELD = 'anticipated_start_date';

export interface HireSnapshot {
  opportunityId: string;
  contactId: string;
  name: string;
  email: string | null;
  phone: string | null;
  hired: boolean;
  archivedReasonText: string | null;
  archived: boolean;
  hiredAtMs: number | null;
  postingId: string | null;
  title: string | null;
  location: string | null;
  team: string | null;
  managerName: string | null;
  managerEmail: string | null;
  /** From the newest offer with a start date; ms. */
  offerStartMs: number | null;
}

/** The newest offer's start date (ms), if any offer carries one. */
export function offerStartDate(offers: readonly Offer[]): number | null {
  const dated = offers
    .map((o) => ({ at: o.createdAt, v: o.fields.find((f) => f.identifier === START_DATE_FIELD)?.value }))
    .filter((o): o is { at: number; v: number } => typeof o.v === 'number')
    .sort((a, b) => b.at - a.at);
  return dated[0]?.v ?? null;
}

/** undefined when the opportunity is gone (deleted in the ATS). */
export async function fetchSnapshot(
  client: LeverClient,
  opportunityId: string,
): Promise<HireSnapshot | undefined> {
  let opp;
  try {
    opp = await client.opportunities.getExpanded(opportunityId, ['applications']);
  } catch (error) {
    if (error instanceof LeverApiError && error.status === 404) return undefined;
    throw error;
  }
  const postingId = opp.applications.find((a) => a.posting)?.posting ?? null;
  const posting = postingId ? await client.postings.get(postingId).catch(notFoundAs(undefined)) : undefined;
  let hired = false;
  let reasonText: string | null = null;
  if (opp.archived) {
    const reasons = await collect(client.archiveReasons.list());
    const reason = reasons.find((r) => r.id === opp.archived!.reason);
    hired = reason?.type === 'hired';
    reasonText = reason?.text ?? null;
  }
  const offers = await collect(client.opportunities.offers.list(opportunityId));
  const managerId = posting?.hiringManager ?? null;
  const manager = managerId ? await client.users.get(managerId).catch(notFoundAs(undefined)) : undefined;
  return {
    opportunityId: opp.id,
    // Only `applications` is expanded; the typed shape expands every field, so read the contact either way.
    contactId: typeof opp.contact === 'string' ? opp.contact : (opp.contact as { id: string }).id,
    name: opp.name,
    email: opp.emails[0] ?? null,
    phone: opp.phones[0]?.value ?? null,
    hired,
    archived: opp.archived !== null,
    archivedReasonText: reasonText,
    hiredAtMs: opp.archived?.archivedAt ?? null,
    postingId,
    title: posting?.text ?? null,
    location: posting?.categories.location ?? null,
    team: posting?.categories.team ?? null,
    managerName: manager?.name ?? null,
    managerEmail: manager?.email ?? null,
    offerStartMs: offerStartDate(offers),
  };
}

const notFoundAs =
  <T>(value: T) =>
  (error: unknown): T => {
    if (error instanceof LeverApiError && error.status === 404) return value;
    throw error;
  };
