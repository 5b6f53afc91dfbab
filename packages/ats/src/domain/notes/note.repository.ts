// All SQL for notes and their comments (reference §2.7). Callers have already checked that the caller may
// see the opportunity (findVisibleOpportunity); these functions add the secret-note rule.
import { sql } from 'kysely';
import type { AtsKysely, NewRow, Row } from '../../db.ts';

export type NoteRow = Row<'ats.note'>;
export type NoteCommentRow = Row<'ats.note_comment'>;

/** Who may read secret notes: see note.service.ts `secretAccess`. */
export interface SecretAccess {
  readonly all: boolean;
  readonly userId: string | undefined;
}

const createdMs = sql<number>`floor(extract(epoch from ats.note.created_at) * 1000)::bigint`;

function visibleNotes(db: AtsKysely, opportunityId: string, secret: SecretAccess) {
  let q = db
    .selectFrom('ats.note')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .where('deleted_at', 'is', null);
  if (!secret.all) {
    const userId = secret.userId;
    q = q.where((eb) =>
      userId ? eb.or([eb('secret', '=', false), eb('user_id', '=', userId)]) : eb('secret', '=', false),
    );
  }
  return q;
}

export function insertNote(db: AtsKysely, row: NewRow<'ats.note'>): Promise<NoteRow> {
  return db.insertInto('ats.note').values(row).returningAll().executeTakeFirstOrThrow();
}

export function insertNoteComment(db: AtsKysely, row: NewRow<'ats.note_comment'>): Promise<NoteCommentRow> {
  return db.insertInto('ats.note_comment').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findNote(
  db: AtsKysely,
  opportunityId: string,
  id: string,
  secret: SecretAccess,
): Promise<NoteRow | undefined> {
  return visibleNotes(db, opportunityId, secret).where('id', '=', id).executeTakeFirst();
}

/** One keyset page, newest first; the key is (created ms, id) as carried by the offset token. */
export function listNotes(
  db: AtsKysely,
  q: { opportunityId: string; secret: SecretAccess; after?: readonly [number, string]; limit: number },
): Promise<NoteRow[]> {
  let query = visibleNotes(db, q.opportunityId, q.secret);
  if (q.after) {
    const [at, id] = q.after;
    query = query.where(sql<boolean>`(${createdMs}, ats.note.id) < (${at}::bigint, ${id}::uuid)`);
  }
  return query
    .orderBy(createdMs, 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
}

/** Comments of the given notes, oldest first (the order of a note's `fields[]`). */
export function listComments(db: AtsKysely, noteIds: readonly string[]): Promise<NoteCommentRow[]> {
  if (noteIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ats.note_comment')
    .selectAll()
    .where('note_id', 'in', [...noteIds])
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

/** Soft delete (Lever's wire has `deletedAt`); returns whether a live note was deleted. */
export async function deleteNote(
  db: AtsKysely,
  opportunityId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('ats.note')
    .set({ deleted_at: at })
    .where('opportunity_id', '=', opportunityId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** A note is an interaction: Lever's `lastInteractionAt` on the opportunity moves with it. */
export async function touchOpportunityInteraction(
  db: AtsKysely,
  opportunityId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('ats.opportunity')
    .set({ last_interaction_at: at })
    .where('id', '=', opportunityId)
    .execute();
}
