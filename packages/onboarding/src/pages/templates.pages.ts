// Journey templates: tasks by phase and owner, for every office/team or one of them, due a number of days
// from the start date. A refused form is shown again with 400 and the reason beside the field (nothing saved).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, card, csrfField, formField, html, pageHeader, table } from '@hireloop/platform/html';
import type { OnboardingContext } from '../context.ts';
import type { Owner } from '../db.ts';
import { listTargets } from '../domain/matching/mapping.repository.ts';
import type { AppUser } from '../domain/orgs/org.repository.ts';
import { OWNER_LABELS, OWNERS, PHASE_LABELS, phaseFor } from '../domain/hires/journey.ts';
import { flashNext, formValue, render, requirePeopleOps, UUID } from './shared.ts';

interface TemplateForm {
  title: string;
  offsetDays: string;
  owner: string;
  officeId: string;
  teamId: string;
}
type Errors = Partial<Record<keyof TemplateForm, string>>;

const EMPTY: TemplateForm = { title: '', offsetDays: '0', owner: 'people_ops', officeId: '', teamId: '' };

export function registerTemplatePages(app: FastifyInstance, ctx: OnboardingContext): void {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    user: AppUser,
    form: TemplateForm = EMPTY,
    errors: Errors = {},
  ) => {
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
    const refused = Object.values(errors).filter(Boolean);
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
        ${csrfField(await reply.generateCsrf())}
        ${formField({ label: 'Task', name: 'title', value: form.title, required: true, error: errors.title })}
        ${formField({ label: 'Days from the start date (negative = before day 1)', name: 'offsetDays', type: 'number', value: form.offsetDays, required: true, error: errors.offsetDays })}
        ${formField({ type: 'select', label: 'Owner', name: 'owner', value: form.owner, error: errors.owner, options: OWNERS.map((o) => ({ value: o, label: OWNER_LABELS[o] })) })}
        ${formField({ type: 'select', label: 'Office', name: 'officeId', value: form.officeId, error: errors.officeId, options: [{ value: '', label: 'All offices' }, ...offices.map((o) => ({ value: o.id, label: o.name }))] })}
        ${formField({ type: 'select', label: 'Team', name: 'teamId', value: form.teamId, error: errors.teamId, options: [{ value: '', label: 'All teams' }, ...teams.map((o) => ({ value: o.id, label: o.name }))] })}
        <div class="form-actions">${button({ label: 'Add task', variant: 'primary' })}</div>
      </form>`,
    })}`;
    return render(request, reply, {
      title: 'Journey templates',
      user,
      body,
      status: refused.length ? 400 : undefined,
      flash: refused.length
        ? { tone: 'error', title: 'The task was not added', message: refused.join(' ') }
        : undefined,
    });
  };

  app.get('/onboarding/templates', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    return page(request, reply, user);
  });

  app.post('/onboarding/templates', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const form: TemplateForm = {
      title: formValue(request.body, 'title').trim(),
      offsetDays: formValue(request.body, 'offsetDays').trim(),
      owner: formValue(request.body, 'owner'),
      officeId: formValue(request.body, 'officeId'),
      teamId: formValue(request.body, 'teamId'),
    };
    const offset = Number(form.offsetDays);
    // The office and team must be this organization's: ids come from the form, and another
    // organization's office would otherwise be saved (and its name shown) here.
    const ours = async (kind: 'location' | 'team', id: string) =>
      !id ||
      (UUID.test(id) && (await listTargets(ctx.db, user.organization_id, kind)).some((t) => t.id === id));
    const errors: Errors = {
      title: !form.title || form.title.length > 200 ? 'Enter a task (up to 200 characters).' : undefined,
      offsetDays:
        !form.offsetDays || !Number.isInteger(offset) || Math.abs(offset) > 90
          ? 'Enter a whole number of days from -90 to 90.'
          : undefined,
      owner: !OWNERS.includes(form.owner as Owner) ? 'Choose an owner.' : undefined,
      officeId: !(await ours('location', form.officeId))
        ? 'Choose one of your offices (or All offices).'
        : undefined,
      teamId: !(await ours('team', form.teamId)) ? 'Choose one of your teams (or All teams).' : undefined,
    };
    if (Object.values(errors).some(Boolean)) return page(request, reply, user, form, errors);
    await ctx.db
      .insertInto('onboarding.task_template')
      .values({
        organization_id: user.organization_id,
        title: form.title,
        phase: phaseFor(offset),
        owner: form.owner as Owner,
        offset_days: offset,
        office_id: form.officeId || null,
        team_id: form.teamId || null,
      })
      .execute();
    flashNext(request, 'success', 'Task added; it applies to journeys started from now on.');
    return reply.redirect('/onboarding/templates', 303);
  });
}
