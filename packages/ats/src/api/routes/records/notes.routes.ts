// Notes (reference §2.7): POST (JSON or form-encoded — Lever's Ruby client posts `value=` forms), list,
// get, delete. `note_id` adds the note as a comment on an existing note. Secret notes: note.service.ts.
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { ListEnvelope, Note, SingleEnvelope } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import { deleteNote, findNote, listComments, listNotes } from '../../../domain/notes/note.repository.ts';
import { createNote, secretAccess } from '../../../domain/notes/note.service.ts';
import { toLeverNote } from '../../../domain/notes/note.wire.ts';
import { page } from '../../pagination.ts';
import { Limit, Offset, Text, parseLimit } from '../../query.ts';
import {
  OpportunityParams,
  acceptOnly,
  createdKey,
  keysetAfter,
  notFound,
  performAs,
  principalOf,
  recordId,
  visibleOpportunityOr404,
} from './records-common.ts';

/** Latest representable JS date, so any accepted `createdAt` round-trips. */
const MAX_MS = 8_640_000_000_000_000;

// `score` and `createdAt` are parsed here rather than by Ajv: with coerceTypes, a `null | integer` union
// turns 0 or false into null. Form bodies send them as strings, JSON as numbers (or null).
const NoteBody = Type.Object({
  value: Type.String({ minLength: 1 }),
  secret: Type.Optional(Type.Boolean()),
  score: Type.Optional(Type.Unknown({ description: '1 strong no, 2 no, 3 yes, 4 strong yes; or null' })),
  notifyFollowers: Type.Optional(Type.Boolean()),
  createdAt: Type.Optional(
    Type.Unknown({ description: 'Milliseconds since the epoch (historical imports)' }),
  ),
});

function invalidField(field: string, message: string): AppError {
  return new AppError(Errors.Validation, `Invalid request: ${field} ${message}`, {
    details: { fields: [{ field, in: 'body', message }] },
  });
}

/** An integer from a JSON number or a form string; null when absent or empty. */
function integerField(field: string, value: unknown, min: number, max: number): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    throw invalidField(field, `must be an integer from ${min} to ${max}`);
  return n;
}

const NoteParams = Type.Object({ id: Type.String(), nid: Type.String() });

export function registerNoteRoutes(app: Http, ctx: AtsContext): void {
  const { db } = ctx;

  app.post(
    '/opportunities/:id/notes',
    {
      config: { permission: 'notes:create' },
      preParsing: acceptOnly(['application/json', 'application/x-www-form-urlencoded']),
      schema: {
        params: OpportunityParams,
        querystring: Type.Object({ perform_as: Text, note_id: Text }),
        body: NoteBody,
        response: { 201: SingleEnvelope(Note) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      if (body.value.trim() === '') throw invalidField('value', 'must not be blank');
      const score = integerField('score', body.score, 1, 4);
      const createdAt = integerField('createdAt', body.createdAt, 0, MAX_MS);
      const note = await db.transaction().execute(async (trx) => {
        const opportunity = await visibleOpportunityOr404(trx, principal, request.params.id);
        const userId = await performAs(trx, principal, request.query.perform_as);
        const commentOn = request.query.note_id ? recordId(request.query.note_id, 'note') : undefined;
        return createNote(
          trx,
          opportunity,
          {
            value: body.value,
            secret: body.secret,
            score,
            createdAt: createdAt === null ? undefined : new Date(createdAt),
            userId,
            commentOn,
          },
          secretAccess(principal),
        );
      });
      return reply.code(201).send({ data: { ...note, noteId: note.id } });
    },
  );

  app.get(
    '/opportunities/:id/notes',
    {
      config: { permission: 'notes:list' },
      schema: {
        params: OpportunityParams,
        querystring: Type.Object({ limit: Limit, offset: Offset }),
        response: { 200: ListEnvelope(Note) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const limit = parseLimit(request.query.limit);
      const after = keysetAfter('notes', request.query.offset);
      const opportunity = await visibleOpportunityOr404(db, principal, request.params.id);
      const rows = await listNotes(db, {
        opportunityId: opportunity.id,
        secret: secretAccess(principal),
        after,
        limit,
      });
      const comments = await listComments(
        db,
        rows.slice(0, limit).map((n) => n.id),
      );
      return page(rows, limit, 'notes', createdKey, (n) => toLeverNote(n, comments));
    },
  );

  app.get(
    '/opportunities/:id/notes/:nid',
    {
      config: { permission: 'notes:read' },
      schema: { params: NoteParams, response: { 200: SingleEnvelope(Note) } },
    },
    async (request) => {
      const principal = principalOf(request);
      const opportunity = await visibleOpportunityOr404(db, principal, request.params.id);
      const note = await findNote(
        db,
        opportunity.id,
        recordId(request.params.nid, 'note'),
        secretAccess(principal),
      );
      if (!note) throw notFound('note');
      return { data: toLeverNote(note, await listComments(db, [note.id])) };
    },
  );

  app.delete(
    '/opportunities/:id/notes/:nid',
    { config: { permission: 'notes:delete' }, schema: { params: NoteParams } },
    async (request, reply) => {
      const principal = principalOf(request);
      await db.transaction().execute(async (trx) => {
        const opportunity = await visibleOpportunityOr404(trx, principal, request.params.id);
        const note = await findNote(
          trx,
          opportunity.id,
          recordId(request.params.nid, 'note'),
          secretAccess(principal),
        );
        if (!note || !(await deleteNote(trx, opportunity.id, note.id, new Date()))) throw notFound('note');
      });
      return reply.code(204).send();
    },
  );
}
