// POST /jobs/:site/:id/apply — the application form's target, in its own scope so the multipart parser
// (and its limits) apply to this route only. Fields and the `resume` file are collected into a flat body
// before the pages scope's CSRF check reads `_csrf` from it. Nothing typed is ever lost: validation
// problems, an expired anonymous session (CSRF) and a too-large file all re-render the form with the
// values and say what to do; only the file must be chosen again. Too many posts from one address → 429.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import { applyToPosting } from '../../domain/postings/apply.service.ts';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';
import type { AccountRow } from '../../domain/accounts/account.service.ts';
import {
  MAX_RESUME_BYTES,
  readApplyForm,
  toApplicant,
  uploadedFile,
  validateApplyForm,
  type ApplyFormErrors,
  type ApplyFormValues,
} from './apply-input.ts';
import { applyFormPage } from './apply-form.page.ts';
import { jobHref } from './job.page.ts';
import { findJobSite, openJobOrClosedPage, sendJobSitePage } from './job-site.routes.ts';

const JobParams = Type.Object({ site: Type.String({ maxLength: 63 }), id: Type.String({ maxLength: 64 }) });

/** Applications per client address and site; generous for shared offices, tight for scripts. */
export const APPLY_RATE = Object.freeze({ max: 20, timeWindowMs: 10 * 60_000 });

interface FormState {
  readonly values: ApplyFormValues;
  readonly errors: ApplyFormErrors;
  readonly hadResume: boolean;
  readonly notice?: string;
}

async function renderForm(
  reply: FastifyReply,
  account: AccountRow,
  posting: PostingRow,
  state: FormState,
  status: number,
): Promise<FastifyReply> {
  const csrfToken = await reply.generateCsrf();
  void reply.header('cache-control', 'no-store');
  const body = applyFormPage({ site: account.site, companyName: account.name, posting, csrfToken, ...state });
  return sendJobSitePage(reply, account, { title: `Apply for ${posting.text}`, noindex: true, body }, status);
}

const bodyOf = (request: FastifyRequest): Record<string, unknown> =>
  typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};

export async function registerApplyRoute(app: Http, ctx: AtsContext): Promise<void> {
  const scope = app as unknown as FastifyInstance;
  await scope.register(import('@fastify/multipart'), {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_RESUME_BYTES, files: 1, fields: 30, fieldSize: 20_000, parts: 40 },
    // Read the file here (keyValues mode keeps `value`), noting truncation instead of failing the request.
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      (part as unknown as { value: unknown }).value = {
        filename: part.filename,
        mimetype: part.mimetype,
        bytes: Buffer.concat(chunks),
        truncated: part.file.truncated,
      };
    },
  });

  // A failed CSRF check (usually: the anonymous session expired, or cookies are blocked) keeps the input.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error.code !== 'FST_CSRF_INVALID_TOKEN' && error.code !== 'FST_CSRF_MISSING_SECRET') throw error;
    const { site, id } = request.params as { site: string; id: string };
    const account = await findJobSite(ctx, site);
    const posting = await openJobOrClosedPage(ctx, account, id, reply);
    if (!posting) return reply;
    const body = bodyOf(request);
    const state: FormState = {
      values: readApplyForm(body),
      errors: {},
      hadResume: uploadedFile(body.resume) !== undefined,
      notice: 'The form had expired, so nothing was sent yet. Check your details and submit again.',
    };
    return renderForm(reply, account, posting, state, 403);
  });

  const rateLimit = app.rateLimit({
    max: APPLY_RATE.max,
    timeWindow: APPLY_RATE.timeWindowMs,
    keyGenerator: (request: FastifyRequest) =>
      `job-apply:${request.ip}:${(request.params as { site?: string }).site ?? ''}`,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        Errors.TooManyRequests,
        `Too many applications from your network. Wait ${Math.ceil(context.ttl / 60_000)} minutes and try again.`,
      ),
  });

  app.post(
    '/jobs/:site/:id/apply',
    { schema: { params: JobParams }, onRequest: rateLimit },
    async (request, reply) => {
      const account = await findJobSite(ctx, request.params.site);
      const posting = await openJobOrClosedPage(ctx, account, request.params.id, reply);
      if (!posting) return reply;
      const body = bodyOf(request);
      const resume = uploadedFile(body.resume);
      const values = readApplyForm(body);
      const errors = validateApplyForm(values, resume);
      if (Object.keys(errors).length) {
        return renderForm(reply, account, posting, { values, errors, hadResume: resume !== undefined }, 400);
      }
      await ctx.db.transaction().execute((trx) =>
        applyToPosting(trx, ctx.events, posting, {
          ...toApplicant(values, resume),
          ipAddress: request.ip,
          userAgent: request.headers['user-agent'],
          referer: request.headers.referer,
        }),
      );
      return reply.redirect(`${jobHref(account.site, posting.id)}/thanks`, 303);
    },
  );
}
