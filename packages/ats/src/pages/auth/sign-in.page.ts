// The sign-in page: one narrow card, the same frame as the OAuth consent page (auth-panel.ts).
import { button, csrfField, formField, html, type SafeHtml } from '@hireloop/platform/html';
import { authPanel } from './auth-panel.ts';

export interface SignInPageProps {
  readonly csrfToken: string;
  readonly returnTo: string;
  readonly email?: string;
  /** Shown (and required) when the email belongs to several companies. */
  readonly askSite?: boolean;
  readonly site?: string;
  readonly error?: string;
  /** Why the person is asked to sign in, e.g. "to authorize Acme Sync". */
  readonly reason?: string;
}

export function signInPage(props: SignInPageProps): SafeHtml {
  const site = props.askSite
    ? formField({
        label: 'Company site code',
        name: 'site',
        value: props.site,
        required: true,
        hint: 'Your email belongs to several companies; enter the site code of the one to sign in to (e.g. acme).',
        autocomplete: 'organization',
      })
    : props.site
      ? html`<input type="hidden" name="site" value="${props.site}" />`
      : '';
  return authPanel({
    title: 'Sign in',
    lead: props.reason ?? 'Sign in to the Hireloop ATS with your work email.',
    error: props.error,
    body: html`<form method="post" action="/ats/sign-in" class="form stack" novalidate>
      ${csrfField(props.csrfToken)}
      <input type="hidden" name="returnTo" value="${props.returnTo}" />
      ${formField({ label: 'Email', name: 'email', type: 'email', value: props.email, required: true, autocomplete: 'username' })}
      ${formField({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' })}
      ${site}
      <div class="form-actions">${button({ label: 'Sign in', variant: 'primary' })}</div>
    </form>`,
  });
}
