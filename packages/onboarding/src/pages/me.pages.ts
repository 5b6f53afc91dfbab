// The new hire's own page: their checklist (every task of their journey; they tick off the ones they own).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { card, html, pageHeader } from '@hireloop/platform/html';
import type { OnboardingContext } from '../context.ts';
import { findActiveJourney, findHire, listTasks, setTaskDone } from '../domain/hires/hire.repository.ts';
import { findOrganization } from '../domain/orgs/org.repository.ts';
import { taskList } from './hires.pages.ts';
import { currentUser, formValue, notFound, render, UUID } from './shared.ts';

export function registerMePages(app: FastifyInstance, ctx: OnboardingContext): void {
  const newHire = async (request: FastifyRequest) => {
    const user = await currentUser(ctx, request);
    if (user?.role !== 'new_hire' || !user.new_hire_id) return undefined;
    const hire = await findHire(ctx.db, user.organization_id, user.new_hire_id);
    return hire ? { user, hire } : undefined;
  };

  app.get('/onboarding/me', async (request, reply) => {
    const me = await newHire(request);
    if (!me) return reply.redirect('/onboarding/me/sign-in', 303);
    const { user, hire } = me;
    const org = await findOrganization(ctx.db, user.organization_id);
    const journey = await findActiveJourney(ctx.db, user.organization_id, hire.id);
    const tasks = journey ? await listTasks(ctx.db, user.organization_id, journey.id) : [];
    const csrf = await reply.generateCsrf();
    const body = html`${pageHeader({ title: `Welcome, ${hire.name.split(' ')[0]}!`, subtitle: `Your first day at ${org?.name ?? 'your new company'} is ${hire.start_date}.` })}
    ${card({
      title: 'Your checklist',
      body: journey
        ? taskList(tasks, ctx.today(), csrf, (t) =>
            t.owner === 'new_hire' ? `/onboarding/me/tasks/${t.id}` : undefined,
          )
        : html`<p>Your checklist is being prepared. Check back soon.</p>`,
    })}`;
    return render(request, reply, { title: 'My checklist', user, body });
  });

  app.post<{ Params: { taskId: string } }>('/onboarding/me/tasks/:taskId', async (request, reply) => {
    const me = await newHire(request);
    if (!me) return reply.redirect('/onboarding/me/sign-in', 303);
    const journey = await findActiveJourney(ctx.db, me.user.organization_id, me.hire.id);
    const task =
      journey && UUID.test(request.params.taskId)
        ? (await listTasks(ctx.db, me.user.organization_id, journey.id)).find(
            (t) => t.id === request.params.taskId,
          )
        : undefined;
    // A new hire ticks off only their own tasks on their own journey; anything else is not theirs to see.
    if (task?.owner !== 'new_hire') return notFound(request, reply, me.user, 'task');
    await setTaskDone(
      ctx.db,
      me.user.organization_id,
      task.id,
      formValue(request.body, 'done') === '1',
      me.user.email,
    );
    return reply.redirect('/onboarding/me', 303);
  });
}
