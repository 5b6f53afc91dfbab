// The public careers site: /careers/:slug (list with filters and search), /careers/:slug/jobs/:id (job page
// with JSON-LD and the apply button) and /careers/:slug/sitemap.xml. Server-rendered, no session, no
// script. Every answer carries a strong ETag and `Cache-Control: public`; `If-None-Match` gets 304. Pages
// are cached per process (page-cache.ts) and cleared by the organization's sync.
// A job page is live while the job is published (ATS posting published on the chosen channel, not hidden);
// a known job that closed, was unpublished, hidden or deleted answers 410 "no longer open" with noindex, and
// an id the site never had answers 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { path } from '@hireloop/platform/html';
import type { CareersContext } from '../context.ts';
import { findOrganizationBySlug } from '../domain/orgs/org.repository.ts';
import { findJobByPostingId, listPublishedJobs, publishedFacets } from '../domain/jobs/job.repository.ts';
import type { CachedPage } from './page-cache.ts';
import { jobPostingJsonLd, jsonLdScript, sitemapXml } from './seo.ts';
import { closedPage, jobList, jobPage, listUrl, siteDocument, type ListFilters } from './site.views.ts';

const HTML = 'text/html; charset=utf-8';
// Shared caches may keep a page but must revalidate it (a cheap 304 by ETag): a closed job disappears at once.
const CACHE_CONTROL = 'public, no-cache';

interface Built {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  organizationId?: string;
}

const notFoundPage = (): Built => ({
  status: 404,
  contentType: HTML,
  body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Not found</title><link rel="stylesheet" href="/assets/hireloop.css"></head><body><main class="main"><div class="container"><h1>Page not found</h1><p>There is no careers page at this address.</p></div></main></body></html>',
});

function send(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  reply.header('etag', page.etag).header('cache-control', CACHE_CONTROL).header('vary', 'Accept-Encoding');
  for (const [k, v] of Object.entries(page.headers)) reply.header(k, v);
  const inm = request.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === page.etag || t.trim() === '*'))
    return reply.code(304).send();
  return reply.code(page.status).type(page.contentType).send(page.body);
}

async function cached(
  ctx: CareersContext,
  request: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  key: string,
  build: () => Promise<Built>,
): Promise<FastifyReply> {
  const hit = ctx.pages.get(slug, key);
  if (hit) return send(request, reply, hit);
  const b = await build();
  return send(request, reply, ctx.pages.set(slug, b.organizationId, key, b));
}

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

export function registerSitePages(app: FastifyInstance, ctx: CareersContext): void {
  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(
    '/careers/:slug',
    async (request, reply) => {
      const { slug } = request.params;
      const q = request.query;
      const f: ListFilters = {
        q: str(q.q, 100),
        team: str(q.team),
        location: str(q.location),
        commitment: str(q.commitment),
        workMode: ['remote', 'hybrid', 'on-site'].includes(str(q.mode)) ? str(q.mode) : '',
      };
      const key = `list?${JSON.stringify(f)}`;
      return cached(ctx, request, reply, slug, key, async () => {
        const org = await findOrganizationBySlug(ctx.db, slug);
        if (!org) return notFoundPage();
        const jobs = await listPublishedJobs(ctx.db, org.id, f);
        const facets = await publishedFacets(ctx.db, org.id);
        const filtered = Object.values(f).some(Boolean);
        const body = siteDocument({
          title: 'Open positions',
          org,
          canonical: listUrl(ctx.publicUrl, org.slug),
          description: `Open positions at ${org.name}.`,
          // Filtered lists are duplicates of the list for search engines.
          noindex: filtered,
          body: jobList(org, jobs, facets, f),
        }).toString();
        return { status: 200, contentType: HTML, body, organizationId: org.id };
      });
    },
  );

  app.get<{ Params: { slug: string; id: string } }>('/careers/:slug/jobs/:id', async (request, reply) => {
    const { slug, id } = request.params;
    return cached(ctx, request, reply, slug, `job/${id}`, async () => {
      const org = await findOrganizationBySlug(ctx.db, slug);
      if (!org) return notFoundPage();
      const job = id.length <= 100 ? await findJobByPostingId(ctx.db, org.id, id) : undefined;
      if (!job) return { ...notFoundPage(), organizationId: org.id };
      if (!job.published || job.removed_at) {
        const body = siteDocument({
          title: 'No longer open',
          org,
          noindex: true,
          body: closedPage(org, job.title),
        }).toString();
        return {
          status: 410,
          contentType: HTML,
          body,
          organizationId: org.id,
          headers: { 'x-robots-tag': 'noindex' },
        };
      }
      const canonical = `${ctx.publicUrl}${path`/careers/${org.slug}/jobs/${job.ats_posting_id}`}`;
      const body = siteDocument({
        title: job.title,
        org,
        canonical,
        description: `${job.title} — ${[job.team, job.location].filter(Boolean).join(', ')}`,
        head: jsonLdScript(jobPostingJsonLd(job, org, canonical)),
        body: jobPage(org, job),
      }).toString();
      return { status: 200, contentType: HTML, body, organizationId: org.id };
    });
  });

  app.get<{ Params: { slug: string } }>('/careers/:slug/sitemap.xml', async (request, reply) => {
    const { slug } = request.params;
    return cached(ctx, request, reply, slug, 'sitemap', async () => {
      const org = await findOrganizationBySlug(ctx.db, slug);
      if (!org) return notFoundPage();
      const jobs = await listPublishedJobs(ctx.db, org.id);
      const body = sitemapXml([
        { loc: listUrl(ctx.publicUrl, org.slug) },
        ...jobs.map((j) => ({
          loc: `${ctx.publicUrl}${path`/careers/${org.slug}/jobs/${j.ats_posting_id}`}`,
          lastmod: new Date(Number(j.ats_updated_at_ms)),
        })),
      ]);
      return { status: 200, contentType: 'application/xml; charset=utf-8', body, organizationId: org.id };
    });
  });
}
