// GET /v0/postings/:site (list: json by default, html on request) and GET /v0/postings/:site/:id (json
// only) — reference §6.1, §6.2. Only published postings on the public channel exist here; anything else,
// and unknown sites, are 404 `{ok: false, error}`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { sendHtml } from '@hireloop/platform/html';
import type { AtsContext } from '../../context.ts';
import { findAccountBySite, type AccountRow } from '../../domain/accounts/account.service.ts';
import { findPublicPosting, listPublicPostings } from '../../domain/postings/posting.repository.ts';
import {
  groupPostingsV0,
  toPostingV0,
  V0_GROUPS,
  type V0Group,
} from '../../domain/postings/posting-v0.wire.ts';
import { postingUrls } from '../../domain/postings/posting.wire.ts';
import { isUuid, Multi, Text } from '../query.ts';
import { postingsPage } from './postings-page.ts';

const ListQuery = Type.Object({
  mode: Text,
  skip: Text,
  limit: Text,
  group: Text,
  location: Multi,
  commitment: Multi,
  team: Multi,
  department: Multi,
  level: Multi,
});
const SiteParams = Type.Object({ site: Type.String() });
const PostingParams = Type.Object({ site: Type.String(), id: Type.String() });

const MODES = ['json', 'html', 'iframe'] as const;

export async function findSite(ctx: AtsContext, site: string): Promise<AccountRow> {
  const account = await findAccountBySite(ctx.db, site.toLowerCase());
  if (!account) throw new AppError(Errors.NotFound, 'Document not found');
  return account;
}

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,9}$/.test(value))
    throw new AppError(Errors.Validation, `${name} must be a non-negative integer`);
  return Number(value);
}

/** `mode` wins over `Accept`; without either, JSON (scripts call with no headers and expect JSON, §6.1). */
function wantsHtml(request: FastifyRequest, mode: string | undefined): boolean {
  if (mode !== undefined && mode !== '') {
    if (!(MODES as readonly string[]).includes(mode))
      throw new AppError(Errors.Validation, `mode must be one of: ${MODES.join(', ')}`);
    return mode !== 'json';
  }
  return (request.headers.accept ?? '').trim().toLowerCase().startsWith('text/html');
}

export function registerPostingsV0Routes(app: Http, ctx: AtsContext): void {
  const preflight = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-max-age', '86400')
      .send();
  app.options('/postings/:site', preflight);
  app.options('/postings/:site/:id', preflight);

  app.get(
    '/postings/:site',
    { schema: { params: SiteParams, querystring: ListQuery } },
    async (request, reply) => {
      const q = request.query;
      const html = wantsHtml(request, q.mode);
      const group = q.group ? q.group : undefined;
      if (group !== undefined && !(V0_GROUPS as readonly string[]).includes(group)) {
        throw new AppError(Errors.Validation, `group must be one of: ${V0_GROUPS.join(', ')}`);
      }
      const skip = count('skip', q.skip) ?? 0;
      const limit = count('limit', q.limit);
      const account = await findSite(ctx, request.params.site);
      const rows = await listPublicPostings(ctx.db, account.id, q, skip, limit);
      const postings = rows.map((r) => toPostingV0(r, ctx.publicUrl, account.site));
      if (html) {
        return sendHtml(
          reply,
          postingsPage({
            companyName: account.name,
            listUrl: postingUrls(ctx.publicUrl, account.site, '').list,
            postings,
          }),
        );
      }
      return group ? groupPostingsV0(postings, group as V0Group) : postings;
    },
  );

  app.get('/postings/:site/:id', { schema: { params: PostingParams } }, async (request) => {
    const account = await findSite(ctx, request.params.site);
    const row = isUuid(request.params.id)
      ? await findPublicPosting(ctx.db, account.id, request.params.id.toLowerCase())
      : undefined;
    if (!row) throw new AppError(Errors.NotFound, 'Document not found');
    return toPostingV0(row, ctx.publicUrl, account.site);
  });
}
