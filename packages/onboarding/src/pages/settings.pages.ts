// Offices and Teams (and the default start date), plus Journey templates: tasks by phase and owner, for
// every office/team or one of them, due a number of days from the start date.
import type { FastifyInstance } from 'fastify';
import { button, card, csrfField, formField, html, pageHeader, table } from '@hireloop/platform/html';
import type { OnboardingContext } from '../context.ts';
import type { Owner, ValueKind } from '../db.ts';
import { addTarget, listTargets, removeTarget } from '../domain/matching/mapping.repository.ts';
import { findOrganization, updateOrganizationSettings } from '../domain/orgs/org.repository.ts';
import { OWNER_LABELS, OWNERS, PHASE_LABELS, phaseFor } from '../domain/hires/journey.ts';
import { retryQueued } from '../domain/hires/hire.service.ts';
import { flashNext, formValue, render, requirePeopleOps, UUID } from './shared.ts';

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
      if ((kind === 'location' || kind === 'team') && UUID.test(id))
        await removeTarget(ctx.db, user.organization_id, kind, id);
      return reply.redirect('/onboarding/settings', 303);
    },
  );

  app.get('/onboarding/templates', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const [templates, offices, teams] = await Promise.all([
      ctx.db
        .selectFrom('onboarding.task_template')
        .selectAll()
        .where('organization_id', '=', org)
        .orderBy('offset_days')
        .orderBy('title')
        .execute(),
      listTargets(ctx.db, org, 'location'),
      listTargets(ctx.db, org, 'team'),
    ]);
    const nameOf = (list: { id: string; name: string }[], id: string | null) =>
      id ? (list.find((x) => x.id === id)?.name ?? '—') : 'All';
    const csrf = await reply.generateCsrf();
    const body = html`${pageHeader({ title: 'Journey templates', subtitle: 'Each new hire gets the tasks for every office and team plus those for their own.' })}
    ${table({
      caption: 'Tasks',
      columns: [
        { header: 'Task', cell: (t) => t.title, rowHeader: true },
        {
          header: 'When',
          cell: (t) => `${PHASE_LABELS[t.phase]} (${t.offset_days >= 0 ? '+' : ''}${t.offset_days} d)`,
        },
        { header: 'Owner', cell: (t) => OWNER_LABELS[t.owner] },
        { header: 'Office', cell: (t) => nameOf(offices, t.office_id) },
        { header: 'Team', cell: (t) => nameOf(teams, t.team_id) },
      ],
      rows: templates,
    })}
    ${card({
      title: 'Add a task',
      body: html`<form method="post" action="/onboarding/templates" class="form">
        ${csrfField(csrf)} ${formField({ label: 'Task', name: 'title', required: true })}
        ${formField({ label: 'Days from the start date (negative = before day 1)', name: 'offsetDays', type: 'number', value: 0, required: true })}
        ${formField({ type: 'select', label: 'Owner', name: 'owner', options: OWNERS.map((o) => ({ value: o, label: OWNER_LABELS[o] })) })}
        ${formField({ type: 'select', label: 'Office', name: 'officeId', options: [{ value: '', label: 'All offices' }, ...offices.map((o) => ({ value: o.id, label: o.name }))] })}
        ${formField({ type: 'select', label: 'Team', name: 'teamId', options: [{ value: '', label: 'All teams' }, ...teams.map((o) => ({ value: o.id, label: o.name }))] })}
        <div class="form-actions">${button({ label: 'Add task', variant: 'primary' })}</div>
      </form>`,
    })}`;
    return render(request, reply, { title: 'Journey templates', user, body });
  });

  app.post('/onboarding/templates', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const title = formValue(request.body, 'title').trim();
    const offset = Number(formValue(request.body, 'offsetDays'));
    const owner = formValue(request.body, 'owner') as Owner;
    const officeId = formValue(request.body, 'officeId');
    const teamId = formValue(request.body, 'teamId');
    if (
      !title ||
      !Number.isInteger(offset) ||
      Math.abs(offset) > 90 ||
      !OWNERS.includes(owner) ||
      (officeId && !UUID.test(officeId)) ||
      (teamId && !UUID.test(teamId))
    ) {
      flashNext(request, 'error', 'Enter a task, a whole number of days from -90 to 90 and an owner.');
      return reply.redirect('/onboarding/templates', 303);
    }
    await ctx.db
      .insertInto('onboarding.task_template')
      .values({
        organization_id: user.organization_id,
        title,
        phase: phaseFor(offset),
        owner,
        offset_days: offset,
        office_id: officeId || null,
        team_id: teamId || null,
      })
      .execute();
    flashNext(request, 'success', 'Task added; it applies to journeys started from now on.');
    return reply.redirect('/onboarding/templates', 303);
  });
}
