// The hosted job site, what jobs.lever.co/{site} is to Lever (issue 6): public, no sign-in. Postings'
// `urls.show`/`urls.apply` and v0's `hostedUrl`/`applyUrl` point here (posting.wire.ts postingUrls).
//   GET  /jobs/:site                  open jobs with filters and search
//   GET  /jobs/:site/:id              one job (a closed or unknown job gets a "no longer open" page, noindex)
//   GET  /jobs/:site/:id/apply        the application form
//   POST /jobs/:site/:id/apply        applies through applyToPosting (the path v1 and v0 apply share)
//   GET  /jobs/:site/:id/thanks       after applying (POST → 303 → here, so a reload does not re-post)
// `lever-source` (or `source`) on any of these links becomes the opportunity's source. CSRF: the pages
// scope's session CSRF with an anonymous session (the form GET creates it).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { sendHtml, type SafeHtml } from '@hireloop/platform/html';
import type { AtsContext } from '../../context.ts';
import { findAccountBySite, type AccountRow } from '../../domain/accounts/account.service.ts';
import { jobSiteFacets, listJobSitePostings } from '../../domain/postings/job-site.repository.ts';
import { findPosting, findPublicPosting, type PostingRow } from '../../domain/postings/posting.repository.ts';
import { isUuid } from '../../api/query.ts';
import { JOB_SITE_CSS_PATH, jobSiteDocument } from './job-site-layout.ts';
import { jobListPage } from './job-list.page.ts';
import { jobClosedPage, jobPage, thanksPage } from './job.page.ts';
import { readSource } from './job-parts.ts';
import { applyFormPage } from './apply-form.page.ts';
import { emptyApplyForm } from './apply-input.ts';
import { registerApplyRoute } from './apply.routes.ts';

const CSS = readFileSync(new URL('./job-site.css', import.meta.url), 'utf8');
const CSS_ETAG = `"${createHash('sha256').update(CSS).digest('base64url').slice(0, 27)}"`;

const SiteParams = Type.Object({ site: Type.String({ maxLength: 63 }) });
const JobParams = Type.Object({ site: Type.String({ maxLength: 63 }), id: Type.String({ maxLength: 64 }) });
const Str = Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String())]));
const ListQuery = Type.Object({
  team: Str,
  location: Str,
  commitment: Str,
  workplaceType: Str,
  search: Str,
  'lever-source': Str,
  source: Str,
});
const SourceQuery = Type.Object({ 'lever-source': Str, source: Str });

const one = (v: string | string[] | undefined): string | undefined => {
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s.slice(0, 200) : undefined;
};

export async function findJobSite(ctx: AtsContext, site: string): Promise<AccountRow> {
  const account = await findAccountBySite(ctx.db, site.toLowerCase());
  if (!account) throw new AppError(Errors.NotFound, `There is no job site called “${site}”.`);
  return account;
}

export function sendJobSitePage(
  reply: FastifyReply,
  account: AccountRow,
  page: { title: string; body: SafeHtml; noindex?: boolean; description?: string },
  status = 200,
): FastifyReply {
  return sendHtml(
    reply,
    jobSiteDocument({ ...page, company: { name: account.name, site: account.site } }),
    status,
  );
}

/** The job if it is open to the public; otherwise the reply is already the "no longer open" page. */
export async function openJobOrClosedPage(
  ctx: AtsContext,
  account: AccountRow,
  id: string,
  reply: FastifyReply,
): Promise<PostingRow | undefined> {
  const lower = id.toLowerCase();
  const posting = isUuid(lower) ? await findPublicPosting(ctx.db, account.id, lower) : undefined;
  if (posting) return posting;
  // A job that existed (closed, unpublished, made internal) is gone (410); a wrong id is not found (404).
  const existed = isUuid(lower) && (await findPosting(ctx.db, account.id, lower)) !== undefined;
  void reply.header('cache-control', 'no-store');
  sendJobSitePage(
    reply,
    account,
    {
      title: existed ? 'Job no longer open' : 'Job not found',
      noindex: true,
      body: jobClosedPage({ site: account.site, companyName: account.name, closed: existed }),
    },
    existed ? 410 : 404,
  );
  return undefined;
}

export async function registerJobSitePages(app: Http, ctx: AtsContext): Promise<void> {
  app.get(JOB_SITE_CSS_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('etag', CSS_ETAG).header('cache-control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === CSS_ETAG) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(CSS);
  });

  app.get(
    '/jobs/:site',
    { schema: { params: SiteParams, querystring: ListQuery } },
    async (request, reply) => {
      const account = await findJobSite(ctx, request.params.site);
      const q = request.query;
      const filters = {
        team: one(q.team),
        location: one(q.location),
        commitment: one(q.commitment),
        workplaceType: one(q.workplaceType),
        search: one(q.search),
      };
      const [postings, facets] = await Promise.all([
        listJobSitePostings(ctx.db, account.id, filters),
        jobSiteFacets(ctx.db, account.id),
      ]);
      return sendJobSitePage(reply, account, {
        title: 'Open jobs',
        description: `Open jobs at ${account.name}`,
        body: jobListPage({
          companyName: account.name,
          site: account.site,
          postings,
          facets,
          filters,
          source: readSource(q),
        }),
      });
    },
  );

  app.get(
    '/jobs/:site/:id',
    { schema: { params: JobParams, querystring: SourceQuery } },
    async (request, reply) => {
      const account = await findJobSite(ctx, request.params.site);
      const posting = await openJobOrClosedPage(ctx, account, request.params.id, reply);
      if (!posting) return reply;
      return sendJobSitePage(reply, account, {
        title: posting.text,
        description: `${posting.text} at ${account.name}`,
        body: jobPage({
          site: account.site,
          companyName: account.name,
          posting,
          source: readSource(request.query),
        }),
      });
    },
  );

  app.get(
    '/jobs/:site/:id/apply',
    { schema: { params: JobParams, querystring: SourceQuery } },
    async (request, reply) => {
      const account = await findJobSite(ctx, request.params.site);
      const posting = await openJobOrClosedPage(ctx, account, request.params.id, reply);
      if (!posting) return reply;
      const csrfToken = await reply.generateCsrf();
      void reply.header('cache-control', 'no-store');
      return sendJobSitePage(reply, account, {
        title: `Apply for ${posting.text}`,
        noindex: true,
        body: applyFormPage({
          site: account.site,
          companyName: account.name,
          posting,
          values: emptyApplyForm(readSource(request.query) ?? ''),
          errors: {},
          csrfToken,
        }),
      });
    },
  );

  app.get('/jobs/:site/:id/thanks', { schema: { params: JobParams } }, async (request, reply) => {
    const account = await findJobSite(ctx, request.params.site);
    const id = request.params.id.toLowerCase();
    const posting = isUuid(id) ? await findPublicPosting(ctx.db, account.id, id) : undefined;
    return sendJobSitePage(reply, account, {
      title: 'Application received',
      noindex: true,
      body: thanksPage({
        site: account.site,
        companyName: account.name,
        jobTitle: posting?.text ?? 'the job',
      }),
    });
  });

  await app.register(async (scope: FastifyInstance) => registerApplyRoute(scope as unknown as Http, ctx));
}
