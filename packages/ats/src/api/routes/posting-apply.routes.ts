// /v1/postings/:posting/apply (the form, and applying on a candidate's behalf) and /v1/postings/:posting/users
// (reference §2.2). Applying goes through domain/postings/apply.service.ts, shared with the public v0 API.
import { AppError, Errors, type Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import { findUsersByIds } from '../../domain/users/user.repository.ts';
import { toLeverUser } from '../../domain/users/user.wire.ts';
import { applicationForm, POSTING_ROLES } from '../../domain/postings/apply-form.ts';
import { applyToPosting, isValidEmail } from '../../domain/postings/apply.service.ts';
import { checkPerformAs, findVisiblePosting, invalidField } from '../../domain/postings/posting.service.ts';
import { principalOf } from './postings.routes.ts';
import { ApplyBody, ApplyQuery, PostingParams } from './postings.schemas.ts';

/** Postings that take applications: published, or internal (unlisted) ones (reference §2.2 [M]). */
const APPLYING_STATES = new Set(['published', 'internal']);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** `personalInformation` / `urls` are `[{name, value}]` lists; read them as a map. */
function answers(list: ApplyBody['personalInformation'] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of list ?? []) {
    const v = text(item.value)?.trim();
    if (v) out.set(item.name, v);
  }
  return out;
}

export async function registerPostingApplyRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const notFound = (id: string) =>
    new AppError(Errors.NotFound, `That posting doesn't exist on your account: ${id}`);

  app.get(
    '/postings/:posting/apply',
    { config: { permission: 'posting_forms:read' }, schema: { params: PostingParams } },
    async (request) => {
      const row = await findVisiblePosting(db, principalOf(request), request.params.posting);
      if (!row) throw notFound(request.params.posting);
      return { data: applicationForm(row) };
    },
  );

  app.post(
    '/postings/:posting/apply',
    {
      config: { permission: 'posting_applications:create' },
      schema: { params: PostingParams, querystring: ApplyQuery, body: ApplyBody },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const body = request.body;
      const info = answers(body.personalInformation);
      const name = info.get('fullName');
      const email = info.get('email');
      if (!name) throw invalidField('personalInformation.fullName', 'is required');
      if (!email || !isValidEmail(email))
        throw invalidField('personalInformation.email', 'must be an email address');
      const result = await db.transaction().execute(async (trx) => {
        const userId = await checkPerformAs(trx, p.accountId, request.query.perform_as, false);
        const posting = await findVisiblePosting(trx, p, request.params.posting);
        if (!posting) throw notFound(request.params.posting);
        if (!APPLYING_STATES.has(posting.state)) {
          throw new AppError(
            Errors.BadRequest,
            `This posting does not accept applications (its state is ${posting.state})`,
          );
        }
        return applyToPosting(trx, ctx.events, posting, {
          name,
          email,
          phone: info.get('phone'),
          company: info.get('currentCompany'),
          location: info.get('currentLocation'),
          comments: info.get('additionalInformation'),
          links: [...answers(body.urls).values()],
          source: body.source,
          origin: body.origin,
          ipAddress: body.ipAddress,
          consent: body.consent,
          customQuestions: body.customQuestions,
          userId: userId ?? null,
        });
      });
      return reply.code(201).send({ data: { applicationId: result.applicationId } });
    },
  );

  app.get(
    '/postings/:posting/users',
    { config: { permission: 'postings:read' }, schema: { params: PostingParams } },
    async (request) => {
      const p = principalOf(request);
      const row = await findVisiblePosting(db, p, request.params.posting);
      if (!row) throw notFound(request.params.posting);
      // The users associated with the posting: owner, hiring manager, followers (Lever's recorded list was empty).
      const ids = [
        ...new Set(
          [row.owner_id, row.hiring_manager_id, ...row.followers].filter((id): id is string => !!id),
        ),
      ];
      const users = await findUsersByIds(db, p.accountId, ids);
      const byId = new Map(users.map((u) => [u.id, u]));
      return {
        posting: { id: row.id, text: row.text },
        users: ids.flatMap((id) => {
          const u = byId.get(id);
          return u ? [toLeverUser(u)] : [];
        }),
        roles: POSTING_ROLES,
      };
    },
  );
}
