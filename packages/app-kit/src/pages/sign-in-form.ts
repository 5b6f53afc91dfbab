// The email + password sign-in form every app shows (its own page header, cards and links around it). Pure:
// a function of its props, like the platform components.
import { button, csrfField, formField, html, type SafeHtml } from '@hireloop/platform/html';

export function passwordSignInForm(props: {
  /** Where the form posts, e.g. `/referrals/sign-in`. */
  action: string;
  csrf: string;
  email?: string;
  /** Shown on the email field (the pair did not match). */
  error?: string;
}): SafeHtml {
  return html`<form method="post" action="${props.action}" class="form">
    ${csrfField(props.csrf)}
    ${formField({ label: 'Email', name: 'email', type: 'email', value: props.email ?? '', required: true, autocomplete: 'username', error: props.error })}
    ${formField({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' })}
    <div class="form-actions">${button({ label: 'Sign in', variant: 'primary' })}</div>
  </form>`;
}
