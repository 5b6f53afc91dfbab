// Offices and Teams, and the default start date (journey templates: templates.pages.ts).
import type { FastifyInstance } from 'fastify';
import { button, card, csrfField, formField, html, pageHeader, table } from '@hireloop/platform/html';
import type { OnboardingContext } from '../context.ts';
import type { ValueKind } from '../db.ts';
import { addTarget, listTargets, removeTarget } from '../domain/matching/mapping.repository.ts';
import { findOrganization, updateOrganizationSettings } from '../domain/orgs/org.repository.ts';
import { retryQueued } from '../domain/hires/hire.service.ts';
import { flashNext, formValue, notFound, render, requirePeopleOps, UUID } from './shared.ts';

export function registerSettingsPages(app: FastifyInstance, ctx: OnboardingContext): void {
  app.get('/onboarding/settings', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const org = (await findOrganization(ctx.db, user.organization_id))!;
    const csrf = await reply.generateCsrf();
    const list = async (kind: ValueKind, label: string) => {
      const rows = await listTargets(ctx.db, org.id, kind);
      return card({
        title: label,
        body: html`${table({
            caption: label,
            captionHidden: true,
            columns: [
              { header: 'Name', cell: (t) => t.name, rowHeader: true },
              {
                header: html`<span class="visually-hidden">Actions</span>`,
                cell: (t) =>
                  html`<form method="post" action="/onboarding/settings/${kind}/${t.id}/delete">
                    ${csrfField(csrf)}${button({ label: 'Remove', size: 'sm', variant: 'ghost', confirm: `Remove ${t.name}?` })}
                  </form>`,
                align: 'end',
              },
            ],
            rows,
            empty: `No ${label.toLowerCase()} yet.`,
          })}
          <form method="post" action="/onboarding/settings/${kind}" class="form form--inline">
            ${csrfField(csrf)}
            ${formField({ label: kind === 'location' ? 'New office' : 'New team', name: 'name', required: true })}
            ${button({ label: 'Add' })}
          </form>`,
      });
    };
    const body = html`${pageHeader({ title: 'Offices and teams', subtitle: 'ATS locations map to offices and ATS teams to teams (see Matching).' })}
    ${await list('location', 'Offices')}${await list('team', 'Teams')}
    ${card({
      title: 'Start date',
      body: html`<form method="post" action="/onboarding/settings/general" class="form">
        ${csrfField(csrf)}
        ${formField({ label: 'Default start: days after the hire, when the offer has no start date', name: 'defaultStartDays', type: 'number', value: org.default_start_days, required: true })}
        <div class="form-actions">${button({ label: 'Save' })}</div>
      </form>`,
    })}`;
    return render(request, reply, { title: 'Offices and teams', user, body });
  });

  app.post<{ Params: { kind: string } }>('/onboarding/settings/:kind', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const { kind } = request.params;
    if (kind === 'general') {
      const days = Number(formValue(request.body, 'defaultStartDays'));
      if (!Number.isInteger(days) || days < 0 || days > 365)
        flashNext(request, 'error', 'Enter a number of days from 0 to 365.');
      else await updateOrganizationSettings(ctx.db, user.organization_id, { defaultStartDays: days });
      return reply.redirect('/onboarding/settings', 303);
    }
    const name = formValue(request.body, 'name').trim();
    if ((kind !== 'location' && kind !== 'team') || !name || name.length > 200) {
      flashNext(request, 'error', 'Enter a name (up to 200 characters).');
      return reply.redirect('/onboarding/settings', 303);
    }
    // A new office or team may be an exact match for a queued hire's value: they continue at once.
    const started = await ctx.db.transaction().execute(async (trx) => {
      await addTarget(trx, user.organization_id, kind, name);
      return retryQueued(ctx, trx, user.organization_id);
    });
    flashNext(request, 'success', `Added ${name}.${started ? ` ${started} queued hire(s) continued.` : ''}`);
    return reply.redirect('/onboarding/settings', 303);
  });

  app.post<{ Params: { kind: string; id: string } }>(
    '/onboarding/settings/:kind/:id/delete',
    async (request, reply) => {
      const user = await requirePeopleOps(ctx, request, reply);
      if (!user) return reply;
      const { kind, id } = request.params;
      const removed =
        (kind === 'location' || kind === 'team') &&
        UUID.test(id) &&
        (await removeTarget(ctx.db, user.organization_id, kind, id));
      if (!removed) return notFound(request, reply, user, kind === 'team' ? 'team' : 'office');
      return reply.redirect('/onboarding/settings', 303);
    },
  );
}
