// Careers admin sign-in (email + password) and sign-out. Organizations and admins are created by the
// composition root (demo seeder) or `createOrganizationWithAdmin`; there is no public sign-up.
import type { FastifyInstance } from 'fastify';
import { card, html, pageHeader } from '@hireloop/platform/html';
import { passwordSignInForm } from '@hireloop/app-kit/pages/sign-in-form';
import { signIn, signOut } from '@hireloop/platform/sessions/sessions';
import type { CareersContext } from '../context.ts';
import { signInWithPassword } from '../domain/orgs/accounts.service.ts';
import { formValue, render } from './shared.ts';

function signInForm(csrf: string, email = '', error?: string) {
  return html`${pageHeader({ title: 'Sign in', subtitle: 'Hireloop Careers — for your organization’s admins' })}
  ${card({
    body: passwordSignInForm({ action: '/careers/sign-in', csrf, email, error }),
  })}`;
}

export function registerAuthPages(app: FastifyInstance, ctx: CareersContext): void {
  app.get('/careers', async (request, reply) =>
    reply.redirect(request.session.userId ? '/careers/admin' : '/careers/sign-in', 303),
  );

  app.get('/careers/sign-in', async (request, reply) => {
    if (request.session.userId) return reply.redirect('/careers/admin', 303);
    return render(request, reply, { title: 'Sign in', body: signInForm(await reply.generateCsrf()) });
  });

  app.post('/careers/sign-in', async (request, reply) => {
    const email = formValue(request.body, 'email');
    const user = await signInWithPassword(ctx, email, formValue(request.body, 'password'));
    if (!user) {
      return render(request, reply, {
        title: 'Sign in',
        status: 401,
        body: signInForm(
          await reply.generateCsrf(),
          email,
          'That email and password do not match a careers admin. Check both.',
        ),
      });
    }
    const returnTo = request.session.returnTo;
    await signIn(request, user.id);
    request.session.returnTo = undefined;
    const to =
      returnTo?.startsWith('/careers/admin') && !returnTo.startsWith('//') ? returnTo : '/careers/admin';
    return reply.redirect(to, 303);
  });

  app.post('/careers/sign-out', async (request, reply) => {
    await signOut(request);
    return reply.redirect('/careers/sign-in', 303);
  });
}
