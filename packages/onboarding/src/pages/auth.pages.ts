// Sign-in for people ops (email + password), magic links for new hires (from the welcome mail, or asked
// for again on /onboarding/me/sign-in), sign-out. The same answer whether or not an email is known.
import type { FastifyInstance } from 'fastify';
import { button, card, csrfField, formField, html, pageHeader } from '@hireloop/platform/html';
import { signIn, signOut } from '@hireloop/platform/sessions/sessions';
import type { OnboardingContext } from '../context.ts';
import {
  requestMagicLink,
  signInWithMagicLink,
  signInWithPassword,
} from '../domain/orgs/accounts.service.ts';
import { currentUser, flashNext, formValue, render } from './shared.ts';

export function registerAuthPages(app: FastifyInstance, ctx: OnboardingContext): void {
  const signInForm = async (csrf: string, email = '', error?: string) =>
    html`${pageHeader({ title: 'Sign in to Onboarding', subtitle: 'For people ops. New hires: use the link in your welcome email.' })}
    ${card({
      body: html`<form method="post" action="/onboarding/sign-in" class="form">
          ${csrfField(csrf)}
          ${formField({ label: 'Email', name: 'email', type: 'email', value: email, required: true, autocomplete: 'username', error })}
          ${formField({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' })}
          <div class="form-actions">${button({ label: 'Sign in', variant: 'primary' })}</div>
        </form>
        <p><a href="/onboarding/me/sign-in">New hire? Get a sign-in link by email</a></p>`,
    })}`;

  app.get('/onboarding', async (request, reply) => {
    const user = await currentUser(ctx, request);
    return reply.redirect(
      !user ? '/onboarding/sign-in' : user.role === 'new_hire' ? '/onboarding/me' : '/onboarding/hires',
      303,
    );
  });

  app.get('/onboarding/sign-in', async (request, reply) =>
    render(request, reply, { title: 'Sign in', body: await signInForm(await reply.generateCsrf()) }),
  );

  app.post('/onboarding/sign-in', async (request, reply) => {
    const email = formValue(request.body, 'email');
    const user = await signInWithPassword(ctx, email, formValue(request.body, 'password'));
    if (!user)
      return render(request, reply, {
        title: 'Sign in',
        status: 401,
        body: await signInForm(
          await reply.generateCsrf(),
          email,
          'That email and password do not match an account.',
        ),
      });
    const to = request.session.returnTo;
    await signIn(request, user.id);
    return reply.redirect(to?.startsWith('/onboarding') ? to : '/onboarding/hires', 303);
  });

  app.post('/onboarding/sign-out', async (request, reply) => {
    await signOut(request);
    return reply.redirect('/onboarding/sign-in', 303);
  });

  app.get<{ Params: { token: string } }>('/onboarding/magic/:token', async (request, reply) => {
    const user = await signInWithMagicLink(ctx, request.params.token);
    if (!user) {
      flashNext(
        request,
        'error',
        'This sign-in link has expired or was already used. Ask for a new one below.',
      );
      return reply.redirect('/onboarding/me/sign-in', 303);
    }
    await signIn(request, user.id);
    return reply.redirect(user.role === 'new_hire' ? '/onboarding/me' : '/onboarding/hires', 303);
  });

  app.get('/onboarding/me/sign-in', async (request, reply) =>
    render(request, reply, {
      title: 'Your checklist',
      body: html`${pageHeader({ title: 'Open your onboarding checklist', subtitle: 'We email you a link that signs you in.' })}
      ${card({
        body: html`<form method="post" action="/onboarding/me/sign-in" class="form">
          ${csrfField(await reply.generateCsrf())}
          ${formField({ label: 'Your email', name: 'email', type: 'email', required: true, autocomplete: 'email' })}
          <div class="form-actions">${button({ label: 'Email me a link', variant: 'primary' })}</div>
        </form>`,
      })}`,
    }),
  );

  app.post('/onboarding/me/sign-in', async (request, reply) => {
    await requestMagicLink(ctx, formValue(request.body, 'email'));
    flashNext(request, 'success', 'If that email belongs to a new hire, a sign-in link is on its way.');
    return reply.redirect('/onboarding/me/sign-in', 303);
  });
}
