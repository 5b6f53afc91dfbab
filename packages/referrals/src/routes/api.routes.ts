// The JSON API: everything the portal does, for a chat bot or a phone client. Auth: a personal API token
// (`Authorization: Bearer rlp_…`, made under My referrals › API tokens) acting as its owner — no cookies,
// so no CSRF. Admin endpoints need an admin's token. Every query is scoped to the token's organization.
// The OpenAPI 3.1 document at /referrals/api/openapi.json is generated from the same route table.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, Errors } from '@hireloop/platform';
import type { TSchema } from 'typebox';
import type { ReferralsContext } from '../context.ts';
import { listReferableJobs } from '../domain/jobs/job.repository.ts';
import { AccountError, inviteUser } from '../domain/orgs/accounts.service.ts';
import { findOrganization, getSettings } from '../domain/orgs/org.repository.ts';
import type { AppUser } from '../domain/orgs/user.repository.ts';
import { userForApiToken } from '../domain/portal/api-token.service.ts';
import { listOrgReferrals, referralCounts } from '../domain/portal/dashboard.repository.ts';
import { listPayoutLedger, markPaid } from '../domain/portal/payouts.service.ts';
import { PortalError } from '../domain/portal/portal-errors.ts';
import { findReferableJob, getOrCreateLink, referCandidate } from '../domain/portal/refer.service.ts';
import { payoutStates, referralTimeline, toReferralView } from '../domain/portal/views.ts';
import { findReferral, listReferralsByReferrer } from '../domain/referrals/referral.repository.ts';
import type { JobRow } from '../db.ts';
import { formatReward } from '../pages/jobs.pages.ts';
import * as S from './api-schemas.ts';
import { Type, type Static } from 'typebox';

declare module 'fastify' {
  interface FastifyRequest {
    referralsUser?: AppUser;
  }
}

interface ApiRoute {
  method: 'GET' | 'POST';
  url: string;
  summary: string;
  admin?: boolean;
  body?: TSchema;
  querystring?: TSchema;
  params?: TSchema;
  response: TSchema;
  status?: number;
  handler(request: FastifyRequest, user: AppUser, reply: FastifyReply): Promise<unknown>;
}

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const notFound = (what: string) => new AppError(Errors.NotFound, `No such ${what}`);

function toApiError(error: unknown): unknown {
  if (error instanceof PortalError)
    return new AppError(
      error.status === 404 ? Errors.NotFound : error.status === 409 ? Errors.Conflict : Errors.Validation,
      error.message,
      error.field ? { details: { field: error.field } } : {},
    );
  if (error instanceof AccountError)
    return new AppError(
      Errors.Validation,
      error.message,
      error.field ? { details: { field: error.field } } : {},
    );
  return error;
}

const jobView = (j: JobRow, currency: string) => ({
  id: j.id,
  atsPostingId: j.ats_posting_id,
  title: j.title,
  location: j.location,
  team: j.team,
  commitment: j.commitment,
  reward: formatReward(j, currency),
  description: j.description,
});

export function apiRoutes(ctx: ReferralsContext): ApiRoute[] {
  const settingsOf = (u: AppUser) => getSettings(ctx.db, u.organization_id);
  return [
    {
      method: 'GET',
      url: '/referrals/api/v1/me',
      summary: 'The person the token acts as',
      response: S.data(S.Me),
      handler: async (_r, u) => ({
        data: { id: u.id, email: u.email, name: u.name, role: u.role, organizationId: u.organization_id },
      }),
    },
    {
      method: 'GET',
      url: '/referrals/api/v1/jobs',
      summary: 'Jobs open for referrals (with the reward), optionally searched',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }),
      response: S.data(Type.Array(S.Job)),
      handler: async (r, u) => {
        const settings = await settingsOf(u);
        const jobs = await listReferableJobs(ctx.db, u.organization_id, settings, {
          search: (r.query as { q?: string }).q,
        });
        return { data: jobs.map((j) => jobView(j, settings.reward_currency)) };
      },
    },
    {
      method: 'GET',
      url: '/referrals/api/v1/jobs/:id',
      summary: 'One referable job',
      params: IdParams,
      response: S.data(S.Job),
      handler: async (r, u) => {
        const { job, settings } = await findReferableJob(
          ctx,
          u.organization_id,
          (r.params as { id: string }).id,
        );
        return { data: jobView(job, settings.reward_currency) };
      },
    },
    {
      method: 'POST',
      url: '/referrals/api/v1/links',
      summary:
        'My personal referral link for a job (jobId) or for every job (jobId null); made once, then reused',
      body: Type.Object(
        { jobId: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]) },
        { additionalProperties: false },
      ),
      response: S.data(S.Link),
      handler: async (r, u) => {
        const jobId = (r.body as { jobId: string | null }).jobId;
        const link = await getOrCreateLink(ctx, u, jobId);
        return { data: { ...link, jobId } };
      },
    },
    {
      method: 'POST',
      url: '/referrals/api/v1/referrals',
      summary:
        'Refer a candidate (they get an email, and a text when a phone is given). Send an Idempotency-Key header to retry safely.',
      body: S.ReferInput,
      response: S.data(S.Referral),
      status: 201,
      handler: async (r, u, reply) => {
        const b = r.body as Static<typeof S.ReferInput>;
        const key = r.headers['idempotency-key'];
        const { referral, created } = await referCandidate(ctx, u, {
          ...b,
          resume: b.resume
            ? {
                name: b.resume.filename,
                type: b.resume.contentType,
                bytes: Buffer.from(b.resume.data, 'base64'),
              }
            : undefined,
          idempotencyKey: typeof key === 'string' && key ? key.slice(0, 100) : undefined,
        });
        reply.code(created ? 201 : 200);
        const states = await payoutStates(ctx.db, u.organization_id, [referral.id]);
        return { data: toReferralView(referral, states.get(referral.id)) };
      },
    },
    {
      method: 'GET',
      url: '/referrals/api/v1/referrals',
      summary: 'My referrals with status and reward state',
      response: S.data(Type.Array(S.Referral)),
      handler: async (_r, u) => {
        const rows = await listReferralsByReferrer(ctx.db, u.organization_id, u.id);
        const states = await payoutStates(
          ctx.db,
          u.organization_id,
          rows.map((x) => x.id),
        );
        return { data: rows.map((x) => toReferralView(x, states.get(x.id))) };
      },
    },
    {
      method: 'GET',
      url: '/referrals/api/v1/referrals/:id',
      summary: 'One of my referrals with its timeline (admins: any referral of the organization)',
      params: IdParams,
      response: S.data(Type.Intersect([S.Referral, Type.Object({ timeline: S.Timeline })])),
      handler: async (r, u) => {
        const row = await findReferral(ctx.db, u.organization_id, (r.params as { id: string }).id);
        if (!row || (row.referrer_id !== u.id && u.role !== 'admin')) throw notFound('referral');
        const [states, timeline] = await Promise.all([
          payoutStates(ctx.db, u.organization_id, [row.id]),
          referralTimeline(ctx.db, u.organization_id, row.id),
        ]);
        return { data: { ...toReferralView(row, states.get(row.id)), timeline } };
      },
    },
    {
      method: 'GET',
      url: '/referrals/api/v1/admin/referrals',
      summary: 'Every referral of the organization (admin)',
      admin: true,
      querystring: Type.Object({
        status: Type.Optional(Type.String({ maxLength: 40 })),
        type: Type.Optional(Type.String({ enum: ['internal', 'external'] })),
      }),
      response: S.data(Type.Array(S.Referral)),
      handler: async (r, u) => {
        const rows = await listOrgReferrals(
          ctx.db,
          u.organization_id,
          r.query as { status?: string; type?: string },
        );
        const states = await payoutStates(
          ctx.db,
          u.organization_id,
          rows.map((x) => x.id),
        );
        return { data: rows.map((x) => toReferralView(x, states.get(x.id))) };
      },
    },
    {
      method: 'GET',
      url: '/referrals/api/v1/admin/dashboard',
      summary: 'Referral counts by job, referrer, status and type (admin)',
      admin: true,
      response: S.data(S.Dashboard),
      handler: async (_r, u) => ({ data: await referralCounts(ctx.db, u.organization_id) }),
    },
    {
      method: 'GET',
      url: '/referrals/api/v1/admin/payouts',
      summary: 'The payout ledger, newest first (append-only; admin)',
      admin: true,
      response: S.data(Type.Array(S.PayoutEntry)),
      handler: async (_r, u) => ({
        data: (await listPayoutLedger(ctx, u.organization_id)).map((e) => ({
          id: e.id,
          referralId: e.referral_id,
          state: e.state,
          amount: e.amount === null ? null : Number(e.amount),
          currency: e.currency,
          rewardText: e.reward_text,
          note: e.note,
          candidateName: e.candidate_name,
          jobTitle: e.job_title,
          referrer: e.referrer_name || e.referrer_email,
          createdAt: e.created_at.getTime(),
        })),
      }),
    },
    {
      method: 'POST',
      url: '/referrals/api/v1/admin/payouts/:id/paid',
      summary:
        'Record the due reward of referral :id as paid (appends a ledger entry; 409 unless due; admin)',
      admin: true,
      params: IdParams,
      body: Type.Optional(Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) })),
      response: S.data(S.Referral),
      handler: async (r, u) => {
        const referral = await markPaid(
          ctx,
          u,
          (r.params as { id: string }).id,
          (r.body as { note?: string } | undefined)?.note,
        );
        const states = await payoutStates(ctx.db, u.organization_id, [referral.id]);
        return { data: toReferralView(referral, states.get(referral.id)) };
      },
    },
    {
      method: 'POST',
      url: '/referrals/api/v1/admin/people',
      summary: 'Invite an employee, external referrer or admin by email (admin)',
      admin: true,
      body: S.Invite,
      status: 201,
      response: S.data(
        Type.Object({ id: Type.String(), email: Type.String(), role: Type.String(), status: Type.String() }),
      ),
      handler: async (r, u, reply) => {
        reply.code(201);
        const b = r.body as { email: string; name?: string; role: 'employee' | 'external' | 'admin' };
        const organization = await findOrganization(ctx.db, u.organization_id);
        const { user } = await ctx.db
          .transaction()
          .execute((trx) => inviteUser(ctx, trx, { organization: organization!, ...b, invitedBy: u }));
        return { data: { id: user.id, email: user.email, role: user.role, status: user.status } };
      },
    },
  ];
}

export async function registerApiRoutes(app: FastifyInstance, ctx: ReferralsContext): Promise<void> {
  const routes = apiRoutes(ctx);
  await app.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      const header = request.headers.authorization ?? '';
      const [scheme, token] = header.split(' ');
      const user =
        scheme?.toLowerCase() === 'bearer' && token ? await userForApiToken(ctx.db, token) : undefined;
      if (!user)
        throw new AppError(Errors.Unauthorized, 'Send a personal API token: Authorization: Bearer rlp_…', {
          headers: { 'www-authenticate': 'Bearer realm="referrals"' },
        });
      request.referralsUser = user;
    });
    for (const route of routes) {
      api.route({
        method: route.method,
        url: route.url,
        // A base64 resume rides in the JSON body of a referral.
        ...(route.body === S.ReferInput ? { bodyLimit: 15_000_000 } : {}),
        schema: {
          ...(route.body ? { body: route.body } : {}),
          ...(route.querystring ? { querystring: route.querystring } : {}),
          ...(route.params ? { params: route.params } : {}),
        },
        handler: async (request, reply) => {
          const user = request.referralsUser!;
          if (route.admin && user.role !== 'admin')
            throw new AppError(Errors.Forbidden, 'Only admins of the organization may do this');
          try {
            return await route.handler(request, user, reply);
          } catch (error) {
            throw toApiError(error);
          }
        },
      });
    }
  });
  app.get('/referrals/api/openapi.json', async () => openApiDocument(routes, ctx.publicUrl));
}

function openApiDocument(routes: ApiRoute[], publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...Object.keys((r.params as { properties?: object } | undefined)?.properties ?? {}).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(
        (r.querystring as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
      ).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
    ];
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      ...(r.admin ? { tags: ['admin'] } : { tags: ['portal'] }),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: r.body } } } }
        : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: 'OK',
          content: { 'application/json': { schema: r.response } },
        },
        '400': { description: 'Invalid input', content: { 'application/json': { schema: S.ApiError } } },
        '401': { description: 'No or bad token', content: { 'application/json': { schema: S.ApiError } } },
        ...(r.admin
          ? {
              '403': { description: 'Not an admin', content: { 'application/json': { schema: S.ApiError } } },
            }
          : {}),
        '404': {
          description: 'Not found in your organization',
          content: { 'application/json': { schema: S.ApiError } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hireloop Referrals API',
      version: '1',
      description:
        'Everything the referral portal does. Authenticate with a personal API token (My referrals › API tokens): `Authorization: Bearer rlp_…`; it acts as its owner with their role.',
    },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
