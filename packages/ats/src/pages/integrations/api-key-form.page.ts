// "Generate New Key": name, permission checkboxes grouped by resource (Read before Write, select-all per
// group), presets that fill the boxes (a submit button, so they work without script and keep the name),
// and "Allow access to confidential data" — with the warning that neither can be changed later. Pure.
import {
  attrs,
  button,
  card,
  checkboxGroup,
  csrfField,
  flash,
  formField,
  html,
  linkButton,
  type SafeHtml,
} from '@hireloop/platform/html';
import { PERMISSION_PRESETS, groupPermissions, type PermissionDefinition } from '@hireloop/lever/permissions';
import { API_KEYS_PATH } from './integrations-frame.ts';

export interface ApiKeyFormValues {
  readonly name: string;
  readonly permissions: ReadonlySet<string>;
  readonly confidential: boolean;
}

export interface ApiKeyFormErrors {
  readonly name?: string;
  readonly permissions?: string;
}

export const EMPTY_KEY_FORM: ApiKeyFormValues = { name: '', permissions: new Set(), confidential: false };

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function option(p: PermissionDefinition, values: ApiKeyFormValues, write: boolean) {
  return {
    value: p.key,
    label: html`${p.label} <span class="muted">(${write ? 'write' : 'read'})</span>`,
    checked: values.permissions.has(p.key),
  };
}

function presetsBlock(): SafeHtml {
  return html`<fieldset class="field">
    <legend class="field__label">Start from a preset</legend>
    <p class="field__hint" id="presets-hint">
      Fills in the permissions (and the confidential setting) a known kind of integration needs; you can still
      change them before generating the key.
    </p>
    ${Object.values(PERMISSION_PRESETS).map(
      (preset) => html`<div class="form-actions">
        ${button({
          label: preset.label,
          name: 'preset',
          value: preset.id,
          variant: 'secondary',
          size: 'sm',
          attrs: { formnovalidate: true, 'aria-describedby': `preset-${preset.id}-desc presets-hint` },
        })}<span class="muted" id="preset-${preset.id}-desc"
          >${preset.permissions.length} permissions${preset.confidentialAccess ? ', with access to confidential data' : ''}</span
        >
      </div>`,
    )}
  </fieldset>`;
}

export function apiKeyFormPage(p: {
  csrfToken: string;
  values: ApiKeyFormValues;
  errors: ApiKeyFormErrors;
  presetApplied?: string;
}): SafeHtml {
  const { values, errors } = p;
  const groups = groupPermissions().map((g) =>
    checkboxGroup({
      legend: g.group,
      name: 'permissions',
      id: `perm-${slug(g.group)}`,
      selectAll: `Select all ${g.group}`,
      hint: g.group.includes('legacy')
        ? 'Lever’s deprecated /candidates endpoints; some integrations still ask for them.'
        : undefined,
      options: [
        ...g.read.map((x) => option(x, values, false)),
        ...g.write.map((x) => option(x, values, true)),
      ],
    }),
  );
  const applied = p.presetApplied
    ? flash({
        tone: 'info',
        message: `Filled in the “${p.presetApplied}” preset. Review it, then generate the key.`,
      })
    : '';
  const permissionsError = errors.permissions
    ? html`<p class="field__error" id="permissions-error" role="alert">${errors.permissions}</p>`
    : '';
  return card({
    title: 'Generate new key',
    body: html`${applied}<form method="post" action="${API_KEYS_PATH}" class="form" novalidate>
  ${csrfField(p.csrfToken)}
  ${formField({
    label: 'Key name',
    name: 'name',
    value: values.name,
    required: true,
    error: errors.name,
    hint: 'Say which integration uses it, e.g. “Careers site sync”.',
    attrs: { maxlength: 120, autocomplete: 'off' },
  })}
  ${presetsBlock()}
  <section aria-labelledby="permissions-title" class="stack">
    <h2 id="permissions-title" class="card__title">Permissions</h2>${permissionsError}
    ${groups}
  </section>
  <div class="field">
    <div class="check"><input${attrs({
      type: 'checkbox',
      class: 'check__box',
      id: 'field-confidential',
      name: 'confidential',
      value: 'on',
      checked: values.confidential,
      'aria-describedby': 'field-confidential-desc',
    })}><label class="check__label" for="field-confidential">Allow access to confidential data</label>
    <p class="check__description" id="field-confidential-desc">Lets the key read confidential postings and their candidates. Without it they are invisible to the key.</p></div>
  </div>
  ${flash({
    tone: 'warning',
    message:
      'Permissions and confidential access cannot be changed after the key is created. To change them later, generate a new key and revoke this one.',
  })}
  <div class="form-actions">${button({ label: 'Generate key', variant: 'primary' })}${linkButton({ label: 'Cancel', href: API_KEYS_PATH })}</div>
</form>`,
  });
}
