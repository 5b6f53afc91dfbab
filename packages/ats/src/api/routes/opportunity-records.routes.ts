// Opportunity records of the Lever Data API v1 (reference §2.7–§2.10): notes, files, resumes, uploads,
// referrals and offers. Every route starts from the opportunity through the one visibility rule
// (domain/opportunities/visibility.ts), so other tenants', confidential and — for limited team members —
// unassociated opportunities answer 404 like ids that do not exist. Routes live in records/*.ts.
import type { Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import { registerFileRoutes } from './records/files.routes.ts';
import { registerNoteRoutes } from './records/notes.routes.ts';
import { registerOfferRoutes, registerReferralRoutes } from './records/referrals-offers.routes.ts';
import { registerUploadRoutes, type UploadLimits } from './records/uploads.routes.ts';

export async function registerOpportunityRecordRoutes(
  app: Http,
  ctx: AtsContext,
  limits: UploadLimits = {},
): Promise<void> {
  registerNoteRoutes(app, ctx);
  registerFileRoutes(app, ctx);
  registerReferralRoutes(app, ctx);
  registerOfferRoutes(app, ctx);
  await registerUploadRoutes(app, ctx, limits);
}
