// People-ops journey pages: all hires, the "needs mapping" queue, overdue tasks, and one hire (fields from
// the ATS, journey tasks with due dates, history; refresh from the ATS; mark tasks done).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  badge,
  button,
  card,
  csrfField,
  definitionList,
  html,
  pageHeader,
  table,
  type HtmlValue,
} from '@hireloop/platform/html';
import type { OnboardingContext } from '../context.ts';
import type { HireStatus, TaskRow } from '../db.ts';
import {
  findHire,
  listHires,
  listHistory,
  listJourneys,
  listOverdueTasks,
  listTasks,
  setTaskDone,
} from '../domain/hires/hire.repository.ts';
import { OWNER_LABELS, PHASE_LABELS, PHASES } from '../domain/hires/journey.ts';
import { refreshOpportunity } from '../domain/webhooks/process-event.service.ts';
import {
  connectionBanner,
  flashNext,
  formValue,
  notFound,
  render,
  requirePeopleOps,
  UUID,
} from './shared.ts';

const STATUS: Record<HireStatus, [string, 'success' | 'warning' | 'neutral' | 'danger']> = {
  active: ['Journey active', 'success'],
  needs_mapping: ['Needs mapping', 'warning'],
  cancelled: ['Cancelled', 'neutral'],
  flagged: ['Flagged', 'danger'],
};
export const statusBadge = (s: HireStatus) => badge({ label: STATUS[s][0], tone: STATUS[s][1], dot: true });

/** Tasks grouped by phase; `canToggle` decides which ones get a Done/Undo button. */
export function taskList(
  tasks: readonly TaskRow[],
  today: string,
  csrf: string,
  action: (t: TaskRow) => string | undefined,
): HtmlValue {
  return PHASES.map((phase) => {
    const rows = tasks.filter((t) => t.phase === phase);
    if (!rows.length) return '';
    return table({
      caption: PHASE_LABELS[phase],
      columns: [
        { header: 'Task', cell: (t) => (t.done_at ? html`<s>${t.title}</s>` : t.title), rowHeader: true },
        { header: 'Owner', cell: (t) => OWNER_LABELS[t.owner] },
        {
          header: 'Due',
          cell: (t) =>
            html`<span data-due="${t.due_date}">${t.due_date}</span
              >${!t.done_at && t.due_date < today ? html` ${badge({ label: 'Overdue', tone: 'danger' })}` : ''}`,
        },
        {
          header: html`<span class="visually-hidden">Done</span>`,
          align: 'end',
          cell: (t) => {
            const to = action(t);
            return to
              ? html`<form method="post" action="${to}">
                  ${csrfField(csrf)}<input
                    type="hidden"
                    name="done"
                    value="${t.done_at ? '0' : '1'}"
                  />${button({ label: t.done_at ? 'Undo' : 'Done', size: 'sm', variant: t.done_at ? 'ghost' : 'secondary' })}
                </form>`
              : t.done_at
                ? 'Done'
                : '';
          },
        },
      ],
      rows,
    });
  });
}

export function registerHirePages(app: FastifyInstance, ctx: OnboardingContext): void {
  const list = (view: 'all' | 'queue') => async (request: FastifyRequest, reply: FastifyReply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const today = ctx.today();
    const rows = await listHires(
      ctx.db,
      user.organization_id,
      today,
      view === 'queue' ? { status: 'needs_mapping' } : {},
    );
    const body = html`${pageHeader({
      title: view === 'queue' ? 'Needs mapping' : 'New hires',
      subtitle:
        view === 'queue'
          ? 'Hires whose ATS location or team matches no office or team. Map the value on the Matching page and they continue.'
          : 'Everyone hired in the ATS, with their journey.',
    })}
    ${table({
      caption: view === 'queue' ? 'Waiting for a mapping' : 'New hires',
      captionHidden: true,
      columns: [
        {
          header: 'Name',
          cell: (h) => html`<a href="/onboarding/hires/${h.id}">${h.name}</a>`,
          rowHeader: true,
        },
        { header: 'Title', cell: (h) => h.title ?? '—' },
        {
          header: 'Office',
          cell: (h) => h.office_name ?? (h.ats_location ? html`<em>${h.ats_location}</em> (ATS)` : '—'),
        },
        {
          header: 'Team',
          cell: (h) => h.team_name ?? (h.ats_team ? html`<em>${h.ats_team}</em> (ATS)` : '—'),
        },
        { header: 'Start date', cell: (h) => h.start_date },
        { header: 'Status', cell: (h) => statusBadge(h.status) },
        { header: 'Open / overdue', cell: (h) => `${h.open_tasks} / ${h.overdue_tasks}`, align: 'end' },
      ],
      rows,
      empty:
        view === 'queue'
          ? 'Nobody is waiting for a mapping.'
          : 'No hires yet. They appear here within seconds of a hire in the ATS.',
    })}`;
    return render(request, reply, {
      title: view === 'queue' ? 'Needs mapping' : 'New hires',
      user,
      body,
      flash: await connectionBanner(ctx, user.organization_id),
    });
  };
  app.get('/onboarding/hires', list('all'));
  app.get('/onboarding/hires/queue', list('queue'));

  app.get('/onboarding/hires/overdue', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const rows = await listOverdueTasks(ctx.db, user.organization_id, ctx.today());
    const body = html`${pageHeader({ title: 'Overdue tasks', subtitle: 'Open tasks past their due date, in active journeys.' })}
    ${table({
      caption: 'Overdue tasks',
      captionHidden: true,
      columns: [
        { header: 'Task', cell: (t) => t.title, rowHeader: true },
        {
          header: 'New hire',
          cell: (t) => html`<a href="/onboarding/hires/${t.hire_id}">${t.hire_name}</a>`,
        },
        { header: 'Owner', cell: (t) => OWNER_LABELS[t.owner as keyof typeof OWNER_LABELS] },
        { header: 'Due', cell: (t) => t.due_date },
      ],
      rows,
      empty: 'Nothing is overdue.',
    })}`;
    return render(request, reply, { title: 'Overdue tasks', user, body });
  });

  app.get<{ Params: { id: string } }>('/onboarding/hires/:id', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const hire = UUID.test(request.params.id) ? await findHire(ctx.db, org, request.params.id) : undefined;
    if (!hire) return notFound(request, reply, user, 'new hire');
    const [journeys, history, office, team] = await Promise.all([
      listJourneys(ctx.db, org, hire.id),
      listHistory(ctx.db, org, hire.id),
      hire.office_id
        ? ctx.db
            .selectFrom('onboarding.office')
            .select('name')
            .where('id', '=', hire.office_id)
            .executeTakeFirst()
        : undefined,
      hire.team_id
        ? ctx.db
            .selectFrom('onboarding.team')
            .select('name')
            .where('id', '=', hire.team_id)
            .executeTakeFirst()
        : undefined,
    ]);
    const journey = journeys.find((j) => j.status === 'active') ?? journeys[0];
    const tasks = journey ? await listTasks(ctx.db, org, journey.id) : [];
    const csrf = await reply.generateCsrf();
    const body = html`${pageHeader({
      title: hire.name,
      subtitle: hire.title ?? undefined,
      breadcrumbs: [{ label: 'New hires', href: '/onboarding/hires' }],
      actions: html`<form method="post" action="/onboarding/hires/${hire.id}/refresh">
        ${csrfField(csrf)}${button({ label: 'Refresh from the ATS' })}
      </form>`,
    })}
    ${hire.flag_reason ? card({ tone: 'danger', title: 'Flagged for people ops', body: hire.flag_reason }) : ''}
    ${card({
      title: 'From the ATS',
      body: definitionList({
        columns: true,
        items: [
          { term: 'Status', description: statusBadge(hire.status) },
          { term: 'Email', description: hire.email ?? '—' },
          { term: 'Phone', description: hire.phone ?? '—' },
          {
            term: 'Office',
            description: html`<span data-testid="office">${office?.name ?? '—'}</span>
              <small>(ATS: ${hire.ats_location ?? 'none'})</small>`,
          },
          {
            term: 'Team',
            description: html`<span data-testid="team">${team?.name ?? '—'}</span>
              <small>(ATS: ${hire.ats_team ?? 'none'})</small>`,
          },
          {
            term: 'Hiring manager',
            description: hire.manager_name ? `${hire.manager_name} <${hire.manager_email ?? ''}>` : '—',
          },
          {
            term: 'Start date',
            description: html`<span data-testid="start-date">${hire.start_date}</span>
              <small>(${hire.start_date_source === 'offer' ? 'from the offer' : 'default'})</small>`,
          },
          {
            term: 'Hired',
            description: `${hire.hired_at.toISOString().slice(0, 10)}${hire.hire_count > 1 ? ` (hired ${hire.hire_count} times)` : ''}`,
          },
        ],
      }),
    })}
    ${card({
      title: journey ? `Journey (${journey.status})` : 'Journey',
      body: journey
        ? html`${journey.status === 'cancelled' ? html`<p data-testid="journey-cancelled">Cancelled: ${journey.cancel_reason}</p>` : ''}${taskList(tasks, ctx.today(), csrf, (t) => (journey.status === 'active' ? `/onboarding/hires/${hire.id}/tasks/${t.id}` : undefined))}`
        : html`<p>
            No journey
            yet${hire.status === 'needs_mapping' ? ': map the ATS location or team first (Matching).' : '.'}
          </p>`,
    })}
    ${card({
      title: 'History',
      body: html`<ol class="history">
        ${history.map((h) => html`<li><time>${h.created_at.toISOString().slice(0, 16).replace('T', ' ')}</time> ${h.message}</li>`)}
      </ol>`,
    })}`;
    return render(request, reply, { title: hire.name, user, body });
  });

  app.post<{ Params: { id: string } }>('/onboarding/hires/:id/refresh', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const hire = UUID.test(request.params.id)
      ? await findHire(ctx.db, user.organization_id, request.params.id)
      : undefined;
    if (!hire) return notFound(request, reply, user, 'new hire');
    try {
      const outcome = await refreshOpportunity(
        ctx,
        user.organization_id,
        hire.opportunity_id,
        'refresh by people ops',
      );
      flashNext(request, 'success', `Refreshed from the ATS (${outcome.replace('_', ' ')}).`);
    } catch (error) {
      flashNext(request, 'error', `Could not read the ATS: ${(error as Error).message}`);
    }
    return reply.redirect(`/onboarding/hires/${hire.id}`, 303);
  });

  app.post<{ Params: { id: string; taskId: string } }>(
    '/onboarding/hires/:id/tasks/:taskId',
    async (request, reply) => {
      const user = await requirePeopleOps(ctx, request, reply);
      if (!user) return reply;
      const task = UUID.test(request.params.taskId)
        ? await setTaskDone(
            ctx.db,
            user.organization_id,
            request.params.taskId,
            formValue(request.body, 'done') === '1',
            user.email,
          )
        : undefined;
      if (!task) return notFound(request, reply, user, 'task');
      return reply.redirect(outcomeTarget(request.params.id), 303);
    },
  );
}

const outcomeTarget = (id: string) => (UUID.test(id) ? `/onboarding/hires/${id}` : '/onboarding/hires');
