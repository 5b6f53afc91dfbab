// POST /v0/postings/:site/:id?key=APIKEY — the public apply endpoint (reference §6.3). Checks run cheapest
// and least revealing first: site and posting (404), the key (401, or 403 without "Apply to a posting"),
// the site's 2 req/s budget (429), then the body. JSON, form-urlencoded and multipart (with a `resume` file,
// at most 30 MB → 413) are accepted; any other type is 415. Success: 200 `{ok: true, applicationId}`.
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import { findApiKeyBySecret } from '../../domain/api-keys/api-key.service.ts';
import { detectFileType, describeType } from '../../domain/files/file-type.ts';
import { applyToPosting, type Applicant } from '../../domain/postings/apply.service.ts';
import { findPublicPosting } from '../../domain/postings/posting.repository.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { isUuid } from '../query.ts';
import { parseV0Application } from './apply-v0.input.ts';
import { findSite } from './postings-v0.routes.ts';

export const MAX_RESUME_BYTES = 30 * 1024 * 1024;

const Params = Type.Object({ site: Type.String(), id: Type.String() });
const Query = Type.Object({ key: Type.Optional(Type.String()) });

type Resume = NonNullable<Applicant['resume']>;

/** Reads multipart fields (last value wins) and the `resume` file; other file parts are drained. */
async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; resume?: Resume }> {
  try {
    return await readParts(request);
  } catch (e) {
    // Drain what the client is still sending, so the refused request does not hold the connection open.
    request.raw.resume();
    throw e;
  }
}

async function readParts(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; resume?: Resume }> {
  const fields: Record<string, unknown> = {};
  let resume: Resume | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = part.value;
      continue;
    }
    const file = part as MultipartFile;
    const bytes = await file.toBuffer();
    // A browser form with no file chosen sends an empty, nameless part.
    if (file.fieldname !== 'resume' || (bytes.length === 0 && !file.filename)) continue;
    const type = detectFileType(file.filename, bytes);
    if (!type) {
      throw new AppError(
        Errors.UnsupportedMediaType,
        `The resume must be a PDF, Word, OpenDocument, RTF, text or image file, not ${describeType(file.filename, file.mimetype)}`,
      );
    }
    resume = { name: file.filename || `resume.${type.ext}`, bytes, type };
  }
  return { fields, resume };
}

export function registerApplyV0Routes(app: Http, ctx: AtsContext, limiter: RateLimiter): void {
  const { db } = ctx;
  app.post('/postings/:site/:id', { schema: { params: Params, querystring: Query } }, async (request) => {
    const account = await findSite(ctx, request.params.site);
    const id = request.params.id.toLowerCase();
    const posting = isUuid(id) ? await findPublicPosting(db, account.id, id) : undefined;
    if (!posting) throw new AppError(Errors.NotFound, 'Document not found');

    const secret = request.query.key;
    if (!secret) throw new AppError(Errors.Unauthorized, 'An API key is required (?key=…)');
    const key = await findApiKeyBySecret(db, secret);
    // Another account's key is as good as no key: saying otherwise would confirm it exists elsewhere.
    if (!key || key.account_id !== account.id)
      throw new AppError(Errors.Unauthorized, 'The API key is not valid for this site');
    if (!key.permissions.includes('posting_applications:create')) {
      throw new AppError(
        Errors.MissingPermission,
        'This API key lacks the permission posting_applications:create (Apply to a posting)',
      );
    }

    const decision = await limiter.take(`v0-apply:${account.id}`);
    if (!decision.allowed) {
      throw new AppError(
        Errors.TooManyRequests,
        'Too many applications to this site; at most 2 per second, retry later',
        {
          headers: { 'retry-after': String(decision.retryAfterSeconds) },
        },
      );
    }

    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    let raw: unknown;
    let resume: Resume | undefined;
    if (type === 'multipart/form-data') ({ fields: raw, resume } = await readMultipart(request));
    else if (type === 'application/json' || type === 'application/x-www-form-urlencoded') raw = request.body;
    else
      throw new AppError(
        Errors.UnsupportedMediaType,
        'Send application/json, application/x-www-form-urlencoded or multipart/form-data',
      );
    const input = parseV0Application(raw);

    const result = await db.transaction().execute((trx) =>
      applyToPosting(trx, ctx.events, posting, {
        name: input.name,
        email: input.email,
        phone: input.phone,
        company: input.org,
        links: input.urls,
        comments: input.comments,
        source: input.source,
        ipAddress: input.ip ?? request.ip,
        userAgent: request.headers['user-agent'],
        referer: request.headers.referer,
        consent: input.consent,
        opportunityLocation: input.opportunityLocation,
        resume,
      }),
    );
    return { ok: true, applicationId: result.applicationId };
  });
}
