// The profile's action forms: stage change, archive / unarchive, tag and source add/remove, note. Each is
// a plain POST form with the CSRF field (works without script), answered by a redirect with a flash; a
// refused one re-renders the profile with the message beside the field and what was typed.
import { badge, button, csrfField, formField, html, path, type SafeHtml } from '@hireloop/platform/html';
import type { CandidateProfile } from './candidate-profile.repository.ts';
import { formatDate } from '../pipeline/pipeline.page.ts';

export type ProfileField = 'stage' | 'reason' | 'tags' | 'sources' | 'note';
export type ProfileValues = Partial<Record<ProfileField, string>>;
export type ProfileErrors = Partial<Record<ProfileField, string>>;

export interface FormContext {
  readonly profile: CandidateProfile;
  readonly csrfToken: string;
  readonly values: ProfileValues;
  readonly errors: ProfileErrors;
}

const action = (c: FormContext, what: string): string =>
  `${path`/ats/candidates/${c.profile.opportunity.id}`}/${what}`;

export function stageForm(c: FormContext): SafeHtml {
  const o = c.profile.opportunity;
  return html`<form method="post" action="${action(c, 'stage')}" class="stack">
    ${csrfField(c.csrfToken)}
    ${formField({
      type: 'select',
      name: 'stage',
      label: 'Stage',
      value: c.values.stage ?? o.stage_id,
      options: c.profile.stages.map((s) => ({ value: s.id, label: s.text })),
      error: c.errors.stage,
    })}
    <div class="form-actions">${button({ label: 'Move to stage', variant: 'primary' })}</div>
  </form>`;
}

export function archiveForm(c: FormContext): SafeHtml {
  const o = c.profile.opportunity;
  const active = c.profile.archiveReasons.filter((r) => r.status === 'active');
  const current = o.archive_reason_id
    ? c.profile.archiveReasons.find((r) => r.id === o.archive_reason_id)?.text
    : undefined;
  const status = o.archived_at
    ? html`<p>
        ${badge({ label: `Archived: ${current ?? 'unknown reason'}`, tone: current === 'Hired' ? 'success' : 'neutral', dot: true })}
        <span class="muted">since ${formatDate(o.archived_at)}</span>
      </p>`
    : html`<p>${badge({ label: 'Active', tone: 'brand', dot: true })}</p>`;
  const unarchive = o.archived_at
    ? html`<form method="post" action="${action(c, 'unarchive')}">
        ${csrfField(c.csrfToken)}${button({
          label: 'Unarchive',
          variant: 'secondary',
        })}
      </form>`
    : '';
  return html`<div class="stack">
    ${status}
    <form method="post" action="${action(c, 'archive')}" class="stack">
      ${csrfField(c.csrfToken)}
      ${formField({
        type: 'select',
        name: 'reason',
        label: o.archived_at ? 'Change the archive reason' : 'Archive with a reason',
        value: c.values.reason,
        placeholder: 'Choose a reason',
        options: active.map((r) => ({
          value: r.id,
          label: r.type === 'hired' ? `${r.text} (hire)` : r.text,
        })),
        error: c.errors.reason,
        hint: 'Archiving with a Hired reason marks the candidate hired.',
      })}
      <div class="form-actions">
        ${button({ label: o.archived_at ? 'Change reason' : 'Archive', variant: 'secondary' })}
      </div>
    </form>
    ${unarchive}
  </div>`;
}

export function labelsForm(c: FormContext, field: 'tags' | 'sources'): SafeHtml {
  const noun = field === 'tags' ? 'tag' : 'source';
  const values = c.profile.opportunity[field];
  const chips = values.length
    ? html`<ul class="label-list">
        ${values.map(
          (v) =>
            html`<li>
              <form method="post" action="${action(c, 'labels')}">
                ${csrfField(c.csrfToken)} <input type="hidden" name="field" value="${field}" /><input
                  type="hidden"
                  name="op"
                  value="remove"
                /><input type="hidden" name="value" value="${v}" />
                ${badge({ label: v, tone: field === 'tags' ? 'neutral' : 'info' })}
                ${button({ label: html`Remove<span class="visually-hidden"> ${noun} ${v}</span>`, variant: 'ghost', size: 'sm' })}
              </form>
            </li>`,
        )}
      </ul>`
    : html`<p class="muted">No ${noun}s yet.</p>`;
  return html`${chips}
    <form method="post" action="${action(c, 'labels')}" class="stack">
      ${csrfField(c.csrfToken)}<input type="hidden" name="field" value="${field}" /><input
        type="hidden"
        name="op"
        value="add"
      />
      ${formField({
        name: 'value',
        id: `field-new-${noun}`,
        label: `Add a ${noun}`,
        value: c.values[field],
        error: c.errors[field],
      })}
      <div class="form-actions">${button({ label: `Add ${noun}`, variant: 'secondary' })}</div>
    </form>`;
}

export function noteForm(c: FormContext): SafeHtml {
  return html`<form method="post" action="${action(c, 'notes')}" class="stack">
    ${csrfField(c.csrfToken)}
    ${formField({ type: 'textarea', name: 'value', id: 'field-note', label: 'Add a note', value: c.values.note, error: c.errors.note, rows: 3 })}
    <div class="form-actions">${button({ label: 'Add note', variant: 'primary' })}</div>
  </form>`;
}
