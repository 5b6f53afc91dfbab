// Postings pages (issue 6), signed in:
//   GET  /ats/postings               list: filters state/team/location/tag, keyset pages of 25
//   GET  /ats/postings/new           empty form           POST /ats/postings            create
//   GET  /ats/postings/:id           posting + edit form  POST /ats/postings/:id        update
//   POST /ats/postings/:id/state     publish / unpublish (→ draft) / close
// Reads and writes go through domain/postings (posting.service.ts), as the /v1 API does, so validation
// and stored shapes are the same; the signed-in user is `perform_as`. Who may: Super Admins, Admins and
// Team Members (Limited Team Members and Interviewers get a 403 page that says so).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import type { AtsKysely } from '../../db.ts';
import { decodeOffset, encodeOffset } from '../../api/pagination.ts';
import { isUuid } from '../../api/query.ts';
import { listDepartments, listLocations, listTeams } from '../../domain/company/company.repository.ts';
import {
  listPostings,
  type PostingCursor,
  type PostingRow,
} from '../../domain/postings/posting.repository.ts';
import {
  createPosting,
  findVisiblePosting,
  updatePostingById,
} from '../../domain/postings/posting.service.ts';
import { postingUrls } from '../../domain/postings/posting.wire.ts';
import { requireRole } from '../page-guards.ts';
import { sendAtsPage, setFlash, userVisibility } from '../ats-shell.ts';
import {
  postingFormValues,
  readPostingForm,
  toPostingInput,
  validatePostingForm,
  type PostingFormErrors,
  type PostingFormValues,
  type Structure,
} from './posting-form.ts';
import { postingFormPage } from './posting-form.page.ts';
import { POSTINGS_PATH, postingsListPage } from './postings-list.page.ts';

export const POSTING_EDITOR_ROLES: readonly string[] = Object.freeze(['super admin', 'admin', 'team member']);
const PAGE_SIZE = 25;
const SORT = 'ats-postings-page';

const Str = Type.Optional(Type.String({ maxLength: 500 }));
const ListQuery = Type.Object({ state: Str, team: Str, location: Str, tag: Str, offset: Str });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const StateBody = Type.Object({ state: Type.Optional(Type.String()), _csrf: Type.Optional(Type.String()) });

const blank = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

async function loadStructure(db: AtsKysely, accountId: string): Promise<Structure> {
  const [departments, teams, locations] = await Promise.all([
    listDepartments(db, accountId),
    listTeams(db, accountId),
    listLocations(db, accountId),
  ]);
  return { departments, teams, locations };
}

function cursor(token: string | undefined): PostingCursor | undefined {
  if (!token) return undefined;
  const [at, id] = decodeOffset(token, SORT, ['number', 'string']) as [number, string];
  if (!isUuid(id)) throw new AppError(Errors.InvalidOffsetToken);
  return [at, id];
}

/** Service validation errors name a field (details.fields); show them on the form, else as a banner. */
function formErrorsFrom(e: AppError): PostingFormErrors {
  const fields = (e.details?.fields as { field?: string }[] | undefined) ?? [];
  const map: Record<string, keyof PostingFormValues> = {
    text: 'title',
    workplaceType: 'workplaceType',
    tags: 'tags',
  };
  const key = fields[0]?.field ? map[fields[0].field] : undefined;
  return { [key ?? 'title']: e.message };
}

export async function registerPostingPages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const gate = requireRole(
    POSTING_EDITOR_ROLES,
    'Postings are managed by Super Admins, Admins and Team Members.',
  );

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: PostingFormValues; errors?: PostingFormErrors; posting?: PostingRow },
    status = 200,
  ): Promise<FastifyReply> => {
    const signedIn = request.atsUser!;
    const structure = await loadStructure(db, signedIn.account.id);
    const row = state.posting;
    const urls = row ? postingUrls(ctx.publicUrl, signedIn.account.site, row.id) : undefined;
    const isPublic =
      row?.state === 'published' && (row.distribution_channels ?? ['public']).includes('public');
    return sendAtsPage(
      request,
      reply,
      {
        title: row ? row.text : 'New posting',
        section: 'postings',
        body: (csrfToken) =>
          postingFormPage({
            csrfToken,
            structure,
            values: state.values ?? postingFormValues(row),
            errors: state.errors ?? {},
            posting: row,
            jobUrl: isPublic && row.confidentiality !== 'confidential' ? urls?.show : undefined,
          }),
      },
      status,
    );
  };

  const findOr404 = async (request: FastifyRequest, id: string): Promise<PostingRow> => {
    const row = await findVisiblePosting(db, userVisibility(request), id);
    if (!row)
      throw new AppError(
        Errors.NotFound,
        'That posting does not exist on your account, or you cannot see it.',
      );
    return row;
  };

  app.get(POSTINGS_PATH, { preHandler: gate, schema: { querystring: ListQuery } }, async (request, reply) => {
    const vis = userVisibility(request);
    const q = request.query;
    const filters = {
      state: blank(q.state),
      team: blank(q.team),
      location: blank(q.location),
      tag: blank(q.tag),
    };
    const [rows, structure] = await Promise.all([
      listPostings(
        db,
        vis.accountId,
        {
          states: filters.state ? [filters.state] : undefined,
          team: filters.team ? [filters.team] : undefined,
          location: filters.location ? [filters.location] : undefined,
          tag: filters.tag ? [filters.tag] : undefined,
          confidentiality: vis.confidential ? 'all' : 'non-confidential',
        },
        PAGE_SIZE,
        cursor(q.offset),
      ),
      loadStructure(db, vis.accountId),
    ]);
    const hasNext = rows.length > PAGE_SIZE;
    const visible = rows.slice(0, PAGE_SIZE);
    const last = visible[visible.length - 1];
    return sendAtsPage(request, reply, {
      title: 'Postings',
      section: 'postings',
      body: postingsListPage({
        rows: visible,
        filters,
        teams: [...new Set(structure.teams.map((t) => t.name))].sort(),
        locations: structure.locations.map((l) => l.name),
        nextToken: hasNext && last ? encodeOffset(SORT, [last.created_at.getTime(), last.id]) : undefined,
        paged: Boolean(q.offset),
        canEdit: true,
      }),
    });
  });

  app.get(`${POSTINGS_PATH}/new`, { preHandler: gate }, (request, reply) => renderForm(request, reply, {}));

  app.post(POSTINGS_PATH, { preHandler: gate }, async (request, reply) => {
    const signedIn = request.atsUser!;
    const structure = await loadStructure(db, signedIn.account.id);
    const values = readPostingForm((request.body ?? {}) as Record<string, unknown>);
    const errors = validatePostingForm(values, structure);
    if (Object.keys(errors).length) return renderForm(request, reply, { values, errors }, 400);
    try {
      const row = await db
        .transaction()
        .execute((trx) =>
          createPosting(
            trx,
            ctx.events,
            userVisibility(request),
            signedIn.user.id,
            toPostingInput(values, structure),
          ),
        );
      setFlash(request, 'success', `Created “${row.text}” (${row.state}).`);
      return reply.redirect(`${POSTINGS_PATH}/${row.id}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.statusCode >= 500) throw e;
      return renderForm(request, reply, { values, errors: formErrorsFrom(e) }, e.statusCode);
    }
  });

  app.get(
    `${POSTINGS_PATH}/:id`,
    { preHandler: gate, schema: { params: IdParams } },
    async (request, reply) =>
      renderForm(request, reply, { posting: await findOr404(request, request.params.id) }),
  );

  app.post(
    `${POSTINGS_PATH}/:id`,
    { preHandler: gate, schema: { params: IdParams } },
    async (request, reply) => {
      const signedIn = request.atsUser!;
      const stored = await findOr404(request, request.params.id);
      const structure = await loadStructure(db, signedIn.account.id);
      const values = readPostingForm((request.body ?? {}) as Record<string, unknown>);
      const errors = validatePostingForm(values, structure);
      if (Object.keys(errors).length)
        return renderForm(request, reply, { values, errors, posting: stored }, 400);
      try {
        const row = await db
          .transaction()
          .execute((trx) =>
            updatePostingById(
              trx,
              ctx.events,
              userVisibility(request),
              stored.id,
              toPostingInput(values, structure, stored),
            ),
          );
        if (!row) throw new AppError(Errors.NotFound, 'That posting was deleted meanwhile.');
        setFlash(request, 'success', `Saved “${row.text}”.`);
        return reply.redirect(`${POSTINGS_PATH}/${row.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.statusCode >= 500) throw e;
        return renderForm(
          request,
          reply,
          { values, errors: formErrorsFrom(e), posting: stored },
          e.statusCode,
        );
      }
    },
  );

  app.post(
    `${POSTINGS_PATH}/:id/state`,
    { preHandler: gate, schema: { params: IdParams, body: StateBody } },
    async (request, reply) => {
      const target = request.body.state;
      if (target !== 'published' && target !== 'draft' && target !== 'closed')
        throw new AppError(Errors.Validation, 'state must be published, draft or closed');
      const stored = await findOr404(request, request.params.id);
      const row = await db
        .transaction()
        .execute((trx) =>
          updatePostingById(trx, ctx.events, userVisibility(request), stored.id, { state: target }),
        );
      if (!row) throw new AppError(Errors.NotFound, 'That posting was deleted meanwhile.');
      const said = { published: 'Published', draft: 'Unpublished', closed: 'Closed' }[target];
      setFlash(request, 'success', `${said} “${row.text}”.`);
      return reply.redirect(`${POSTINGS_PATH}/${row.id}`, 303);
    },
  );
}
