// Settings › Audit log: filters (action, actor) as a GET form, the events newest first, keyset pages. Pure.
import {
  button,
  formField,
  html,
  pageHeader,
  pagination,
  table,
  type HtmlValue,
  type SafeHtml,
  type SelectOption,
} from '@hireloop/platform/html';
import type { AuditEventRow } from '@hireloop/platform/audit/audit';
import { ATS_AUDIT_ACTIONS } from '../../domain/audit/ats-audit.ts';
import type { AuditNames } from './audit-names.repository.ts';

export const AUDIT_PATH = '/ats/settings/audit';

export interface AuditFilters {
  readonly action?: string;
  /** `<actor type>:<id>` or `system`. */
  readonly actor?: string;
}

export interface AuditPageProps {
  readonly tabs: SafeHtml;
  readonly events: readonly AuditEventRow[];
  readonly names: AuditNames;
  readonly filters: AuditFilters;
  readonly nextToken?: string;
  readonly isLaterPage: boolean;
}

const ACTOR_LABEL: Record<string, string> = { user: 'User', api_key: 'API key', oauth_app: 'OAuth app' };

function actorOptions(names: AuditNames): SelectOption[] {
  const group = (type: keyof typeof ACTOR_LABEL, map: ReadonlyMap<string, string>) =>
    [...map].map(([id, name]) => ({ value: `${type}:${id}`, label: `${ACTOR_LABEL[type]}: ${name}` }));
  return [
    { value: '', label: 'Anyone' },
    { value: 'system', label: 'Hireloop (system)' },
    ...group('user', names.user),
    ...group('api_key', names.api_key),
    ...group('oauth_app', names.oauth_app),
  ];
}

function nameOf(names: AuditNames, type: string | null, id: string | null): string | undefined {
  if (!type || !id) return undefined;
  return (names as unknown as Record<string, ReadonlyMap<string, string> | undefined>)[type]?.get(id);
}

function actorCell(e: AuditEventRow, names: AuditNames): HtmlValue {
  if (e.actor_type === 'system') return 'Hireloop (system)';
  if (!e.actor_id) return e.actor_type === 'user' ? 'Not signed in' : ACTOR_LABEL[e.actor_type];
  const name = nameOf(names, e.actor_type, e.actor_id);
  return html`${ACTOR_LABEL[e.actor_type] ?? e.actor_type}: ${name ?? html`<code>${e.actor_id}</code>`}`;
}

function targetCell(e: AuditEventRow, names: AuditNames): HtmlValue {
  if (!e.target_type) return '—';
  const name = nameOf(names, e.target_type, e.target_id);
  const label = e.target_type.replace(/_/g, ' ');
  if (name) return html`${label}: ${name}`;
  return e.target_id ? html`${label} <code>${e.target_id}</code>` : label;
}

const show = (v: unknown): string =>
  Array.isArray(v)
    ? v.length
      ? v.map(show).join(', ')
      : '(none)'
    : typeof v === 'object' && v
      ? JSON.stringify(v)
      : String(v);

function detailsCell(e: AuditEventRow): HtmlValue {
  const entries = Object.entries(e.details ?? {});
  if (!entries.length) return '—';
  return html`<ul>${entries.map(([k, v]) => html`<li><span>${k}</span>: ${show(v)}</li>`)}</ul>`;
}

const when = (d: Date): string => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

function filterForm(p: AuditPageProps): SafeHtml {
  const actions: SelectOption[] = [
    { value: '', label: 'All actions' },
    ...ATS_AUDIT_ACTIONS.map((a) => ({ value: a, label: a })),
  ];
  return html`<form method="get" action="${AUDIT_PATH}" class="form" role="search" aria-label="Filter the audit log">
    <div class="form-row">
      ${formField({ type: 'select', name: 'action', label: 'Action', value: p.filters.action ?? '', options: actions })}
      ${formField({ type: 'select', name: 'actor', label: 'Actor', value: p.filters.actor ?? '', options: actorOptions(p.names) })}
    </div>
    <div class="form-actions">${button({ label: 'Filter', variant: 'secondary', type: 'submit' })}</div>
  </form>`;
}

export function auditPage(p: AuditPageProps): SafeHtml {
  const query = { action: p.filters.action, actor: p.filters.actor };
  return html`${p.tabs}${pageHeader({
    title: 'Audit log',
    subtitle:
      'Security-relevant changes in this account: credentials, webhooks, authorized apps, users, sign-ins and company settings. Newest first; details never include secrets.',
  })}
  ${filterForm(p)}
  ${table({
    caption: 'Audit events, newest first',
    columns: [
      {
        header: 'When',
        cell: (e) => html`<time datetime="${e.occurred_at.toISOString()}">${when(e.occurred_at)}</time>`,
        rowHeader: true,
      },
      { header: 'Action', cell: (e) => html`<code>${e.action}</code>` },
      { header: 'Actor', cell: (e) => actorCell(e, p.names) },
      { header: 'Target', cell: (e) => targetCell(e, p.names) },
      { header: 'Details', cell: detailsCell },
      { header: 'Address', cell: (e) => e.ip ?? '—' },
    ],
    rows: p.events,
    empty: p.filters.action || p.filters.actor ? 'No events match these filters.' : 'Nothing recorded yet.',
    footer: pagination({
      href: AUDIT_PATH,
      query,
      prevToken: p.isLaterPage ? '' : undefined,
      nextToken: p.nextToken,
      summary: p.isLaterPage ? 'Older events' : 'Latest events',
    }),
  })}`;
}
