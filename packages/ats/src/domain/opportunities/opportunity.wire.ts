// Opportunity read model → Lever opportunity wire shape (reference §2.3), with `?expand=` applied from
// maps loaded once per page (opportunity-expand.ts). Write responses (create, stage, archive, tags…) omit
// `opportunityLocation`, as Lever's do.
import type {
  Application,
  Contact,
  Opportunity,
  OpportunityExpand,
  Phone,
  Stage,
  User,
} from '@hireloop/lever/wire';
import type { OpportunityView } from './opportunity-view.ts';

export interface Expansions {
  readonly expand: ReadonlySet<OpportunityExpand>;
  readonly stages: ReadonlyMap<string, Stage>;
  readonly users: ReadonlyMap<string, User>;
  readonly applications: ReadonlyMap<string, Application[]>;
}

export const NO_EXPANSIONS: Expansions = {
  expand: new Set(),
  stages: new Map(),
  users: new Map(),
  applications: new Map(),
};

/** Opportunity fields whose value `expand` may replace with an object. */
export type WireOpportunity = Omit<
  Opportunity,
  'stage' | 'owner' | 'followers' | 'sourcedBy' | 'contact' | 'applications'
> & {
  stage: string | Stage | null;
  owner: string | User | null;
  followers: (string | User)[];
  sourcedBy: string | User | null;
  contact: string | Contact;
  applications: (string | Application)[];
};

export const candidatesUrl = (publicUrl: string): string => `${publicUrl}/ats/candidates`;

export function contactOfView(o: OpportunityView): Contact {
  return {
    id: o.contact_id,
    name: o.contact_name,
    headline: o.contact_headline,
    isAnonymized: o.contact_is_anonymized,
    location: { name: o.contact_location },
    emails: o.contact_emails,
    phones: o.contact_phones as Phone[],
    dataProtection: null,
  };
}

export function toLeverOpportunity(
  o: OpportunityView,
  publicUrl: string,
  x: Expansions = NO_EXPANSIONS,
  read = true,
): WireOpportunity {
  const user = (id: string | null): string | User | null =>
    id && x.expand.has('owner') ? (x.users.get(id) ?? id) : id;
  const sourcedBy =
    o.sourced_by && x.expand.has('sourcedBy') ? (x.users.get(o.sourced_by) ?? o.sourced_by) : o.sourced_by;
  const wire: WireOpportunity = {
    id: o.id,
    name: o.contact_name,
    contact: x.expand.has('contact') ? contactOfView(o) : o.contact_id,
    headline: o.contact_headline,
    stage: x.expand.has('stage') ? (x.stages.get(o.stage_id) ?? { id: o.stage_id, text: '' }) : o.stage_id,
    confidentiality: o.confidentiality as Opportunity['confidentiality'],
    location: o.contact_location,
    phones: o.contact_phones as Phone[],
    emails: o.contact_emails,
    links: o.links,
    archived:
      o.archived_at && o.archive_reason_id
        ? { reason: o.archive_reason_id, archivedAt: o.archived_at.getTime() }
        : null,
    tags: o.tags,
    sources: o.sources,
    stageChanges: o.stage_changes,
    origin: o.origin as Opportunity['origin'],
    sourcedBy,
    owner: user(o.owner_id),
    followers: x.expand.has('followers') ? o.followers.map((id) => x.users.get(id) ?? id) : o.followers,
    applications: x.expand.has('applications') ? (x.applications.get(o.id) ?? []) : o.application_ids,
    createdAt: o.created_at.getTime(),
    updatedAt: o.updated_at.getTime(),
    lastInteractionAt: o.last_interaction_at.getTime(),
    lastAdvancedAt: o.last_advanced_at.getTime(),
    snoozedUntil: o.snoozed_until ? o.snoozed_until.getTime() : null,
    urls: { list: candidatesUrl(publicUrl), show: `${candidatesUrl(publicUrl)}/${o.id}` },
    isAnonymized: o.contact_is_anonymized,
    dataProtection: (o.data_protection ?? null) as Opportunity['dataProtection'],
  };
  if (read) wire.opportunityLocation = o.opportunity_location;
  return wire;
}
