// The candidate profile (issue 6). Signed in as Super Admin, Admin, Team Member or Limited Team Member:
//   GET  /ats/candidates/:id                    the profile (404 page when not visible to the user)
//   POST /ats/candidates/:id/stage              stage change      → domain changeStage (candidateStageChange)
//   POST /ats/candidates/:id/archive            archive / re-reason (Hired marks the hire; candidateHired)
//   POST /ats/candidates/:id/unarchive          unarchive         → domain changeArchived(reason null)
//   POST /ats/candidates/:id/labels             add/remove a tag or source → domain changeLabels
//   POST /ats/candidates/:id/notes              add a note        → domain createNote
//   GET  /ats/candidates/:id/files/:fileId      download a resume, file or offer document
// Every write runs the same domain function as the /v1 API in a transaction opened here, acting as the
// signed-in user, so events and webhooks are exactly what the API would produce. Success → 303 to the
// profile with a flash; a refused change → the profile again (400) with the message by the field and the
// typed value kept. CSRF is checked for every POST by the pages scope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { path } from '@hireloop/platform/html';
import type { AtsContext } from '../../context.ts';
import {
  changeArchived,
  changeLabels,
  changeStage,
} from '../../domain/opportunities/opportunity-change.service.ts';
import { findVisibleOpportunity } from '../../domain/opportunities/visibility.ts';
import { findArchiveReasonById } from '../../domain/archive-reasons/archive-reason.repository.ts';
import { createNote, secretAccess } from '../../domain/notes/note.service.ts';
import { requireRole } from '../page-guards.ts';
import { sendAtsPage, setFlash, userVisibility } from '../ats-shell.ts';
import { PIPELINE_ROLES } from '../pipeline/pipeline.routes.ts';
import { loadCandidateProfile } from './candidate-profile.repository.ts';
import { candidatePage } from './candidate.page.ts';
import type { ProfileErrors, ProfileValues } from './candidate-forms.ts';
import { registerCandidateFileRoute } from './candidate-files.routes.ts';

const MAX_LABEL = 255;
const MAX_NOTE = 20_000;
const Str = Type.Optional(Type.String({ maxLength: 50_000 }));
const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Form = Type.Object({ stage: Str, reason: Str, field: Str, op: Str, value: Str, _csrf: Str });
type FormBody = { stage?: string; reason?: string; field?: string; op?: string; value?: string };

export const candidateNotFound = (): AppError =>
  new AppError(
    Errors.NotFound,
    'That candidate does not exist, or is not one you can see. Limited Team Members see the candidates of their postings only.',
  );

export const profilePath = (id: string): string => path`/ats/candidates/${id}`;

export async function registerCandidatePages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const gate = requireRole(
    PIPELINE_ROLES,
    'Candidate profiles are for Super Admins, Admins, Team Members and Limited Team Members; interviewers see only the candidates they interview.',
  );

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { values?: ProfileValues; errors?: ProfileErrors; message?: string } = {},
    status = 200,
  ): Promise<FastifyReply> => {
    const signedIn = request.atsUser!;
    const profile = await loadCandidateProfile(db, userVisibility(request), signedIn.user.id, id);
    if (!profile) throw candidateNotFound();
    return sendAtsPage(
      request,
      reply,
      {
        title: profile.opportunity.contact_name || 'Candidate',
        section: 'pipeline',
        flash: state.message ? { tone: 'error', message: state.message } : undefined,
        body: (csrfToken) =>
          candidatePage({ profile, csrfToken, values: state.values ?? {}, errors: state.errors ?? {} }),
      },
      status,
    );
  };

  app.get('/ats/candidates/:id', { preHandler: gate, schema: { params: Params } }, async (request, reply) =>
    render(request, reply, request.params.id),
  );

  /** Runs a change; a 400 from the domain re-renders the form with its message on `field`. */
  const act = async (
    request: FastifyRequest<{ Params: { id: string }; Body: FormBody }>,
    reply: FastifyReply,
    field: keyof ProfileErrors,
    values: ProfileValues,
    change: () => Promise<string>,
  ): Promise<FastifyReply> => {
    try {
      const message = await change();
      setFlash(request, 'success', message);
      return reply.redirect(profilePath(request.params.id.toLowerCase()), 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.statusCode !== 400) throw e;
      return render(
        request,
        reply,
        request.params.id,
        { values, errors: { [field]: e.message }, message: e.message },
        400,
      );
    }
  };
  const required = (value: string | undefined, message: string, max: number, tooLong: string): string => {
    const v = value?.trim() ?? '';
    if (!v) throw new AppError(Errors.Validation, message);
    if (v.length > max) throw new AppError(Errors.Validation, tooLong);
    return v;
  };
  const route = { preHandler: gate, schema: { params: Params, body: Form } };

  app.post('/ats/candidates/:id/stage', route, async (request, reply) =>
    act(request, reply, 'stage', { stage: request.body.stage }, async () => {
      const stageId = required(request.body.stage, 'Choose a stage.', 200, 'Choose a stage from the list.');
      const vis = userVisibility(request);
      await db
        .transaction()
        .execute((trx) =>
          changeStage(
            trx,
            ctx.events,
            vis,
            request.params.id.toLowerCase(),
            stageId,
            request.atsUser!.user.id,
          ),
        );
      return 'Stage changed.';
    }),
  );

  app.post('/ats/candidates/:id/archive', route, async (request, reply) =>
    act(request, reply, 'reason', { reason: request.body.reason }, async () => {
      const reason = required(
        request.body.reason,
        'Choose an archive reason.',
        200,
        'Choose a reason from the list.',
      );
      const vis = userVisibility(request);
      const updated = await db
        .transaction()
        .execute((trx) => changeArchived(trx, ctx.events, vis, request.params.id.toLowerCase(), { reason }));
      const text = await findArchiveReasonById(db, vis.accountId, updated.archive_reason_id ?? reason);
      return text?.type === 'hired' ? 'Archived as hired.' : `Archived: ${text?.text ?? 'done'}.`;
    }),
  );

  app.post('/ats/candidates/:id/unarchive', route, async (request, reply) =>
    act(request, reply, 'reason', {}, async () => {
      const vis = userVisibility(request);
      await db
        .transaction()
        .execute((trx) =>
          changeArchived(trx, ctx.events, vis, request.params.id.toLowerCase(), { reason: null }),
        );
      return 'Unarchived: the candidate is active again.';
    }),
  );

  app.post('/ats/candidates/:id/labels', route, async (request, reply) => {
    const { field, op, value } = request.body;
    if ((field !== 'tags' && field !== 'sources') || (op !== 'add' && op !== 'remove')) {
      throw new AppError(
        Errors.Validation,
        'That form is not one this page sends. Reload the page and try again.',
      );
    }
    const noun = field === 'tags' ? 'tag' : 'source';
    return act(request, reply, field, op === 'add' ? { [field]: value } : {}, async () => {
      const v = required(
        value,
        `Type a ${noun} to add.`,
        MAX_LABEL,
        `A ${noun} can be at most ${MAX_LABEL} characters.`,
      );
      const vis = userVisibility(request);
      await db
        .transaction()
        .execute((trx) => changeLabels(trx, vis, request.params.id.toLowerCase(), field, op, [v]));
      return op === 'add' ? `Added the ${noun} “${v}”.` : `Removed the ${noun} “${v}”.`;
    });
  });

  app.post('/ats/candidates/:id/notes', route, async (request, reply) =>
    act(request, reply, 'note', { note: request.body.value }, async () => {
      const value = required(
        request.body.value,
        'Write the note before adding it.',
        MAX_NOTE,
        `A note can be at most ${MAX_NOTE} characters.`,
      );
      const vis = userVisibility(request);
      const userId = request.atsUser!.user.id;
      await db.transaction().execute(async (trx) => {
        const opportunity = await findVisibleOpportunity(trx, vis, request.params.id.toLowerCase());
        if (!opportunity) throw candidateNotFound();
        await createNote(
          trx,
          opportunity,
          { value, userId },
          secretAccess({ confidential: vis.confidential, userId }),
        );
      });
      return 'Note added.';
    }),
  );

  registerCandidateFileRoute(app, ctx, gate);
}
