// Notes on an opportunity (reference §2.7). Notes cannot be updated: delete and re-add (FAQ).
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';

export const NoteField = Type.Object({
  createdAt: Timestamp,
  score: Nullable(Type.Integer({ minimum: 1, maximum: 4 })),
  stage: Nullable(Id),
  text: Type.String(),
  type: Type.String(),
  user: Nullable(Id),
  value: Type.String(),
});

export const Note = Type.Object({
  id: Id,
  text: Type.String(),
  fields: Type.Array(NoteField),
  /** `null` when created without `perform_as` (§1.6). */
  user: Nullable(Id),
  secret: Type.Boolean(),
  completedAt: Nullable(Timestamp),
  deletedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  /** Only in the create response (§2.7). */
  noteId: Type.Optional(Id),
});
export type Note = Static<typeof Note>;

/**
 * Body of `POST /opportunities/:id/notes?perform_as=…[&note_id=…]` — JSON or form-encoded.
 * Score: 1 strong no, 2 no, 3 yes, 4 strong yes.
 */
export const NoteCreate = Type.Object({
  value: Type.String({ minLength: 1 }),
  secret: Type.Optional(Type.Boolean()),
  score: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  notifyFollowers: Type.Optional(Type.Boolean()),
  createdAt: Type.Optional(Timestamp),
});
export type NoteCreate = Static<typeof NoteCreate>;
