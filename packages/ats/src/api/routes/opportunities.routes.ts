// The opportunities area of /v1 (reference §2.3–§2.5): reads, create (JSON/urlencoded/multipart), changes,
// contacts and applications — in one encapsulated scope, so multipart and the refusal of text/plain
// bodies (415) stay local to these routes.
import type { Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';
import { registerOpportunityReadRoutes } from './opportunities/opportunity-read.routes.ts';
import { registerOpportunityCreateRoutes } from './opportunities/opportunity-create.routes.ts';
import { registerOpportunityChangeRoutes } from './opportunities/opportunity-change.routes.ts';
import { registerContactRoutes } from './opportunities/contact.routes.ts';
import { registerApplicationRoutes } from './opportunities/application.routes.ts';

export async function registerOpportunityRoutes(app: Http, ctx: AtsContext): Promise<void> {
  await app.register(async (instance) => {
    const scope = instance as unknown as Http;
    scope.removeContentTypeParser('text/plain');
    await registerOpportunityCreateRoutes(scope, ctx);
    await registerOpportunityReadRoutes(scope, ctx);
    await registerOpportunityChangeRoutes(scope, ctx);
    await registerContactRoutes(scope, ctx);
    await registerApplicationRoutes(scope, ctx);
  });
}
