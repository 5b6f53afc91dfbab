// The posting form (create and edit) and the posting's page: state, links to the job site, and the
// publish / unpublish / close actions. Category pickers offer Settings › Company's values plus whatever
// the posting already has, so editing never drops a value written through the API. Pure.
import {
  badge,
  button,
  card,
  checkboxGroup,
  csrfField,
  flash,
  formField,
  html,
  linkButton,
  pageHeader,
  type HtmlValue,
  type SafeHtml,
  type SelectOption,
} from '@hireloop/platform/html';
import { WORKPLACE_TYPES } from '@hireloop/lever/wire';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';
import {
  COMMITMENTS,
  FORM_STATES,
  type PostingFormErrors,
  type PostingFormValues,
  type Structure,
} from './posting-form.ts';
import { POSTINGS_PATH, stateBadge } from './postings-list.page.ts';

export interface PostingFormPageProps {
  readonly csrfToken: string;
  readonly structure: Structure;
  readonly values: PostingFormValues;
  readonly errors: PostingFormErrors;
  /** The stored posting when editing. */
  readonly posting?: PostingRow;
  /** Public URL of the job on the job site, when it is published on the external channel. */
  readonly jobUrl?: string;
}

const STATE_LABELS: Record<string, string> = {
  draft: 'Draft — not visible anywhere',
  published: 'Published',
  internal: 'Internal — only on the internal job board',
  closed: 'Closed — no longer taking applications',
};
const WORKPLACE_LABELS: Record<string, string> = {
  unspecified: 'Not specified',
  'on-site': 'On-site',
  remote: 'Remote',
  hybrid: 'Hybrid',
};

/** Options from `names`, plus the current value when it is not among them (so it is not lost). */
function options(names: readonly string[], current: string, label = (n: string) => n): SelectOption[] {
  const all = current && !names.includes(current) ? [...names, current] : names;
  return all.map((n) => ({ value: n, label: label(n) }));
}

function teamOptions(s: Structure, current: string): SelectOption[] {
  const byId = new Map(s.departments.map((d) => [d.id, d.name]));
  const seen = new Set<string>();
  const out: SelectOption[] = [];
  for (const t of s.teams) {
    if (seen.has(t.name)) continue;
    seen.add(t.name);
    const homes = s.teams.filter((x) => x.name === t.name).map((x) => byId.get(x.department_id ?? '') ?? '');
    out.push({ value: t.name, label: `${t.name} (${homes.filter(Boolean).join(', ') || 'no department'})` });
  }
  if (current && !seen.has(current)) out.push({ value: current, label: current });
  return out;
}

function formBody(p: PostingFormPageProps): SafeHtml {
  const v = p.values;
  const e = p.errors;
  const s = p.structure;
  const action = p.posting ? `${POSTINGS_PATH}/${p.posting.id}` : POSTINGS_PATH;
  const problems = Object.keys(e).length;
  return html`${problems ? flash({ tone: 'error', title: problems === 1 ? 'Fix 1 problem to save' : `Fix ${problems} problems to save`, message: 'The fields with problems are marked below; nothing was saved.' }) : ''}
    <form method="post" action="${action}" class="form stack" novalidate>
      ${csrfField(p.csrfToken)}
      ${formField({ label: 'Job title', name: 'title', value: v.title, required: true, error: e.title })}
      <div class="form-row">
        ${formField({
          type: 'select',
          label: 'Department',
          name: 'department',
          value: v.department,
          placeholder: 'No department',
          options: options(
            s.departments.map((d) => d.name),
            v.department,
          ),
          error: e.department,
        })}
        ${formField({ type: 'select', label: 'Team', name: 'team', value: v.team, placeholder: 'No team', options: teamOptions(s, v.team), error: e.team, hint: 'A team must belong to the chosen department.' })}
      </div>
      <div class="form-row">
        ${formField({
          type: 'select',
          label: 'Location',
          name: 'location',
          value: v.location,
          placeholder: 'No location',
          options: options(
            s.locations.map((l) => l.name),
            v.location,
          ),
          error: e.location,
          hint: html`Locations come from <a href="/ats/settings/company">Company settings</a>.`,
        })}
        ${formField({ type: 'select', label: 'Commitment', name: 'commitment', value: v.commitment, placeholder: 'Not specified', options: options(COMMITMENTS, v.commitment), error: e.commitment })}
        ${formField({ type: 'select', label: 'Workplace type', name: 'workplaceType', value: v.workplaceType, options: options(WORKPLACE_TYPES, v.workplaceType, (w) => WORKPLACE_LABELS[w] ?? w), error: e.workplaceType })}
      </div>
      ${formField({ type: 'textarea', label: 'Description', name: 'description', value: v.description, rows: 10, error: e.description, hint: 'Plain text; a blank line starts a new paragraph.' })}
      <div class="form-row">
        ${formField({ type: 'select', label: 'State', name: 'state', value: v.state, options: options(FORM_STATES, v.state, (st) => STATE_LABELS[st] ?? st), error: e.state })}
        ${checkboxGroup({
          legend: 'Distribution channels',
          name: 'channels',
          error: e.channels,
          hint: 'Where a published posting appears.',
          options: [
            {
              value: 'public',
              label: 'External — the public job site',
              checked: v.channels.includes('public'),
            },
            {
              value: 'internal',
              label: 'Internal — the internal job board',
              checked: v.channels.includes('internal'),
            },
          ],
        })}
      </div>
      ${formField({ label: 'Tags', name: 'tags', value: v.tags, error: e.tags, hint: html`Separate tags with commas. <code>referralbonus:3000</code> sets the referral bonus that referral programs read.` })}
      <div class="form-actions">
        ${linkButton({ label: 'Cancel', href: p.posting ? `${POSTINGS_PATH}/${p.posting.id}` : POSTINGS_PATH, variant: 'secondary' })}${button({ label: p.posting ? 'Save changes' : 'Create posting', variant: 'primary' })}
      </div>
    </form>`;
}

function stateAction(
  csrf: string,
  id: string,
  state: string,
  label: string,
  variant: 'primary' | 'secondary' | 'danger',
  confirm?: string,
): SafeHtml {
  return html`<form method="post" action="${POSTINGS_PATH}/${id}/state" class="form-actions">
    ${csrfField(csrf)}<input
      type="hidden"
      name="state"
      value="${state}"
    />${button({ label, variant, confirm })}
  </form>`;
}

function actions(p: PostingFormPageProps): HtmlValue {
  const row = p.posting;
  if (!row) return '';
  const out: SafeHtml[] = [];
  if (row.state !== 'published')
    out.push(stateAction(p.csrfToken, row.id, 'published', 'Publish', 'primary'));
  if (row.state === 'published' || row.state === 'internal')
    out.push(stateAction(p.csrfToken, row.id, 'draft', 'Unpublish', 'secondary'));
  if (row.state !== 'closed')
    out.push(
      stateAction(
        p.csrfToken,
        row.id,
        'closed',
        'Close',
        'danger',
        `Close “${row.text}”? It stops taking applications.`,
      ),
    );
  if (p.jobUrl) out.push(linkButton({ label: 'View on job site', href: p.jobUrl, variant: 'ghost' }));
  return out;
}

export function postingFormPage(p: PostingFormPageProps): SafeHtml {
  const row = p.posting;
  const subtitle: HtmlValue = row
    ? html`${stateBadge(row.state)}
      ${row.distribution_channels?.length ? html`<span class="muted">on ${row.distribution_channels.map((c) => (c === 'public' ? 'external' : c)).join(' and ')} channels</span>` : ''}`
    : 'New postings start as drafts unless you choose another state.';
  return html`${pageHeader({
    title: row ? row.text : 'New posting',
    subtitle,
    breadcrumbs: [{ label: 'Postings', href: POSTINGS_PATH }],
    actions: actions(p),
  })}
  ${card({ title: row ? 'Edit posting' : 'Posting details', body: formBody(p) })}`;
}

export { badge };
