// POST /opportunities (reference §2.3) as JSON, urlencoded or multipart (`resumeFile` + bracketed arrays).
// Multipart is registered in this encapsulated scope only, with Lever's 30 MB file limit (→ 413); other
// content types are 415. Form bodies are normalized in preValidation, so one schema validates them all.
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { Http } from '@hireloop/platform';
import { OpportunityCreate } from '@hireloop/lever/wire';
import type { AtsContext } from '../../../context.ts';
import { Text, parseBool } from '../../query.ts';
import { MAX_FILE_BYTES } from '../../../domain/files/file.service.ts';
import {
  createOpportunity,
  type ResumeUpload,
} from '../../../domain/opportunities/opportunity-create.service.ts';
import { normalizeFormFields, readMultipartCreate } from './opportunity-create-body.ts';
import { jsonSerializer } from '../../json-text.ts';
import { opportunityWriter } from '../../../domain/opportunities/opportunity.wire.ts';
import {
  OpportunitySchema,
  asJsonText,
  principalOf,
  writtenOpportunity,
} from './opportunity-route-support.ts';

const resumes = new WeakMap<object, ResumeUpload>();

export async function registerOpportunityCreateRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const write = opportunityWriter(ctx.publicUrl);
  await app.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 5, fields: 500, fieldSize: 1024 * 1024 },
  });

  app.post(
    '/opportunities',
    {
      config: { permission: 'opportunities:create' },
      serializerCompiler: jsonSerializer,
      schema: {
        tags: ['Opportunities'],
        summary: 'Create an opportunity (JSON, urlencoded or multipart with resumeFile)',
        querystring: Type.Object({ perform_as: Text, parse: Text, perform_as_posting_owner: Text }),
        body: OpportunityCreate,
        response: { 201: asJsonText(Type.Object({ deduped: Type.Boolean(), data: OpportunitySchema })) },
      },
      preValidation: async (request) => {
        if (request.isMultipart()) {
          const { body, resume } = await readMultipartCreate(request);
          request.body = body as typeof request.body;
          if (resume) resumes.set(request, resume);
        } else if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
          request.body = normalizeFormFields(
            (request.body ?? {}) as Record<string, unknown>,
          ) as typeof request.body;
        }
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // `parse=true` asks Lever to fill fields from the resume; we store the resume but do not parse it.
      parseBool('parse', request.query.parse);
      const cmd = {
        body: request.body,
        performAs: request.query.perform_as,
        performAsPostingOwner:
          parseBool('perform_as_posting_owner', request.query.perform_as_posting_owner) === true,
        resume: resumes.get(request),
      };
      const result = await db.transaction().execute(async (trx) => {
        const created = await createOpportunity(trx, ctx.events, principal, cmd);
        return writtenOpportunity(trx, principal.accountId, created.opportunityId, write, {
          deduped: created.deduped,
        });
      });
      return reply.code(201).send(result);
    },
  );
}
