// The pipeline (issue 6), signed in:
//   GET /ats               home: the pipeline (every role has a Candidates page)
//   GET /ats/candidates    candidates with filters (stage, source, tag, posting, active/archived, name or
//                          email search), keyset pages of 25 newest first. With `HX-Request` only the
//                          results are sent (the same component without the layout) and `HX-Push-Url`
//                          carries the canonical URL of the filters, so the address bar is shareable.
// Reads go through the domain's listOpportunityViews, i.e. visibility.ts: a Limited Team Member sees only
// candidates of postings they own, hire for or follow; confidential candidates need Super Admin/Admin.
// Interviewers get a page that explains why there is nothing for them (no interviews are modelled).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Http } from '@hireloop/platform';
import { isHtmx, sendHtml } from '@hireloop/platform/html';
import type { AtsContext } from '../../context.ts';
import { listOpportunityViews } from '../../domain/opportunities/opportunity.repository.ts';
import { listStages } from '../../domain/stages/stage.repository.ts';
import { listArchiveReasons } from '../../domain/archive-reasons/archive-reason.repository.ts';
import { encodeOffset } from '../../api/pagination.ts';
import { requireUser } from '../page-guards.ts';
import { sendAtsPage, userVisibility } from '../ats-shell.ts';
import {
  PIPELINE_PAGE_SIZE,
  PIPELINE_PATH,
  PIPELINE_SORT,
  PipelineQuerySchema,
  pipelineCursor,
  pipelineUrl,
  readPipelineState,
  toOpportunityFilters,
  type PipelineQuery,
} from './pipeline-query.ts';
import { listLabelOptions, listPostingOptions, postingTitles, userNames } from './pipeline.repository.ts';
import {
  interviewerPage,
  pipelinePage,
  pipelineResults,
  type PipelineResultsProps,
} from './pipeline.page.ts';

/** Roles that work with candidates in the pages (interviewers are explained, not listed). */
export const PIPELINE_ROLES: readonly string[] = Object.freeze([
  'super admin',
  'admin',
  'team member',
  'limited team member',
]);

const LIMITED_NOTE =
  'As a Limited Team Member you see the candidates of postings you own, are the hiring manager of, or follow.';

export async function registerPipelinePages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;

  if (!app.hasRoute({ method: 'GET', url: '/ats' }))
    app.get('/ats', { preHandler: requireUser }, async (_request, reply) =>
      reply.redirect(PIPELINE_PATH, 303),
    );

  app.get(
    PIPELINE_PATH,
    { preHandler: requireUser, schema: { querystring: PipelineQuerySchema } },
    async (request, reply) => {
      const signedIn = request.atsUser!;
      if (!PIPELINE_ROLES.includes(signedIn.user.access_role)) {
        return sendAtsPage(request, reply, {
          title: 'Candidates',
          section: 'pipeline',
          body: interviewerPage(signedIn.user.name),
        });
      }
      return renderPipeline(ctx, request, reply, request.query as PipelineQuery);
    },
  );

  async function renderPipeline(
    _ctx: AtsContext,
    request: FastifyRequest,
    reply: FastifyReply,
    query: PipelineQuery,
  ): Promise<FastifyReply> {
    const vis = userVisibility(request);
    const state = readPipelineState(query);
    const after = pipelineCursor(query.offset);
    const [rows, stages, reasons] = await Promise.all([
      listOpportunityViews(db, vis, {
        filters: toOpportunityFilters(state),
        after,
        limit: PIPELINE_PAGE_SIZE,
      }),
      listStages(db, vis.accountId),
      listArchiveReasons(db, vis.accountId, {}),
    ]);
    const hasNext = rows.length > PIPELINE_PAGE_SIZE;
    const shown = rows.slice(0, PIPELINE_PAGE_SIZE);
    const last = shown[shown.length - 1];
    const [titles, owners] = await Promise.all([
      postingTitles(db, vis.accountId, [
        ...new Set(shown.flatMap((o) => (o.posting_id ? [o.posting_id] : []))),
      ]),
      userNames(db, vis.accountId, [...new Set(shown.flatMap((o) => (o.owner_id ? [o.owner_id] : [])))]),
    ]);
    const results: PipelineResultsProps = {
      state,
      rows: shown.map((o) => ({
        opportunity: o,
        postingTitle: o.posting_id ? titles.get(o.posting_id) : undefined,
        ownerName: o.owner_id ? owners.get(o.owner_id) : undefined,
      })),
      stageNames: new Map(stages.map((s) => [s.id, s.text])),
      archiveReasons: new Map(reasons.map((r) => [r.id, r.text])),
      nextToken:
        hasNext && last ? encodeOffset(PIPELINE_SORT, [Number(last.created_us), last.id]) : undefined,
      paged: after !== undefined,
      limitedNote: vis.limitedToUserId ? LIMITED_NOTE : undefined,
    };
    void reply.header('cache-control', 'no-store');
    if (isHtmx(request)) {
      void reply.header('vary', 'HX-Request');
      void reply.header('hx-push-url', pipelineUrl(state, query.offset?.trim() || undefined));
      return sendHtml(reply, pipelineResults(results));
    }
    const [postings, sources, tags] = await Promise.all([
      listPostingOptions(db, vis),
      listLabelOptions(db, vis, 'sources'),
      listLabelOptions(db, vis, 'tags'),
    ]);
    return sendAtsPage(request, reply, {
      title: 'Candidates',
      section: 'pipeline',
      body: pipelinePage({
        ...results,
        options: {
          stages,
          postings,
          sources,
          tags,
          archiveReasons: results.archiveReasons,
        },
      }),
    });
  }
}
