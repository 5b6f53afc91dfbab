// The Lever opportunity wire shape (reference §2.3) as JSON text. The members that depend only on the
// opportunity, its contact and its stage changes come stored (`wire_fields`, kept by triggers: migration 0008);
// this adds the ones `?expand=` or the configuration decides — contact, stage, sourcedBy, owner, followers,
// applications (an id or, expanded, the object: from maps loaded once per page, opportunity-expand.ts), urls,
// and opportunityLocation on reads (write responses omit it, as Lever's do). Nothing is parsed or serialized
// per row except those few values, which is what keeps a page of 100 cheap (issue 3, P2).
import type { OpportunityExpand } from '@hireloop/lever/wire';
import type { OpportunityWireRow } from './opportunity-view.ts';

export interface Expansions {
  readonly expand: ReadonlySet<OpportunityExpand>;
  /** Expanded objects as JSON text, by id. */
  readonly users: ReadonlyMap<string, string>;
  readonly contacts: ReadonlyMap<string, string>;
  /** JSON array text of the opportunity's applications, by opportunity id. */
  readonly applications: ReadonlyMap<string, string>;
}

export const NO_EXPANSIONS: Expansions = {
  expand: new Set(),
  users: new Map(),
  contacts: new Map(),
  applications: new Map(),
};

export const candidatesUrl = (publicUrl: string): string => `${publicUrl}/ats/candidates`;

const json = JSON.stringify;

/**
 * Writes opportunities of one deployment as JSON text pieces into `out` (joined once by the caller: no rope
 * per row); the urls' common part is escaped once.
 */
export function opportunityWriter(publicUrl: string) {
  const list = candidatesUrl(publicUrl);
  const listJson = json(list);
  return (out: string[], o: OpportunityWireRow, x: Expansions = NO_EXPANSIONS, read = true): void => {
    const expanded = x.expand;
    const user = (id: string | null): string => (id === null ? 'null' : (x.users.get(id) ?? json(id)));
    out.push(
      '{',
      o.wire_fields,
      ',"contact":',
      expanded.has('contact') ? (x.contacts.get(o.contact_id) ?? json(o.contact_id)) : json(o.contact_id),
      ',"stage":',
      expanded.has('stage') ? json({ id: o.stage_id, text: o.stage_text ?? '' }) : json(o.stage_id),
      ',"sourcedBy":',
      expanded.has('sourcedBy') ? user(o.sourced_by) : json(o.sourced_by),
      ',"owner":',
      expanded.has('owner') ? user(o.owner_id) : json(o.owner_id),
      ',"followers":',
      expanded.has('followers')
        ? '[' + (JSON.parse(o.followers) as string[]).map(user).join(',') + ']'
        : o.followers,
      ',"applications":',
      expanded.has('applications') ? (x.applications.get(o.id) ?? '[]') : o.application_ids,
      ',"urls":{"list":',
      listJson,
      ',"show":',
      json(`${list}/${o.id}`),
      '}',
    );
    if (read) out.push(',"opportunityLocation":', json(o.opportunity_location));
    out.push('}');
  };
}

export type OpportunityWriter = ReturnType<typeof opportunityWriter>;

/** One opportunity as JSON text. */
export function opportunityText(
  write: OpportunityWriter,
  o: OpportunityWireRow,
  x?: Expansions,
  read?: boolean,
): string {
  const out: string[] = [];
  write(out, o, x, read);
  return out.join('');
}
