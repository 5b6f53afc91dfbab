// Notes on an opportunity (reference §2.7): create (or comment on an existing note with `note_id`), read,
// delete. Notes cannot be edited (Lever's FAQ: delete and re-add).
//
// Secret notes (`secret: true`) are for "users with sensitive-info privileges" [M]. Our rule: a secret note
// is visible to credentials with confidential access (the API key's "Allow access to confidential data"
// toggle, the `confidential:access:admin` scope) and to the user who wrote it; to everyone else it does not
// exist (absent from lists, 404 on get/delete/comment). Anyone who may create notes may create a secret one.
import { AppError, Errors } from '@hireloop/platform';
import type { AtsKysely, Row } from '../../db.ts';
import {
  findNote,
  insertNote,
  insertNoteComment,
  listComments,
  touchOpportunityInteraction,
  type NoteRow,
  type SecretAccess,
} from './note.repository.ts';
import { toLeverNote } from './note.wire.ts';
import type { Note } from '@hireloop/lever/wire';

export function secretAccess(caller: { confidential: boolean; userId: string | undefined }): SecretAccess {
  return { all: caller.confidential, userId: caller.userId };
}

export interface CreateNoteInput {
  readonly value: string;
  readonly secret?: boolean;
  readonly score?: number | null;
  readonly createdAt?: Date;
  readonly userId: string | null;
  /** `note_id`: add this as a comment on that note instead of a new note. */
  readonly commentOn?: string;
}

/** Creates a note (or a comment) on a visible opportunity and returns the note as Lever shows it. */
export async function createNote(
  db: AtsKysely,
  opportunity: Row<'ats.opportunity'>,
  input: CreateNoteInput,
  access: SecretAccess,
): Promise<Note> {
  const createdAt = input.createdAt ?? new Date();
  let note: NoteRow | undefined;
  if (input.commentOn) {
    note = await findNote(db, opportunity.id, input.commentOn, access);
    if (!note)
      throw new AppError(Errors.NotFound, 'That note doesn’t exist on this opportunity', {
        details: { field: 'note_id' },
      });
    await insertNoteComment(db, {
      note_id: note.id,
      user_id: input.userId,
      value: input.value,
      score: input.score ?? null,
      stage_id: opportunity.stage_id,
      created_at: createdAt,
    });
  } else {
    note = await insertNote(db, {
      opportunity_id: opportunity.id,
      user_id: input.userId,
      value: input.value,
      secret: input.secret ?? false,
      score: input.score ?? null,
      stage_id: opportunity.stage_id,
      created_at: createdAt,
    });
  }
  await touchOpportunityInteraction(db, opportunity.id, new Date());
  return toLeverNote(note, await listComments(db, [note.id]));
}
