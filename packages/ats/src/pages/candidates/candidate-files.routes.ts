// GET /ats/candidates/:id/files/:fileId — a resume, file or offer document of a candidate, downloaded with
// the session (not the /v1 download, which needs an API credential). The candidate must be visible to
// the user (visibility.ts) and the file must belong to them; anything else is the same 404.
import type { preHandlerAsyncHookHandler } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import { isUuid } from '../../api/query.ts';
import { findVisibleOpportunity } from '../../domain/opportunities/visibility.ts';
import { findFileById, readFileBytes } from '../../domain/files/file.repository.ts';
import { sendDownload } from '../../api/routes/records/records-common.ts';
import { userVisibility } from '../ats-shell.ts';
import { isOfferDocument } from './candidate-profile.repository.ts';

const Params = Type.Object({ id: Type.String({ maxLength: 64 }), fileId: Type.String({ maxLength: 64 }) });

export function registerCandidateFileRoute(
  app: Http,
  ctx: AtsContext,
  gate: preHandlerAsyncHookHandler,
): void {
  const { db } = ctx;
  const notFound = () =>
    new AppError(Errors.NotFound, 'That file does not exist, or is not one you can see.');
  app.get(
    '/ats/candidates/:id/files/:fileId',
    { preHandler: gate, schema: { params: Params } },
    async (request, reply) => {
      const vis = userVisibility(request);
      const { id, fileId } = request.params;
      const opportunity = await findVisibleOpportunity(db, vis, id.toLowerCase());
      const file =
        opportunity && isUuid(fileId)
          ? await findFileById(db, vis.accountId, fileId.toLowerCase())
          : undefined;
      if (!opportunity || !file) throw notFound();
      let belongs =
        file.opportunity_id === opportunity.id && (file.kind === 'resume' || file.kind === 'file');
      if (!belongs && file.kind === 'offer') {
        belongs = await isOfferDocument(db, opportunity.id, file.id);
      }
      const bytes = belongs ? await readFileBytes(db, file.id) : undefined;
      if (!bytes) throw notFound();
      return sendDownload(reply, file, bytes);
    },
  );
}
