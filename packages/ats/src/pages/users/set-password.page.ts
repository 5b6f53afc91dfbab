// The page an invitation link opens: choose a password (twice). Shares the sign-in page's look.
import { button, csrfField, formField, html, type SafeHtml } from '@hireloop/platform/html';
import { authPanel } from '../auth/auth-panel.ts';
import { MIN_PASSWORD_LENGTH, SET_PASSWORD_PATH } from '../../domain/users/invitation.service.ts';

export interface SetPasswordProps {
  readonly csrfToken: string;
  readonly token: string;
  readonly name: string;
  readonly email: string;
  readonly accountName: string;
  readonly errors?: { password?: string; confirm?: string };
}

export function setPasswordPage(p: SetPasswordProps): SafeHtml {
  return authPanel({
    title: 'Choose your password',
    lead: html`Welcome, ${p.name}. You sign in to ${p.accountName} as <strong>${p.email}</strong>.`,
    body: html`<form method="post" action="${SET_PASSWORD_PATH}" class="stack">
      ${csrfField(p.csrfToken)}<input type="hidden" name="token" value="${p.token}" />
      <input type="email" name="username" value="${p.email}" autocomplete="username" hidden />
      ${formField({
        type: 'password',
        name: 'password',
        label: 'New password',
        required: true,
        autocomplete: 'new-password',
        hint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
        error: p.errors?.password,
      })}
      ${formField({
        type: 'password',
        name: 'confirm',
        label: 'Repeat the password',
        required: true,
        autocomplete: 'new-password',
        error: p.errors?.confirm,
      })}
      ${button({ label: 'Set password and sign in', variant: 'primary' })}
    </form>`,
  });
}
