// The consent page (reference §4.3): which app, which company, who is signed in, and the requested
// permissions in words (scope descriptions from @hireloop/lever/scopes). Accept / Deny post back to
// /oauth/authorize with the request carried in hidden fields. When the person may not accept (not a Super
// Admin, or a private app of another company), the page says why and offers only "Go back to the app".
import { describeScope } from '@hireloop/lever/scopes';
import { badge, button, csrfField, html, type SafeHtml } from '@hireloop/platform/html';
import { authPanel } from '../pages/auth/auth-panel.ts';

export interface ConsentPageProps {
  readonly appName: string;
  readonly accountName: string;
  readonly user: { name: string; email: string; role: string };
  readonly scopes: readonly string[];
  /** Hidden fields: the authorization request as received. */
  readonly params: Readonly<Record<string, string>>;
  readonly csrfToken: string;
  /** Why this person cannot accept; undefined when they can. */
  readonly blockedReason?: string;
  /** Scopes already granted to the app (shown as "already allowed"). */
  readonly alreadyGranted?: ReadonlySet<string>;
}

function scopeList(scopes: readonly string[], granted: ReadonlySet<string> | undefined): SafeHtml {
  return html`<ul class="scope-list">
    ${scopes.map(
      (s) =>
        html`<li class="scope-list__item">
          <span class="scope-list__text">${describeScope(s) ?? s}</span>
          <code class="scope-list__name">${s}</code>${
            granted?.has(s) ? html` ${badge({ label: 'already allowed', tone: 'neutral' })}` : ''
          }
        </li>`,
    )}
  </ul>`;
}

export function consentPage(props: ConsentPageProps): SafeHtml {
  const hidden = Object.entries(props.params).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  const actions = props.blockedReason
    ? html`${button({ label: 'Go back to the app', variant: 'secondary', name: 'decision', value: 'deny' })}`
    : html`${button({ label: 'Accept', variant: 'primary', name: 'decision', value: 'accept' })}
      ${button({ label: 'Deny', variant: 'secondary', name: 'decision', value: 'deny' })}`;
  return authPanel({
    title: html`Authorize ${props.appName}`,
    lead: html`<strong>${props.appName}</strong> asks for access to the data of
      <strong>${props.accountName}</strong> in Hireloop. If you accept, it applies to the whole company, not
      only to you.`,
    error: props.blockedReason,
    body: html`<h2 class="auth-panel__subtitle">${props.appName} will be able to:</h2>
      ${scopeList(props.scopes, props.alreadyGranted)}
      <p class="muted">
        Signed in as <strong>${props.user.name}</strong> (${props.user.email}) · ${props.user.role}. Only
        Super Admins can authorize apps. You can revoke access at any time under Settings › Integrations and
        API › Authorized Apps.
      </p>
      <form method="post" action="/oauth/authorize" class="form">
        ${csrfField(props.csrfToken)} ${hidden}
        <div class="form-actions">${actions}</div>
      </form>`,
  });
}
