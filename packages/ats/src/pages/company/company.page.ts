// Settings › Company: locations, and departments with their teams. Each item has a rename form and a
// remove button (confirmed); add forms sit under each list. Plain forms posting to company.routes.ts. Pure.
import {
  attrs,
  button,
  card,
  csrfField,
  formField,
  html,
  pageHeader,
  table,
  type HtmlValue,
  type SafeHtml,
} from '@hireloop/platform/html';
import type { DepartmentRow, LocationRow, TeamRow } from '../../domain/company/company.repository.ts';

export const COMPANY_PATH = '/ats/settings/company';
export type KindPath = 'locations' | 'departments' | 'teams';

export interface CompanyPageProps {
  readonly csrfToken: string;
  readonly locations: readonly LocationRow[];
  readonly departments: readonly DepartmentRow[];
  readonly teams: readonly TeamRow[];
  /** What was typed into an add form that failed, so it is not lost. */
  readonly pending?: { kind: KindPath; name: string; departmentId?: string };
}

/** Rename behind a disclosure (no script needed), so the list stays a list until someone edits. */
function renameForm(csrf: string, kind: KindPath, id: string, name: string): SafeHtml {
  const inputId = `rename-${kind}-${id}`;
  const input = attrs({
    id: inputId,
    name: 'name',
    class: 'input',
    value: name,
    required: true,
    maxlength: 120,
    'aria-label': `New name for ${name}`,
  });
  // Names go in aria-label, not visually-hidden spans: those are position:absolute, escape the table's
  // scroll region and widen the page on phones.
  return html`<details class="rename">
  <summary class="btn btn--secondary btn--sm" aria-label="Rename ${name}">Rename</summary>
  <form method="post" action="${COMPANY_PATH}/${kind}/${id}/rename" class="form-actions">
    ${csrfField(csrf)}<input${input}>
    ${button({ label: 'Save name', size: 'sm', variant: 'primary' })}
  </form>
</details>`;
}

function itemActions(csrf: string, kind: KindPath, id: string, name: string): SafeHtml {
  return html`<div class="form-actions">
    ${renameForm(csrf, kind, id, name)}${removeForm(csrf, kind, id, name)}
  </div>`;
}

function removeForm(csrf: string, kind: KindPath, id: string, name: string): SafeHtml {
  return html`<form method="post" action="${COMPANY_PATH}/${kind}/${id}/remove">
    ${csrfField(csrf)}${button({ label: 'Remove', variant: 'danger', size: 'sm', confirm: `Remove “${name}”?`, attrs: { 'aria-label': `Remove ${name}` } })}
  </form>`;
}

function addForm(
  csrf: string,
  kind: KindPath,
  label: string,
  value: string | undefined,
  extra: HtmlValue = '',
): SafeHtml {
  return html`<form method="post" action="${COMPANY_PATH}/${kind}" class="form-row">
    ${csrfField(csrf)}${formField({ label, name: 'name', id: `add-${kind}`, value, required: true, attrs: { maxlength: 120 } })}
    ${extra}
    <div class="form-actions">
      ${button({ label: `Add ${kind === 'locations' ? 'location' : kind === 'departments' ? 'department' : 'team'}`, variant: 'primary' })}
    </div>
  </form>`;
}

function locationsCard(p: CompanyPageProps): SafeHtml {
  const pending = p.pending?.kind === 'locations' ? p.pending.name : undefined;
  return card({
    title: html`<span id="locations">Locations</span>`,
    body: html`${table({
      caption: 'Locations',
      captionHidden: true,
      rows: p.locations,
      empty: 'No locations yet. Add the offices and remote regions you hire for.',
      columns: [
        { header: 'Location', rowHeader: true, cell: (l) => l.name },
        { header: 'Actions', cell: (l) => itemActions(p.csrfToken, 'locations', l.id, l.name) },
      ],
    })}${addForm(p.csrfToken, 'locations', 'New location', pending)}`,
  });
}

function departmentsCard(p: CompanyPageProps): SafeHtml {
  const rows = p.departments.flatMap((d) => [
    { kind: 'departments' as const, id: d.id, name: d.name, department: d.name },
    ...p.teams
      .filter((t) => t.department_id === d.id)
      .map((t) => ({ kind: 'teams' as const, id: t.id, name: t.name, department: d.name })),
  ]);
  const pendingDept = p.pending?.kind === 'departments' ? p.pending.name : undefined;
  const pendingTeam = p.pending?.kind === 'teams' ? p.pending : undefined;
  const departmentSelect = formField({
    type: 'select',
    label: 'Department',
    name: 'departmentId',
    id: 'add-teams-department',
    required: true,
    value: pendingTeam?.departmentId,
    placeholder: 'Choose a department',
    options: p.departments.map((d) => ({ value: d.id, label: d.name })),
  });
  return card({
    title: html`<span id="departments">Departments &amp; teams</span>`,
    body: html`${table({
      caption: 'Departments and their teams',
      captionHidden: true,
      rows,
      empty: 'No departments yet. Add one, then add its teams.',
      columns: [
        {
          header: 'Name',
          rowHeader: true,
          cell: (r) => (r.kind === 'departments' ? html`<strong>${r.name}</strong>` : r.name),
        },
        {
          header: 'Kind',
          cell: (r) => (r.kind === 'departments' ? 'Department' : html`Team in ${r.department}`),
        },
        { header: 'Actions', cell: (r) => itemActions(p.csrfToken, r.kind, r.id, r.name) },
      ],
    })}${addForm(p.csrfToken, 'departments', 'New department', pendingDept)}${
      p.departments.length
        ? addForm(p.csrfToken, 'teams', 'New team', pendingTeam?.name, departmentSelect)
        : ''
    }`,
  });
}

export function companyPage(p: CompanyPageProps): SafeHtml {
  return html`${pageHeader({
    title: 'Company settings',
    subtitle:
      'Locations, departments and teams that postings use. Renaming one updates the postings that use it.',
    breadcrumbs: [{ label: 'Settings', href: COMPANY_PATH }],
  })}
  ${locationsCard(p)} ${departmentsCard(p)}`;
}
