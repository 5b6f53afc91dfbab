// The frame shared by sign-in and the OAuth consent page (issue 6: "consent page and sign-in of the OAuth
// flow share the same look"): a centred card with a heading, a lead sentence and an optional error.
import { flash, html, type HtmlValue, type SafeHtml } from '@hireloop/platform/html';

export interface AuthPanelProps {
  readonly title: HtmlValue;
  readonly lead?: HtmlValue;
  readonly error?: string;
  readonly body: HtmlValue;
  readonly footer?: HtmlValue;
}

export function authPanel(props: AuthPanelProps): SafeHtml {
  return html`<section class="auth-panel card" aria-labelledby="auth-title">
    <div class="card__body stack">
      <h1 id="auth-title" class="auth-panel__title">${props.title}</h1>
      ${props.lead ? html`<p class="auth-panel__lead">${props.lead}</p>` : ''}
      ${props.error ? flash({ tone: 'error', message: props.error }) : ''} ${props.body}
    </div>
    ${props.footer ? html`<div class="card__footer">${props.footer}</div>` : ''}
  </section>`;
}

export const ATS_APP = Object.freeze({ name: 'Hireloop ATS', href: '/ats' });
