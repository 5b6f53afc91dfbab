// Settings › Company (issue 6): only roles with "manage company settings" (Super Admin, Admin). Every
// change goes through domain/company/company.service.ts in a transaction, then redirects back with a
// flash (POST → 303 → GET). A refused change (duplicate name, or removing something in use) re-renders the
// page with the reason and what was typed, and changes nothing.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import type { AtsKysely } from '../../db.ts';
import type { AtsContext } from '../../context.ts';
import {
  listDepartments,
  listLocations,
  listTeams,
  type StructureKind,
} from '../../domain/company/company.repository.ts';
import {
  addStructureItem,
  removeStructureItem,
  renameStructureItem,
} from '../../domain/company/company.service.ts';
import { isUuid } from '../../api/query.ts';
import { auditAts } from '../../domain/audit/ats-audit.ts';
import { requireRole } from '../page-guards.ts';
import { sendAtsPage, setFlash } from '../ats-shell.ts';
import { settingsTabs } from '../nav.ts';
import { html } from '@hireloop/platform/html';
import { COMPANY_PATH, companyPage, type CompanyPageProps, type KindPath } from './company.page.ts';

/** Lever's "manage company settings" permission belongs to these roles. */
export const COMPANY_SETTINGS_ROLES: readonly string[] = Object.freeze(['super admin', 'admin']);

const KIND: Record<KindPath, StructureKind> = {
  locations: 'location',
  departments: 'department',
  teams: 'team',
};
const KindParam = Type.Union([Type.Literal('locations'), Type.Literal('departments'), Type.Literal('teams')]);
const NameBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  departmentId: Type.Optional(Type.String({ maxLength: 64 })),
  _csrf: Type.Optional(Type.String()),
});

async function renderCompany(
  ctx: AtsContext,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: { error?: string; pending?: CompanyPageProps['pending'] } = {},
  status = 200,
): Promise<FastifyReply> {
  const accountId = request.atsUser?.account.id as string;
  const [locations, departments, teams] = await Promise.all([
    listLocations(ctx.db, accountId),
    listDepartments(ctx.db, accountId),
    listTeams(ctx.db, accountId),
  ]);
  return sendAtsPage(
    request,
    reply,
    {
      title: 'Company settings',
      section: 'settings',
      flash: extra.error ? { tone: 'error', message: extra.error } : undefined,
      // The Settings tabs (nav.ts) come first, as on every settings page.
      body: (csrfToken) =>
        html`${settingsTabs(request, 'company')}${companyPage({ csrfToken, locations, departments, teams, pending: extra.pending })}`,
    },
    status,
  );
}

export async function registerCompanyPages(app: Http, ctx: AtsContext): Promise<void> {
  const gate = requireRole(
    COMPANY_SETTINGS_ROLES,
    'Company settings can be changed by Super Admins and Admins only (the roles with “manage company settings”).',
  );

  /** Runs a change; on a refused change, re-renders with the reason instead of throwing. */
  const change = async (
    request: FastifyRequest,
    reply: FastifyReply,
    run: (trx: AtsKysely, accountId: string) => Promise<string>,
    pending?: CompanyPageProps['pending'],
  ): Promise<FastifyReply> => {
    const accountId = request.atsUser?.account.id as string;
    try {
      const message = await ctx.db.transaction().execute((trx) => run(trx, accountId));
      setFlash(request, 'success', message);
      return reply.redirect(COMPANY_PATH, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.statusCode >= 500) throw e;
      return renderCompany(ctx, request, reply, { error: e.message, pending }, e.statusCode);
    }
  };

  app.get(COMPANY_PATH, { preHandler: gate }, (request, reply) => renderCompany(ctx, request, reply));

  app.post(
    `${COMPANY_PATH}/:kind`,
    { preHandler: gate, schema: { params: Type.Object({ kind: KindParam }), body: NameBody } },
    (request, reply) => {
      const { kind } = request.params;
      const { name, departmentId } = request.body;
      return change(
        request,
        reply,
        async (trx, accountId) => {
          const dept = departmentId && isUuid(departmentId) ? departmentId : undefined;
          const added = await addStructureItem(trx, accountId, KIND[kind], name, dept);
          await auditAts(trx, request, 'company.item_added', [KIND[kind], null], { name: added });
          return `Added “${added}”.`;
        },
        { kind, name: name ?? '', departmentId },
      );
    },
  );

  const ItemParams = Type.Object({ kind: KindParam, id: Type.String({ maxLength: 64 }) });
  app.post(
    `${COMPANY_PATH}/:kind/:id/rename`,
    { preHandler: gate, schema: { params: ItemParams, body: NameBody } },
    (request, reply) => {
      const { kind, id } = request.params;
      return change(request, reply, async (trx, accountId) => {
        if (!isUuid(id)) throw new AppError(Errors.NotFound, 'That item no longer exists.');
        const { from, to } = await renameStructureItem(
          trx,
          ctx.events,
          accountId,
          KIND[kind],
          id,
          request.body.name,
        );
        if (from !== to) await auditAts(trx, request, 'company.item_renamed', [KIND[kind], id], { from, to });
        return from === to ? `“${to}” is unchanged.` : `Renamed “${from}” to “${to}”.`;
      });
    },
  );

  app.post(
    `${COMPANY_PATH}/:kind/:id/remove`,
    {
      preHandler: gate,
      schema: { params: ItemParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
    },
    (request, reply) => {
      const { kind, id } = request.params;
      return change(request, reply, async (trx, accountId) => {
        if (!isUuid(id)) throw new AppError(Errors.NotFound, 'That item no longer exists.');
        const removed = await removeStructureItem(trx, accountId, KIND[kind], id);
        await auditAts(trx, request, 'company.item_removed', [KIND[kind], id], { name: removed });
        return `Removed “${removed}”.`;
      });
    },
  );
}
