// Sign-in (password or magic link), sign-up (a new organization), invitation acceptance and sign-out.
// Magic links and invitations open a page with a button: the POST uses the token, so a mail scanner that
// fetches links cannot burn it.
import type { FastifyInstance } from 'fastify';
import { button, card, csrfField, formField, html, linkButton, pageHeader } from '@hireloop/platform/html';
import { passwordSignInForm } from '@hireloop/app-kit/pages/sign-in-form';
import { signIn, signOut } from '@hireloop/platform/sessions/sessions';
import type { ReferralsContext } from '../context.ts';
import {
  AccountError,
  MIN_PASSWORD_LENGTH,
  registerWithInvitation,
  requestMagicLink,
  signInWithMagicLink,
  signInWithPassword,
  signUp,
} from '../domain/orgs/accounts.service.ts';
import { findOrganization } from '../domain/orgs/org.repository.ts';
import { peekToken, type AppUser } from '../domain/orgs/user.repository.ts';
import { currentUser, flashNext, formValue, render } from './shared.ts';

const homeFor = (user: AppUser) => (user.role === 'admin' ? '/referrals/admin' : '/referrals/jobs');

/** After sign-in: where they were going (only our own pages), else their home. */
function landing(returnTo: string | undefined, user: AppUser): string {
  return returnTo && returnTo.startsWith('/referrals/') && !returnTo.startsWith('//')
    ? returnTo
    : homeFor(user);
}

function signInForm(csrf: string, email = '', error?: string) {
  return html`${pageHeader({ title: 'Sign in', subtitle: 'Hireloop Referrals' })}
    <div class="grid">
      ${card({
        title: 'With your password',
        body: passwordSignInForm({ action: '/referrals/sign-in', csrf, email, error }),
      })}
      ${card({
        title: 'With a sign-in link',
        body: html`<form method="post" action="/referrals/magic-link" class="form">
          ${csrfField(csrf)}
          ${formField({ label: 'Email', name: 'email', type: 'email', value: email, required: true, autocomplete: 'email', hint: 'We email you a link that signs you in once, within 15 minutes.' })}
          <div class="form-actions">${button({ label: 'Email me a link' })}</div>
        </form>`,
      })}
    </div>
    <p>
      New company?
      ${linkButton({ label: 'Set up a referral program', href: '/referrals/signup', variant: 'ghost' })}
    </p>`;
}

export function registerAuthPages(app: FastifyInstance, ctx: ReferralsContext): void {
  app.get('/referrals', async (request, reply) => {
    const user = await currentUser(ctx, request);
    return reply.redirect(user ? homeFor(user) : '/referrals/sign-in', 303);
  });

  app.get('/referrals/sign-in', async (request, reply) => {
    const user = await currentUser(ctx, request);
    if (user) return reply.redirect(homeFor(user), 303);
    return render(request, reply, { title: 'Sign in', body: signInForm(await reply.generateCsrf()) });
  });

  app.post('/referrals/sign-in', async (request, reply) => {
    const email = formValue(request.body, 'email');
    const user = await signInWithPassword(ctx, email, formValue(request.body, 'password'));
    if (!user) {
      return render(request, reply, {
        title: 'Sign in',
        status: 401,
        body: signInForm(
          await reply.generateCsrf(),
          email,
          'That email and password do not match an account. Check both, or use a sign-in link.',
        ),
      });
    }
    const to = landing(request.session.returnTo, user);
    await signIn(request, user.id);
    request.session.returnTo = undefined;
    return reply.redirect(to, 303);
  });

  app.post('/referrals/magic-link', async (request, reply) => {
    await requestMagicLink(ctx, formValue(request.body, 'email'));
    flashNext(
      request,
      'info',
      'If that email belongs to an account, a sign-in link is on its way. It works once, for 15 minutes.',
    );
    return reply.redirect('/referrals/sign-in', 303);
  });

  app.get<{ Params: { token: string } }>('/referrals/magic/:token', async (request, reply) => {
    const csrf = await reply.generateCsrf();
    return render(request, reply, {
      title: 'Sign in',
      body: card({
        title: 'Sign in to Hireloop Referrals',
        body: html`<form
          method="post"
          action="${`/referrals/magic/${encodeURIComponent(request.params.token)}`}"
          class="form"
        >
          ${csrfField(csrf)}
          <p>Continue to sign in with the link we emailed you.</p>
          ${button({ label: 'Sign in', variant: 'primary' })}
        </form>`,
      }),
    });
  });

  app.post<{ Params: { token: string } }>('/referrals/magic/:token', async (request, reply) => {
    const user = await signInWithMagicLink(ctx, request.params.token);
    if (!user) {
      flashNext(
        request,
        'error',
        'That sign-in link has expired or was already used. Ask for a new one below.',
      );
      return reply.redirect('/referrals/sign-in', 303);
    }
    const to = landing(request.session.returnTo, user);
    await signIn(request, user.id);
    return reply.redirect(to, 303);
  });

  const signupForm = async (csrf: string, values: Record<string, string> = {}, error?: AccountError) =>
    html`${pageHeader({ title: 'Set up your referral program', subtitle: 'You will be the admin of your organization.' })}
    ${card({
      body: html`<form method="post" action="/referrals/signup" class="form">
        ${csrfField(csrf)}
        ${formField({ label: 'Company name', name: 'organizationName', value: values.organizationName, required: true, error: error?.field === 'organizationName' ? error.message : undefined })}
        ${formField({ label: 'Your name', name: 'name', value: values.name, required: true, autocomplete: 'name', error: error?.field === 'name' ? error.message : undefined })}
        ${formField({ label: 'Work email', name: 'email', type: 'email', value: values.email, required: true, autocomplete: 'email', error: error?.field === 'email' ? error.message : undefined })}
        ${formField({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'new-password', hint: `At least ${MIN_PASSWORD_LENGTH} characters.`, error: error?.field === 'password' ? error.message : undefined })}
        <div class="form-actions">${button({ label: 'Create organization', variant: 'primary' })}</div>
      </form>`,
    })}`;

  app.get('/referrals/signup', async (request, reply) =>
    render(request, reply, { title: 'Sign up', body: await signupForm(await reply.generateCsrf()) }),
  );

  app.post('/referrals/signup', async (request, reply) => {
    const values = Object.fromEntries(
      ['organizationName', 'name', 'email'].map((k) => [k, formValue(request.body, k)]),
    );
    try {
      const user = await signUp(ctx, {
        ...values,
        password: formValue(request.body, 'password'),
      } as Parameters<typeof signUp>[1]);
      await signIn(request, user.id);
      flashNext(request, 'success', 'Your organization is ready. Next: connect your ATS under Integrations.');
      return reply.redirect('/referrals/admin', 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return render(request, reply, {
        title: 'Sign up',
        status: 400,
        body: await signupForm(await reply.generateCsrf(), values, error),
      });
    }
  });

  const invitationForm = async (csrf: string, token: string, invited: AppUser, error?: AccountError) => {
    const org = await findOrganization(ctx.db, invited.organization_id);
    return html`${pageHeader({ title: `Join ${org?.name ?? 'your team'}`, subtitle: `Invitation for ${invited.email}` })}
    ${card({
      body: html`<form
        method="post"
        action="${`/referrals/invitations/${encodeURIComponent(token)}`}"
        class="form"
      >
        ${csrfField(csrf)}
        ${formField({ label: 'Your name', name: 'name', value: invited.name, required: true, autocomplete: 'name', error: error?.field === 'name' ? error.message : undefined })}
        ${formField({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', hint: `At least ${MIN_PASSWORD_LENGTH} characters. Leave empty to always sign in with an emailed link instead.`, error: error?.field === 'password' ? error.message : undefined })}
        <div class="form-actions">${button({ label: 'Join', variant: 'primary' })}</div>
      </form>`,
    })}`;
  };

  app.get<{ Params: { token: string } }>('/referrals/invitations/:token', async (request, reply) => {
    const invited = await peekToken(ctx.db, request.params.token, 'invitation');
    if (!invited) {
      return render(request, reply, {
        title: 'Invitation expired',
        status: 404,
        body: '',
        flash: {
          tone: 'error',
          title: 'This invitation link does not work any more',
          message:
            'It has expired or was already used. Ask the person who invited you for a new one, or sign in if you already joined.',
        },
      });
    }
    return render(request, reply, {
      title: 'Accept invitation',
      body: await invitationForm(await reply.generateCsrf(), request.params.token, invited),
    });
  });

  app.post<{ Params: { token: string } }>('/referrals/invitations/:token', async (request, reply) => {
    const password = formValue(request.body, 'password');
    try {
      const user = await registerWithInvitation(ctx, request.params.token, {
        name: formValue(request.body, 'name'),
        password: password || undefined,
      });
      await signIn(request, user.id);
      flashNext(request, 'success', 'Welcome! You are signed in.');
      return reply.redirect(homeFor(user), 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      const invited = await peekToken(ctx.db, request.params.token, 'invitation');
      if (!invited || !error.field) {
        flashNext(request, 'error', error.message);
        return reply.redirect('/referrals/sign-in', 303);
      }
      return render(request, reply, {
        title: 'Accept invitation',
        status: 400,
        body: await invitationForm(await reply.generateCsrf(), request.params.token, invited, error),
      });
    }
  });

  app.post('/referrals/sign-out', async (request, reply) => {
    await signOut(request);
    return reply.redirect('/referrals/sign-in', 303);
  });
}
