// Form controls. Every control has a <label for>, hints and errors are tied with aria-describedby, and
// ids are derived from props (pure: the same props always give the same markup).
import { attrs, classes, html, type HtmlValue, type SafeHtml } from './html.ts';
import { icons } from './icons.ts';
import { button, type ExtraAttrs } from './primitives.ts';

/** Form field and header names the CSRF check reads (keep in sync with the session/CSRF plugin). */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function csrfField(token: string | undefined): SafeHtml {
  return token ? html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">` : html``;
}

/** `tags[]` → `field-tags`; ids must be stable and valid, names may contain anything. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

interface FieldBase {
  label: HtmlValue;
  name: string;
  id?: string;
  hint?: HtmlValue;
  /** A message that says what is wrong and how to fix it; marks the control aria-invalid. */
  error?: string;
  required?: boolean;
  attrs?: ExtraAttrs;
}

export type FormFieldProps = FieldBase &
  (
    | {
        type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'number' | 'date' | 'search';
        value?: string | number;
        placeholder?: string;
        autocomplete?: string;
      }
    | { type: 'textarea'; value?: string; placeholder?: string; rows?: number }
    | { type: 'select'; value?: string; options: readonly SelectOption[]; placeholder?: string }
  );

export function formField(props: FormFieldProps): SafeHtml {
  const id = props.id ?? fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const common = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
  let control: SafeHtml;
  if (props.type === 'textarea') {
    const a = attrs({
      ...common,
      class: 'textarea',
      rows: props.rows ?? 4,
      placeholder: props.placeholder,
      ...props.attrs,
    });
    control = html`<textarea${a}>${props.value}</textarea>`;
  } else if (props.type === 'select') {
    const a = attrs({ ...common, class: 'select', ...props.attrs });
    const placeholder = props.placeholder ? html`<option value="">${props.placeholder}</option>` : '';
    control = html`<select${a}>${placeholder}${props.options.map(
      (o) =>
        html`<option${attrs({ value: o.value, selected: o.value === props.value, disabled: o.disabled })}>${o.label}</option>`,
    )}</select>`;
  } else {
    const a = attrs({
      ...common,
      class: 'input',
      type: props.type ?? 'text',
      value: props.value,
      placeholder: props.placeholder,
      autocomplete: props.autocomplete,
      ...props.attrs,
    });
    control = html`<input${a}>`;
  }
  return html`<div class="${classes('field', props.error && 'field--invalid')}">
  <label class="field__label" for="${id}">${props.label}${requiredMark(props.required)}</label>
  ${control}${hintId ? html`<p class="field__hint" id="${hintId}">${props.hint}</p>` : ''}${fieldError(errorId, props.error)}
</div>`;
}

function requiredMark(required: boolean | undefined): HtmlValue {
  // The control's `required` attribute is what assistive tech announces; the asterisk is visual only.
  return required ? html`<span class="field__required" aria-hidden="true"> *</span>` : '';
}

function fieldError(id: string | undefined, message: string | undefined): HtmlValue {
  return id ? html`<p class="field__error" id="${id}">${icons.error}<span>${message}</span></p>` : '';
}

export interface CheckboxOption {
  value: string;
  label: HtmlValue;
  description?: HtmlValue;
  checked?: boolean;
}

export interface CheckboxGroupProps {
  legend: HtmlValue;
  name: string;
  options: readonly CheckboxOption[];
  id?: string;
  hint?: HtmlValue;
  error?: string;
  /** Adds a "select all" box (shown only when hireloop.js runs; it is useless without script). */
  selectAll?: boolean | string;
}

export function checkboxGroup(props: CheckboxGroupProps): SafeHtml {
  const id = props.id ?? fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const selectAllLabel = typeof props.selectAll === 'string' ? props.selectAll : 'Select all';
  const selectAll = props.selectAll
    ? html`<label class="check check--all" data-requires-js hidden><input type="checkbox" class="check__box" data-select-all="${id}"><span class="check__label">${selectAllLabel}</span></label>`
    : '';
  const options = props.options.map((o, i) => {
    const optionId = `${id}-${i}`;
    const descId = o.description ? `${optionId}-desc` : undefined;
    const a = attrs({
      type: 'checkbox',
      class: 'check__box',
      id: optionId,
      name: props.name,
      value: o.value,
      checked: o.checked,
      'aria-describedby': descId,
    });
    return html`<div class="check"><input${a}><label class="check__label" for="${optionId}">${o.label}</label>${
      descId ? html`<p class="check__description" id="${descId}">${o.description}</p>` : ''
    }</div>`;
  });
  return html`<fieldset${attrs({ class: classes('field', 'checkbox-group', props.error && 'field--invalid'), id, 'aria-describedby': describedBy })}>
  <legend class="field__label">${props.legend}</legend>${hintId ? html`<p class="field__hint" id="${hintId}">${props.hint}</p>` : ''}
  ${selectAll}<div class="checkbox-group__options">${options}</div>${fieldError(errorId, props.error)}
</fieldset>`;
}

export interface CopyFieldProps {
  label: HtmlValue;
  value: string;
  id: string;
  hint?: HtmlValue;
}

/** A read-only value (API key, link) with a copy button; the button appears once hireloop.js runs. */
export function copyField(props: CopyFieldProps): SafeHtml {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const input = attrs({
    id: props.id,
    class: 'input input--mono',
    type: 'text',
    value: props.value,
    readonly: true,
    spellcheck: 'false',
    'aria-describedby': hintId,
  });
  return html`<div class="field">
  <label class="field__label" for="${props.id}">${props.label}</label>
  <div class="copy-field"><input${input}><button type="button" class="btn btn--secondary" data-copy-target="${props.id}" data-requires-js hidden>${icons.copy}<span data-copy-label>Copy</span></button></div>${
    hintId ? html`<p class="field__hint" id="${hintId}">${props.hint}</p>` : ''
  }
  <span class="visually-hidden" role="status" data-copy-status="${props.id}"></span>
</div>`;
}

export interface ConfirmFormProps {
  /** Used for the heading id (aria-labelledby). */
  id: string;
  title: HtmlValue;
  message: HtmlValue;
  action: string;
  confirmLabel: string;
  csrfToken?: string;
  cancelHref?: string;
  /** Extra hidden fields, e.g. the id of the thing being revoked. */
  hidden?: Readonly<Record<string, string>>;
  /** Also ask in a browser prompt before submitting (hireloop.js). */
  prompt?: string;
}

function confirmForm(props: ConfirmFormProps, cancel: HtmlValue): SafeHtml {
  const hidden = Object.entries(props.hidden ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  return html`<form method="post" action="${props.action}" class="form-actions"${attrs({ 'data-confirm': props.prompt })}>
    ${csrfField(props.csrfToken)}${hidden}${cancel}${button({ label: props.confirmLabel, variant: 'danger' })}
  </form>`;
}

/**
 * A confirmation step rendered by the server: its own page for no-JS flows, or swapped in by htmx.
 * Deliberately not role="dialog": it is not modal and manages no focus, so it is a labelled region.
 */
export function confirmDialog(props: ConfirmFormProps): SafeHtml {
  const cancel = props.cancelHref
    ? html`<a class="btn btn--secondary" href="${props.cancelHref}">Cancel</a>`
    : '';
  return html`<section class="card card--danger confirm" aria-labelledby="${props.id}-title">
  <div class="card__body">
    <h2 class="card__title" id="${props.id}-title">${props.title}</h2>
    <p class="confirm__message">${props.message}</p>
    ${confirmForm(props, cancel)}
  </div>
</section>`;
}

/** The "danger zone" row at the bottom of a settings page: explanation on the left, action on the right. */
export function dangerZone(props: { title?: HtmlValue; items: readonly ConfirmFormProps[] }): SafeHtml {
  return html`<section class="card card--danger danger-zone" aria-labelledby="danger-zone-title">
  <div class="card__head"><h2 class="card__title" id="danger-zone-title">${props.title ?? 'Danger zone'}</h2></div>
  <div class="card__body">${props.items.map(
    (item) => html`<div class="danger-zone__item">
    <div><h3 class="danger-zone__title" id="${item.id}-title">${item.title}</h3><p class="danger-zone__message">${item.message}</p></div>
    ${confirmForm(item, '')}
  </div>`,
  )}</div>
</section>`;
}
