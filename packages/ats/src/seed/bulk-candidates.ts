// Bulk insert of candidates for the seeds: contacts, opportunities, their application (when attached to a
// posting) and the stage-change history, each table in ONE statement per batch via `unnest` of typed arrays
// — a handful of bind parameters however many rows, which is what makes 100k opportunities take minutes
// instead of hours on PGlite. Ids are made here (randomUUID) so the four tables can be written without
// reading anything back. Arrays inside a row (tags, sources, followers) travel as one delimited string. Runs in
// the caller's transaction (it defers two foreign keys to its commit).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AtsKysely } from '../db.ts';

export interface CandidateSpec {
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly headline: string;
  readonly location: string;
  readonly postingId: string | null;
  /** Stage path from entry to the current stage (the last one); one stage_change row each. */
  readonly stagePath: readonly { id: string; index: number }[];
  readonly origin: string;
  readonly confidential: boolean;
  readonly ownerId: string | null;
  readonly sourcedBy: string | null;
  readonly followers: readonly string[];
  readonly tags: readonly string[];
  readonly sources: readonly string[];
  readonly links: readonly string[];
  readonly archiveReasonId: string | null;
  readonly archivedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** `posting` (applied), `referral` or `user` (added by a recruiter); null = no application row. */
  readonly applicationType: 'posting' | 'referral' | 'user' | null;
  readonly applicationUserId: string | null;
}

export interface InsertedCandidate {
  readonly contactId: string;
  readonly opportunityId: string;
}

/** Unit separator: cannot appear in tags typed by people, unlike commas. */
const SEP = '\x1f';
const joined = (values: readonly string[]): string => values.join(SEP);
const iso = (d: Date): string => d.toISOString();

export async function insertCandidates(
  db: AtsKysely,
  accountId: string,
  specs: readonly CandidateSpec[],
): Promise<InsertedCandidate[]> {
  if (specs.length === 0) return [];
  const ids = specs.map(() => ({ contactId: randomUUID(), opportunityId: randomUUID() }));
  const col = <T>(f: (s: CandidateSpec, i: number) => T): T[] => specs.map(f);
  const contactIds = ids.map((x) => x.contactId);
  const opportunityIds = ids.map((x) => x.opportunityId);
  const created = col((s) => iso(s.createdAt));
  const updated = col((s) => iso(s.updatedAt));

  await sql`insert into ats.contact (id, account_id, name, headline, location, emails, phones, created_at, updated_at)
    select id, ${accountId}::uuid, name, headline, location, array[email],
      case when phone is null then '[]'::jsonb else jsonb_build_array(jsonb_build_object('type', 'mobile', 'value', phone)) end,
      created_at, updated_at
    from unnest(${contactIds}::uuid[], ${col((s) => s.name)}::text[], ${col((s) => s.headline)}::text[],
      ${col((s) => s.location)}::text[], ${col((s) => s.email.trim().toLowerCase())}::text[],
      ${col((s) => s.phone)}::text[], ${created}::timestamptz[], ${updated}::timestamptz[])
      as t(id, name, headline, location, email, phone, created_at, updated_at)`.execute(db);

  // Stage changes and applications first, their foreign keys deferred to commit: each opportunity's stored wire
  // (migration 0008) is then computed once, on its insert, with its history and applications already there.
  await sql`set constraints ats.stage_change_opportunity_id_fkey, ats.application_opportunity_id_fkey deferred`.execute(
    db,
  );
  const apps = specs.flatMap((s, i) => (s.postingId && s.applicationType ? [{ s, i }] : []));
  if (apps.length) {
    await sql`insert into ats.application (opportunity_id, posting_id, type, user_id, name, email, phone, created_at)
      select * from unnest(${apps.map((a) => opportunityIds[a.i])}::uuid[], ${apps.map((a) => a.s.postingId)}::uuid[],
        ${apps.map((a) => a.s.applicationType)}::text[], ${apps.map((a) => a.s.applicationUserId)}::uuid[],
        ${apps.map((a) => a.s.name)}::text[], ${apps.map((a) => a.s.email.trim().toLowerCase())}::text[],
        ${apps.map((a) => a.s.phone)}::text[], ${apps.map((a) => iso(a.s.createdAt))}::timestamptz[])`.execute(
      db,
    );
  }

  // History: entry at creation, then evenly spaced moves up to the last update.
  const moves = specs.flatMap((s, i) =>
    s.stagePath.map((stage, k) => {
      const span = s.updatedAt.getTime() - s.createdAt.getTime();
      const at = new Date(
        s.createdAt.getTime() + (s.stagePath.length > 1 ? (span * k) / (s.stagePath.length - 1) : 0),
      );
      return { opportunityId: opportunityIds[i], stage, at: iso(at), user: s.ownerId };
    }),
  );
  await sql`insert into ats.stage_change (opportunity_id, to_stage_id, to_stage_index, user_id, updated_at)
    select * from unnest(${moves.map((m) => m.opportunityId)}::uuid[], ${moves.map((m) => m.stage.id)}::text[],
      ${moves.map((m) => m.stage.index)}::int[], ${moves.map((m) => m.user)}::uuid[],
      ${moves.map((m) => m.at)}::timestamptz[])`.execute(db);
  const current = col((s) => s.stagePath[s.stagePath.length - 1]?.id ?? 'lead-new');
  await sql`insert into ats.opportunity (id, account_id, contact_id, posting_id, stage_id, origin, confidentiality,
      owner_id, sourced_by, followers, tags, sources, links, archive_reason_id, archived_at, opportunity_location,
      created_at, updated_at, last_interaction_at, last_advanced_at)
    select id, ${accountId}::uuid, contact_id, posting_id, stage_id, origin,
      case when confidential then 'confidential' else 'non-confidential' end,
      owner_id, sourced_by, string_to_array(followers, ${SEP})::uuid[], string_to_array(tags, ${SEP}),
      string_to_array(sources, ${SEP}), string_to_array(links, ${SEP}), archive_reason_id, archived_at, location,
      created_at, updated_at, updated_at, updated_at
    from unnest(${opportunityIds}::uuid[], ${contactIds}::uuid[], ${col((s) => s.postingId)}::uuid[],
      ${current}::text[], ${col((s) => s.origin)}::text[], ${col((s) => s.confidential)}::boolean[],
      ${col((s) => s.ownerId)}::uuid[], ${col((s) => s.sourcedBy)}::uuid[], ${col((s) => joined(s.followers))}::text[],
      ${col((s) => joined(s.tags))}::text[], ${col((s) => joined(s.sources))}::text[], ${col((s) => joined(s.links))}::text[],
      ${col((s) => s.archiveReasonId)}::uuid[], ${col((s) => (s.archivedAt ? iso(s.archivedAt) : null))}::timestamptz[],
      ${col((s) => s.location)}::text[], ${created}::timestamptz[], ${updated}::timestamptz[])
      as t(id, contact_id, posting_id, stage_id, origin, confidential, owner_id, sourced_by, followers, tags, sources,
        links, archive_reason_id, archived_at, location, created_at, updated_at)`.execute(db);

  return ids;
}
