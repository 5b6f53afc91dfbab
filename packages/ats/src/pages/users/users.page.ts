// Settings › Users: invite a person (name, email, role), each user's role, status and actions. Pure.
import {
  attrs,
  badge,
  button,
  card,
  csrfField,
  formField,
  html,
  pageHeader,
  path,
  table,
  type SafeHtml,
} from '@hireloop/platform/html';
import { ACCESS_ROLES } from '@hireloop/lever/wire';
import type { UserRow } from '../../domain/users/user.repository.ts';

export const USERS_PATH = '/ats/settings/users';

export interface InviteValues {
  name?: string;
  email?: string;
  role?: string;
}
export type InviteErrors = Partial<Record<keyof InviteValues, string>>;

export interface UsersPageProps {
  readonly csrfToken: string;
  readonly tabs: SafeHtml;
  readonly me: UserRow;
  readonly users: readonly UserRow[];
  readonly invited: ReadonlySet<string>;
  /** Roles the signed-in user may give (Admins cannot make Super Admins). */
  readonly grantable: readonly string[];
  readonly values: InviteValues;
  readonly errors: InviteErrors;
  readonly nextHref?: string;
  readonly firstHref?: string;
}

const ROLE_HELP =
  'Super Admins and Admins manage settings and users; Team Members work with all non-confidential candidates; Limited Team Members see only the candidates of their postings; Interviewers see only candidates they interview.';

function inviteForm(p: UsersPageProps): SafeHtml {
  return html`<form method="post" action="${USERS_PATH}/invite" class="form">
    ${csrfField(p.csrfToken)}
    <div class="form-row">
      ${formField({ name: 'name', label: 'Name', value: p.values.name, error: p.errors.name, required: true, autocomplete: 'off' })}
      ${formField({ type: 'email', name: 'email', label: 'Email', value: p.values.email, error: p.errors.email, required: true, autocomplete: 'off' })}
      ${formField({
        type: 'select',
        name: 'role',
        label: 'Role',
        value: p.values.role ?? 'team member',
        options: p.grantable.map((r) => ({ value: r, label: r })),
        error: p.errors.role,
      })}
    </div>
    <p class="field__hint">${ROLE_HELP}</p>
    <div class="form-actions">${button({ label: 'Send invitation', variant: 'primary' })}</div>
  </form>`;
}

function status(u: UserRow, invited: ReadonlySet<string>): SafeHtml {
  if (u.deactivated_at) return badge({ label: 'Deactivated', tone: 'neutral', dot: true });
  if (!u.password_hash)
    return badge({ label: invited.has(u.id) ? 'Invited' : 'No password yet', tone: 'warning', dot: true });
  return badge({ label: 'Active', tone: 'success', dot: true });
}

function canManage(p: UsersPageProps, u: UserRow): boolean {
  return u.id !== p.me.id && (p.me.access_role === 'super admin' || u.access_role !== 'super admin');
}

function roleCell(p: UsersPageProps, u: UserRow): SafeHtml {
  if (!canManage(p, u)) return html`${u.access_role}`;
  const id = `role-${u.id}`;
  return html`<form method="post" action="${path`/ats/settings/users/${u.id}/role`}" class="inline-form">
  ${csrfField(p.csrfToken)}
  <select${attrs({ id, name: 'role', class: 'select', 'aria-label': `Role of ${u.name}` })}>${ACCESS_ROLES.filter(
    (r) => p.grantable.includes(r) || r === u.access_role,
  ).map(
    (r) => html`<option${attrs({ value: r, selected: r === u.access_role })}>${r}</option>`,
  )}</select>${button({ label: 'Change', size: 'sm', attrs: { 'aria-label': `Change role of ${u.name}` } })}
</form>`;
}

function actions(p: UsersPageProps, u: UserRow): SafeHtml {
  if (!canManage(p, u)) return html`<span class="muted">${u.id === p.me.id ? 'You' : '—'}</span>`;
  const post = (what: string, label: string, variant: 'secondary' | 'danger', confirm?: string) =>
    html`<form method="post" action="${path`/ats/settings/users/${u.id}`}/${what}">
      ${csrfField(p.csrfToken)}${button({
        label,
        attrs: { 'aria-label': `${label} ${u.name}` },
        variant,
        size: 'sm',
        confirm,
      })}
    </form>`;
  return html`<div class="label-list">
    ${
      u.deactivated_at
        ? post('reactivate', 'Reactivate', 'secondary')
        : post('deactivate', 'Deactivate', 'danger', `Deactivate ${u.name}? They are signed out everywhere.`)
    }${!u.deactivated_at && !u.password_hash ? post('invite-again', 'Resend invitation', 'secondary') : ''}
  </div>`;
}

export function usersPage(p: UsersPageProps): SafeHtml {
  const pager =
    p.nextHref || p.firstHref
      ? html`<nav class="pagination" aria-label="Pagination">
          <p class="pagination__summary"></p>
          <div class="pagination__links">
            ${
              p.firstHref
                ? html`<a class="btn btn--secondary btn--sm" href="${p.firstHref}">First page</a>`
                : ''
            }${p.nextHref ? html`<a class="btn btn--secondary btn--sm" href="${p.nextHref}" rel="next">Next page</a>` : ''}
          </div>
        </nav>`
      : '';
  return html`${pageHeader({ title: 'Users', subtitle: 'Who can sign in to the ATS, and with which role.' })}
  ${p.tabs} ${card({ title: 'Invite a person', body: inviteForm(p) })}
  ${card({
    title: 'Users',
    flush: true,
    body: table<UserRow>({
      caption: 'Users',
      captionHidden: true,
      rows: p.users,
      footer: pager,
      columns: [
        {
          header: 'Name',
          rowHeader: true,
          cell: (u) => html`${u.name}<span class="cell-sub">${u.email}</span>`,
        },
        { header: 'Role', cell: (u) => roleCell(p, u) },
        { header: 'Status', cell: (u) => status(u, p.invited) },
        { header: 'Actions', cell: (u) => actions(p, u) },
      ],
    }),
  })}`;
}
