// /jobs/:site/:id/apply — the application form. Plain multipart form (works without script); every control
// has a label; errors are listed at the top (links to the fields) and next to each field, and the typed
// values come back filled in. A chosen file cannot be refilled by a server, so the form says to choose it
// again. Pure.
import {
  attrs,
  csrfField,
  flash,
  formField,
  html,
  type HtmlValue,
  type SafeHtml,
} from '@hireloop/platform/html';
import type { PostingRow } from '../../domain/postings/posting.repository.ts';
import { LINK_FIELDS, type ApplyFormErrors, type ApplyFormValues } from './apply-input.ts';
import { jobHref } from './job.page.ts';
import { jobMeta, withSource } from './job-parts.ts';

export interface ApplyFormProps {
  readonly site: string;
  readonly companyName: string;
  readonly posting: PostingRow;
  readonly values: ApplyFormValues;
  readonly errors: ApplyFormErrors;
  readonly csrfToken: string;
  /** True when the rejected submission carried a file (it is not kept). */
  readonly hadResume?: boolean;
  /** A message about the whole form (e.g. it expired), shown above it. */
  readonly notice?: string;
}

const LABELS: Record<keyof ApplyFormErrors, string> = {
  resume: 'Resume/CV',
  name: 'Full name',
  email: 'Email',
  phone: 'Phone',
  org: 'Current company',
  linkedin: 'LinkedIn profile',
  github: 'GitHub profile',
  portfolio: 'Portfolio or website',
  coverLetter: 'Cover letter',
  consent: 'Consent',
  source: 'Source',
};

function errorSummary(errors: ApplyFormErrors, notice: string | undefined): HtmlValue {
  const entries = Object.entries(errors) as [keyof ApplyFormErrors, string][];
  if (notice) return flash({ tone: 'warning', message: notice });
  if (!entries.length) return '';
  return html`<div class="flash flash--error" role="alert" tabindex="-1" id="error-summary">
    <div class="flash__text">
      <p class="flash__title">
        ${entries.length === 1 ? 'There is a problem with your application' : `There are ${entries.length} problems with your application`}
      </p>
      <ul>
        ${entries.map(([field, message]) => html`<li><a href="#field-${field}">${LABELS[field]}: ${message}</a></li>`)}
      </ul>
    </div>
  </div>`;
}

function fieldError(id: string, message: string | undefined): HtmlValue {
  return message ? html`<p class="field__error" id="${id}-error"><span>${message}</span></p>` : '';
}

function resumeField(error: string | undefined, hadResume: boolean): SafeHtml {
  const id = 'field-resume';
  const hint = hadResume
    ? 'Your file was not kept because the form had problems: please choose it again. PDF, Word, OpenDocument, RTF or text, up to 10 MB.'
    : 'PDF, Word, OpenDocument, RTF or text, up to 10 MB.';
  const input = attrs({
    type: 'file',
    id,
    name: 'resume',
    class: 'input',
    accept: '.pdf,.doc,.docx,.odt,.rtf,.txt',
    'aria-describedby': [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' '),
    'aria-invalid': error ? 'true' : undefined,
  });
  return html`<div class="${error ? 'field field--invalid' : 'field'}">
  <label class="field__label" for="${id}">Resume/CV</label>
  <input${input}>
  <p class="field__hint" id="${id}-hint">${hint}</p>${fieldError(id, error)}
</div>`;
}

function consentField(companyName: string, checked: boolean, error: string | undefined): SafeHtml {
  const id = 'field-consent';
  const input = attrs({
    type: 'checkbox',
    id,
    name: 'consent',
    value: 'yes',
    class: 'check__box',
    checked,
    required: true,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  });
  return html`<div class="${error ? 'field field--invalid' : 'field'}">
  <div class="check"><input${input}><label class="check__label" for="${id}">I agree that ${companyName} may store and process my application to consider me for this and similar jobs.<span class="field__required" aria-hidden="true"> *</span></label></div>
  ${fieldError(id, error)}
</div>`;
}

export function applyFormPage(p: ApplyFormProps): SafeHtml {
  const v = p.values;
  const e = p.errors;
  const action = withSource(`${jobHref(p.site, p.posting.id)}/apply`, v.source || undefined);
  return html`<article class="job-detail">
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        <li>
          <a href="${withSource(jobHref(p.site, p.posting.id), v.source || undefined)}">${p.posting.text}</a>
        </li>
      </ol>
    </nav>
    <div class="job-detail__head">
      <div>
        <h1>Apply for ${p.posting.text}</h1>
        ${jobMeta(p.posting)}
      </div>
    </div>
    ${errorSummary(e, p.notice)}
    <form class="form job-form" method="post" action="${action}" enctype="multipart/form-data" novalidate>
      ${csrfField(p.csrfToken)}
      <input type="hidden" name="source" value="${v.source}" />
      <fieldset class="stack">
        <legend>Submit your application</legend>
        ${resumeField(e.resume, p.hadResume === true)}
        ${formField({ label: 'Full name', name: 'name', value: v.name, required: true, autocomplete: 'name', error: e.name })}
        ${formField({ label: 'Email', name: 'email', type: 'email', value: v.email, required: true, autocomplete: 'email', error: e.email })}
        ${formField({ label: 'Phone', name: 'phone', type: 'tel', value: v.phone, autocomplete: 'tel', error: e.phone })}
        ${formField({ label: 'Current company', name: 'org', value: v.org, autocomplete: 'organization', error: e.org })}
      </fieldset>
      <fieldset class="stack">
        <legend>Links</legend>
        ${LINK_FIELDS.map((l) => formField({ label: l.label, name: l.name, type: 'url', value: v[l.name], placeholder: l.placeholder, autocomplete: 'url', error: e[l.name] }))}
      </fieldset>
      <fieldset class="stack">
        <legend>Cover letter</legend>
        ${formField({ type: 'textarea', label: 'Cover letter or additional information', name: 'coverLetter', value: v.coverLetter, rows: 8, hint: 'Optional. Anything you would like the team to know.', error: e.coverLetter })}
        ${consentField(p.companyName, v.consent, e.consent)}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn--primary">Submit application</button>
      </div>
    </form>
  </article>`;
}
