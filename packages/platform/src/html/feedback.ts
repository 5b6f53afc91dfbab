// Messages to the person: flash banners and the body of error pages.
import { html, type HtmlValue, type SafeHtml } from './html.ts';
import { icons } from './icons.ts';

export type FlashTone = 'success' | 'error' | 'info' | 'warning';

export interface FlashProps {
  tone: FlashTone;
  message: HtmlValue;
  title?: HtmlValue;
}

/** Errors interrupt (role=alert); everything else is announced politely (role=status). */
export function flash(props: FlashProps): SafeHtml {
  const role = props.tone === 'error' ? 'alert' : 'status';
  return html`<div class="flash flash--${props.tone}" role="${role}">${icons[props.tone]}<div class="flash__text">${
    props.title ? html`<p class="flash__title">${props.title}</p>` : ''
  }<p>${props.message}</p></div></div>`;
}

export interface ErrorPageProps {
  status: number;
  /** Defaults to a sentence per status. */
  title?: string;
  /** Say why and what to do next ("Only admins can manage API keys. Ask an admin of Acme for access."). */
  message?: string;
  /** Shown so a person can quote it to support; 5xx details live in the log under this id. */
  requestId?: string;
  homeHref?: string;
}

const DEFAULTS: Record<number, { title: string; message: string }> = {
  400: {
    title: 'That request did not work',
    message: 'Something in the request was not valid. Go back, check the form and try again.',
  },
  401: { title: 'Please sign in', message: 'You need to sign in to see this page.' },
  403: {
    title: 'You don’t have access to this page',
    message: 'Your account does not have permission for this. Ask an administrator if you need it.',
  },
  404: {
    title: 'Page not found',
    message: 'The page may have moved, or the link may be mistyped. Check the address or go back home.',
  },
  429: { title: 'Too many requests', message: 'Please wait a moment and try again.' },
  500: {
    title: 'Something went wrong on our side',
    message:
      'The error has been logged. Try again in a moment; if it keeps happening, contact support with the request id below.',
  },
};

export function errorDefaults(status: number): { title: string; message: string } {
  return DEFAULTS[status] ?? DEFAULTS[status >= 500 ? 500 : 400] ?? { title: 'Error', message: '' };
}

/** The error content without the page chrome (for htmx partials and inside layout()). */
export function errorPanel(props: ErrorPageProps): SafeHtml {
  const d = errorDefaults(props.status);
  return html`<section class="error-panel" aria-labelledby="error-title">
  <p class="error-panel__status">Error ${props.status}</p>
  <h1 id="error-title">${props.title ?? d.title}</h1>
  <p class="error-panel__message">${props.message ?? d.message}</p>${
    props.requestId
      ? html`<p class="error-panel__request">Request id <code>${props.requestId}</code></p>`
      : ''
  }
  <p><a class="btn btn--primary" href="${props.homeHref ?? '/'}">Go to the home page</a></p>
</section>`;
}

export function flashes(items: FlashProps | readonly FlashProps[] | undefined): HtmlValue {
  if (items === undefined) return '';
  return (Array.isArray(items) ? (items as readonly FlashProps[]) : [items as FlashProps]).map(flash);
}
