// Notes → Lever wire (reference §2.7): the note's own text is the first entry of `fields[]`, each comment
// (`note_id`) one more. `stage` is the opportunity's stage when the entry was written. `noteId` is added
// by the create route only — Lever sends it on create and nowhere else.
import type { Note } from '@hireloop/lever/wire';
import type { NoteCommentRow, NoteRow } from './note.repository.ts';

type NoteField = Note['fields'][number];

const field = (row: NoteRow | NoteCommentRow): NoteField => ({
  createdAt: row.created_at.getTime(),
  score: row.score,
  stage: row.stage_id,
  text: 'Comment',
  type: 'note',
  user: row.user_id,
  value: row.value,
});

export function toLeverNote(note: NoteRow, comments: readonly NoteCommentRow[]): Note {
  const created = note.created_at.getTime();
  return {
    id: note.id,
    text: 'Note',
    fields: [field(note), ...comments.filter((c) => c.note_id === note.id).map(field)],
    user: note.user_id,
    secret: note.secret,
    completedAt: created,
    deletedAt: note.deleted_at?.getTime() ?? null,
    createdAt: created,
  };
}
