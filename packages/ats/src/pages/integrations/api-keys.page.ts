// API Credentials tab: the one-time display of a new key, the list of keys (name, prefix, permissions
// summarised and expandable, confidential, created by/at, last used) with Revoke, and — for Super Admins —
// which Admins may manage integrations. Pure.
import {
  badge,
  button,
  card,
  checkboxGroup,
  copyField,
  csrfField,
  emptyState,
  flash,
  html,
  linkButton,
  table,
  type SafeHtml,
} from '@hireloop/platform/html';
import {
  READ_ACTIONS,
  findPermission,
  groupPermissions,
  type PermissionDefinition,
} from '@hireloop/lever/permissions';
import type { ApiKeyRow } from '../../domain/api-keys/api-key.repository.ts';
import type { UserRow } from '../../domain/users/user.repository.ts';
import { API_KEYS_PATH, when } from './integrations-frame.ts';

export interface ApiKeyView {
  readonly key: ApiKeyRow;
  readonly createdBy: string | undefined;
}

export interface NewKeyNotice {
  readonly name: string;
  readonly secret: string;
}

export interface ApiKeysPageProps {
  readonly csrfToken: string;
  readonly keys: readonly ApiKeyView[];
  readonly newKey?: NewKeyNotice;
  /** Set for Super Admins: the account's Admins and their "manage integrations" flag. */
  readonly admins?: readonly UserRow[];
}

/** "19 permissions, read only" / "12 permissions, 4 can write". */
export function summarisePermissions(keys: readonly string[]): string {
  const defs = keys.map(findPermission).filter((p): p is PermissionDefinition => p !== undefined);
  const writes = defs.filter((p) => !READ_ACTIONS.includes(p.action)).length;
  const n = `${keys.length} permission${keys.length === 1 ? '' : 's'}`;
  return writes === 0 ? `${n}, read only` : `${n}, ${writes} can write`;
}

function permissionDetails(key: ApiKeyRow): SafeHtml {
  const defs = key.permissions.map(findPermission).filter((p): p is PermissionDefinition => p !== undefined);
  const groups = groupPermissions(defs);
  return html`<details class="key-permissions">
    <summary>
      ${summarisePermissions(key.permissions)}
    </summary>
    <ul>
      ${groups.map(
        (g) =>
          html`<li>
            <strong>${g.group}</strong>: ${[...g.read, ...g.write].map((p) => p.shortLabel).join(', ')}
          </li>`,
      )}
    </ul>
  </details>`;
}

function newKeyCard(k: NewKeyNotice): SafeHtml {
  return card({
    title: `Copy your new key “${k.name}” now`,
    body: html`${flash({
      tone: 'warning',
      title: 'This is the only time the key is shown.',
      message:
        'Copy it into your integration (or a password manager) before you leave this page. We store only a hash of it, so it cannot be shown again; if it is lost, generate a new key and revoke this one.',
    })}${copyField({
      id: 'new-api-key',
      label: 'API key',
      value: k.secret,
      hint: 'Use it as the username of HTTP Basic authentication with an empty password, as with Lever.',
    })}`,
  });
}

function keysTable(p: ApiKeysPageProps): SafeHtml {
  return table<ApiKeyView>({
    caption: 'API keys',
    captionHidden: true,
    rows: p.keys,
    empty: emptyState({
      title: 'No API keys yet',
      message: 'Generate a key for each integration, with only the permissions it needs.',
    }),
    columns: [
      { header: 'Name', rowHeader: true, cell: (v) => v.key.name },
      { header: 'Key', cell: (v) => html`<code>${v.key.prefix}…</code>` },
      { header: 'Permissions', cell: (v) => permissionDetails(v.key) },
      {
        header: 'Confidential data',
        cell: (v) =>
          v.key.confidential_access ? badge({ label: 'Allowed', tone: 'warning' }) : badge({ label: 'No' }),
      },
      { header: 'Created by', cell: (v) => v.createdBy ?? html`<span class="muted">—</span>` },
      { header: 'Created', cell: (v) => when(v.key.created_at) },
      { header: 'Last used', cell: (v) => when(v.key.last_used_at) },
      {
        header: 'Status',
        cell: (v) =>
          v.key.revoked_at
            ? html`${badge({ label: 'Revoked', tone: 'danger' })}
                <span class="cell-sub">${when(v.key.revoked_at)}</span>`
            : linkButton({
                label: 'Revoke',
                href: `${API_KEYS_PATH}/${v.key.id}/revoke`,
                attrs: { 'aria-label': `Revoke ${v.key.name}` },
                variant: 'danger',
                size: 'sm',
              }),
      },
    ],
  });
}

function managersCard(csrfToken: string, admins: readonly UserRow[]): SafeHtml {
  const body = admins.length
    ? html`<form method="post" action="${API_KEYS_PATH}/managers" class="form">
        ${csrfField(csrfToken)}${checkboxGroup({
          legend: 'Admins who can manage API credentials and integrations',
          name: 'userIds',
          hint: 'Super Admins always can. Other roles never can.',
          options: admins.map((a) => ({
            value: a.id,
            label: a.name,
            description: a.email,
            checked: a.can_manage_integrations,
          })),
        })}
        <div class="form-actions">${button({ label: 'Save access', variant: 'secondary' })}</div>
      </form>`
    : html`<p class="muted">This account has no Admins. Super Admins always manage integrations.</p>`;
  return card({ title: 'Who can manage integrations', body });
}

export function apiKeysPage(p: ApiKeysPageProps): SafeHtml {
  return html`${p.newKey ? newKeyCard(p.newKey) : ''}${card({
    title: 'API keys',
    flush: true,
    actions: linkButton({ label: 'Generate new key', href: `${API_KEYS_PATH}/new`, variant: 'primary' }),
    body: keysTable(p),
  })}${p.admins ? managersCard(p.csrfToken, p.admins) : ''}`;
}
