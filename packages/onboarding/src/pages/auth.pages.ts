// Sign-in for people ops (email + password), the first admin's invitation (choose a password), magic links
// for new hires (from the welcome mail, or asked for again on /onboarding/me/sign-in), sign-out. The same
// answer whether or not an email is known.
import type { FastifyInstance } from 'fastify';
import { button, card, csrfField, formField, html, pageHeader } from '@hireloop/platform/html';
import { passwordSignInForm } from '@hireloop/app-kit/pages/sign-in-form';
import { signIn, signOut } from '@hireloop/platform/sessions/sessions';
import type { OnboardingContext } from '../context.ts';
import { findOrganization, peekToken } from '../domain/orgs/org.repository.ts';
import {
  acceptInvitation,
  AccountError,
  MIN_PASSWORD_LENGTH,
  requestMagicLink,
  signInWithMagicLink,
  signInWithPassword,
} from '../domain/orgs/accounts.service.ts';
import { currentUser, flashNext, formValue, render } from './shared.ts';

export function registerAuthPages(app: FastifyInstance, ctx: OnboardingContext): void {
  const signInForm = async (csrf: string, email = '', error?: string) =>
    html`${pageHeader({ title: 'Sign in to Onboarding', subtitle: 'For people ops. New hires: use the link in your welcome email.' })}
    ${card({
      body: html`${passwordSignInForm({ action: '/onboarding/sign-in', csrf, email, error })}
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

  const invitationForm = async (csrf: string, token: string, error?: string) => {
    const invited = await peekToken(ctx.db, token);
    if (invited?.role !== 'people_ops')
      return html`${pageHeader({ title: 'This invitation cannot be used' })}
        <p>
          It has expired or was already used. <a href="/onboarding/sign-in">Sign in</a> if you already chose a
          password.
        </p>`;
    const org = await findOrganization(ctx.db, invited.organization_id);
    return html`${pageHeader({ title: `Join ${org?.name ?? 'your team'} onboarding`, subtitle: `Invitation for ${invited.email}` })}
    ${card({
      body: html`<form method="post" action="/onboarding/invitations/${token}" class="form">
        ${csrfField(csrf)}
        ${formField({ label: 'Choose a password', name: 'password', type: 'password', required: true, autocomplete: 'new-password', hint: `At least ${MIN_PASSWORD_LENGTH} characters.`, error })}
        <div class="form-actions">${button({ label: 'Set password and sign in', variant: 'primary' })}</div>
      </form>`,
    })}`;
  };

  // GET only shows the form: a mail scanner opening the link must not use it up.
  app.get<{ Params: { token: string } }>('/onboarding/invitations/:token', async (request, reply) =>
    render(request, reply, {
      title: 'Invitation',
      body: await invitationForm(await reply.generateCsrf(), request.params.token),
    }),
  );

  app.post<{ Params: { token: string } }>('/onboarding/invitations/:token', async (request, reply) => {
    try {
      const user = await acceptInvitation(ctx, request.params.token, formValue(request.body, 'password'));
      await signIn(request, user.id);
      flashNext(request, 'success', 'Password set. Next: connect the ATS.');
      return reply.redirect('/onboarding/connect', 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return render(request, reply, {
        title: 'Invitation',
        status: 400,
        body: await invitationForm(await reply.generateCsrf(), request.params.token, error.message),
      });
    }
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
