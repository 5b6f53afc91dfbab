// Authorized Apps tab: each app an admin signed in to with this account ("Sign in with Lever"), the scopes
// it holds in words, who granted it and when, when it was last used, and Revoke access. Pure.
import { card, emptyState, html, linkButton, table, type SafeHtml } from '@hireloop/platform/html';
import type { AuthorizedApp } from '../../oauth/authorized-apps.routes.ts';
import { APPS_PATH, when } from './integrations-frame.ts';

function scopesCell(app: AuthorizedApp): SafeHtml {
  return html`<details>
    <summary>
      ${app.scopes.length} permission${app.scopes.length === 1 ? '' : 's'}
    </summary>
    <ul>
      ${app.scopes.map((s) => html`<li>${s.description} <code class="cell-sub">${s.scope}</code></li>`)}
    </ul>
  </details>`;
}

export function authorizedAppsPage(apps: readonly AuthorizedApp[]): SafeHtml {
  return card({
    title: 'Authorized apps',
    flush: true,
    body: table<AuthorizedApp>({
      caption: 'Apps with access to this account',
      captionHidden: true,
      rows: apps,
      empty: emptyState({
        title: 'No apps have access',
        message: 'Apps appear here when a Super Admin accepts their “Sign in with Lever” request.',
      }),
      columns: [
        { header: 'App', rowHeader: true, cell: (a) => a.name },
        { header: 'Can', cell: scopesCell },
        {
          header: 'Granted by',
          cell: (a) => html`${a.grantedBy.name}<br /><span class="cell-sub">${a.grantedBy.email}</span>`,
        },
        { header: 'Granted', cell: (a) => when(new Date(a.updatedAt)) },
        { header: 'Last used', cell: (a) => when(a.lastUsedAt === null ? null : new Date(a.lastUsedAt)) },
        {
          header: 'Access',
          cell: (a) =>
            linkButton({
              label: 'Revoke access',
              href: `${APPS_PATH}/${a.id}/revoke`,
              attrs: { 'aria-label': `Revoke access of ${a.name}` },
              variant: 'danger',
              size: 'sm',
            }),
        },
      ],
    }),
  });
}
