// The ATS integration form (the seed article's fields), its save with checks against the ATS, and the live
// preview (htmx) of how the remote/hybrid patterns classify the current jobs.
import type { FastifyInstance } from 'fastify';
import {
  badge,
  button,
  card,
  checkboxGroup,
  csrfField,
  formField,
  html,
  isHtmx,
  pageHeader,
  sendHtml,
  table,
  type HtmlValue,
} from '@hireloop/platform/html';
import type { CareersContext } from '../context.ts';
import type { IntegrationRow } from '../db.ts';
import { formatHiddenRules, HIDDEN_FIELDS } from '../domain/classify/hidden-rules.ts';
import {
  classifyWorkMode,
  compileWorkModeRules,
  RegexError,
  WORK_MODE_LABELS,
} from '../domain/classify/work-mode.ts';
import { configureIntegration, IntegrationCheckError } from '../domain/integration/configure.service.ts';
import { ENVIRONMENT_LABELS } from '../domain/integration/endpoints.ts';
import { findIntegration } from '../domain/integration/integration.repository.ts';
import {
  dateInput,
  parseSettingsForm,
  type FieldErrors,
  type SettingsForm,
} from '../domain/integration/settings-form.ts';
import { DEFAULT_POLL_MINUTES, ENVIRONMENTS, MIN_POLL_MINUTES } from '../domain/integration/settings.ts';
import { listAllJobs } from '../domain/jobs/job.repository.ts';
import { flashNext, formValue, formValues, render, requireAdmin } from './shared.ts';

const PATH = '/careers/admin/integration';

const readForm = (body: unknown): SettingsForm => ({
  name: formValue(body, 'name'),
  environment: formValue(body, 'environment'),
  apiKey: formValue(body, 'apiKey'),
  companyCode: formValue(body, 'companyCode'),
  syncStates: formValues(body, 'syncStates'),
  channel: formValue(body, 'channel'),
  remoteRegex: formValue(body, 'remoteRegex'),
  hybridRegex: formValue(body, 'hybridRegex'),
  hiddenRules: formValue(body, 'hiddenRules'),
  syncResumes: formValue(body, 'syncResumes') === 'on',
  jobPollMinutes: formValue(body, 'jobPollMinutes'),
  candidatePollMinutes: formValue(body, 'candidatePollMinutes'),
  jobsStartAt: formValue(body, 'jobsStartAt'),
  candidatesStartAt: formValue(body, 'candidatesStartAt'),
  importUnknownCandidates: formValue(body, 'importUnknownCandidates') === 'on',
});

const formFromRow = (row: IntegrationRow | undefined, orgSlug: string): SettingsForm => ({
  name: row?.name ?? 'ATS integration',
  environment: row?.environment ?? 'embedded',
  apiKey: '',
  companyCode: row?.company_code ?? orgSlug,
  syncStates: row?.sync_states ?? ['published'],
  channel: row?.channel ?? 'public',
  remoteRegex: row?.remote_regex ?? '\\bremote\\b',
  hybridRegex: row?.hybrid_regex ?? '\\bhybrid\\b',
  hiddenRules: row ? formatHiddenRules(row.hidden_rules) : '',
  syncResumes: row?.sync_resumes ?? false,
  jobPollMinutes: String(row?.job_poll_minutes ?? DEFAULT_POLL_MINUTES),
  candidatePollMinutes: String(row?.candidate_poll_minutes ?? DEFAULT_POLL_MINUTES),
  jobsStartAt: dateInput(row?.jobs_start_at ?? null),
  candidatesStartAt: dateInput(row?.candidates_start_at ?? null),
  importUnknownCandidates: row?.import_unknown_candidates ?? false,
});

const checkbox = (name: string, label: string, checked: boolean, hint: string) =>
  checkboxGroup({ legend: label, name, options: [{ value: 'on', label, checked, description: hint }] });

function integrationForm(
  csrf: string,
  f: SettingsForm,
  errors: FieldErrors,
  saved: boolean,
  preview: HtmlValue,
) {
  return html`<form method="post" action="${PATH}" class="form" novalidate>
    ${csrfField(csrf)}
    ${card({
      title: 'Connection',
      body: html` ${formField({ label: 'Name', name: 'name', value: f.name, required: true, error: errors.name })}
      ${formField({ label: 'ATS', name: 'environment', type: 'select', value: f.environment, error: errors.environment, options: ENVIRONMENTS.map((e) => ({ value: e, label: ENVIRONMENT_LABELS[e] })) })}
      ${formField({ label: 'API key', name: 'apiKey', type: 'password', autocomplete: 'off', required: !saved, error: errors.apiKey, hint: saved ? 'Stored encrypted. Leave blank to keep it; paste a new key to replace it.' : 'Create it in the ATS under Settings → Integrations and API → API credentials with the recruitment-marketing permissions (read only) and, for confidential postings, “Allow access to confidential data”. This app never writes to the ATS: write permissions are not needed and not used.' })}
      ${formField({ label: 'Company code', name: 'companyCode', value: f.companyCode, required: true, error: errors.companyCode, hint: 'The site in your job site’s address: jobs.lever.co/<code> or /jobs/<code> on the Hireloop ATS. Checked against the ATS.' })}`,
    })}
    ${card({
      title: 'Jobs',
      body: html` ${checkboxGroup({
        legend: 'Postings to sync',
        name: 'syncStates',
        error: errors.syncStates,
        options: [
          { value: 'published', label: 'Published', checked: f.syncStates.includes('published') },
          { value: 'internal', label: 'Internal', checked: f.syncStates.includes('internal') },
        ],
      })}
        ${formField({
          label: 'Distribution channel',
          name: 'channel',
          type: 'select',
          value: f.channel,
          error: errors.channel,
          hint: 'A job page is published while its ATS posting is published on this channel.',
          options: [
            { value: 'public', label: 'Public job site' },
            { value: 'internal', label: 'Internal job site' },
            { value: 'both', label: 'Both' },
          ],
        })}
        <p class="muted">
          Remote jobs are identified by the posting’s structured workplace type first. When the ATS leaves it
          unspecified, these patterns are matched against the location (RE2 syntax, case-insensitive; no
          look-around or back-references).
        </p>
        ${formField({ label: 'Remote pattern', name: 'remoteRegex', value: f.remoteRegex, error: errors.remoteRegex, attrs: previewAttrs })}
        ${formField({ label: 'Hybrid pattern', name: 'hybridRegex', value: f.hybridRegex, error: errors.hybridRegex, attrs: previewAttrs })}
        <div id="preview" aria-live="polite">${preview}</div>
        ${formField({ label: 'Hidden jobs', name: 'hiddenRules', type: 'textarea', rows: 3, value: f.hiddenRules, error: errors.hiddenRules, hint: `One rule a line: <${HIDDEN_FIELDS.join('|')}> <equals|contains> <value>, e.g. “team equals Internal tools”. Matching jobs are synced but never published.` })}
        ${formField({ label: 'Job poll interval (minutes)', name: 'jobPollMinutes', type: 'number', value: f.jobPollMinutes, error: errors.jobPollMinutes, attrs: { min: MIN_POLL_MINUTES }, hint: `Default ${DEFAULT_POLL_MINUTES}, minimum ${MIN_POLL_MINUTES}.` })}
        ${formField({ label: 'Start date for jobs', name: 'jobsStartAt', type: 'date', value: f.jobsStartAt, error: errors.jobsStartAt, hint: 'Jobs changed since this date are imported. Blank: recent changes only (the last 7 days).' })}`,
    })}
    ${card({
      title: 'Candidates',
      body: html` ${checkbox('syncResumes', 'Sync resumes', f.syncResumes, 'Copy each candidate’s resume files (needs the resume permissions).')}
      ${checkbox('importUnknownCandidates', 'Import unknown candidates', f.importUnknownCandidates, 'Also import candidates not linked to a synced job.')}
      ${formField({ label: 'Candidate poll interval (minutes)', name: 'candidatePollMinutes', type: 'number', value: f.candidatePollMinutes, error: errors.candidatePollMinutes, attrs: { min: MIN_POLL_MINUTES }, hint: `Default ${DEFAULT_POLL_MINUTES}, minimum ${MIN_POLL_MINUTES}.` })}
      ${formField({ label: 'Start date for candidates', name: 'candidatesStartAt', type: 'date', value: f.candidatesStartAt, error: errors.candidatesStartAt, hint: 'Candidates changed since this date are imported. Blank: recent changes only (the last 7 days).' })}`,
    })}
    <div class="form-actions">
      ${button({ label: saved ? 'Save and check' : 'Connect and import', variant: 'primary' })}
    </div>
  </form>`;
}

const previewAttrs = {
  'hx-post': `${PATH}/preview`,
  'hx-trigger': 'input changed delay:300ms',
  'hx-target': '#preview',
  'hx-include': '[name=remoteRegex],[name=hybridRegex]',
};

async function renderPreview(
  ctx: CareersContext,
  organizationId: string,
  remote: string,
  hybrid: string,
): Promise<HtmlValue> {
  let rules;
  try {
    rules = compileWorkModeRules(remote, hybrid);
  } catch (error) {
    if (!(error instanceof RegexError)) throw error;
    return html`<p class="field__error" role="alert">${error.message}</p>`;
  }
  const jobs = (await listAllJobs(ctx.db, organizationId, 200)).filter((j) => !j.removed_at);
  if (jobs.length === 0)
    return html`<p class="muted">
      Preview: no jobs synced yet. Save to import them, then come back to tune the patterns.
    </p>`;
  const rows = jobs.map((j) => ({
    job: j,
    c: classifyWorkMode({ workplaceType: j.workplace_type, location: j.location }, rules),
  }));
  const count = (m: string) => rows.filter((r) => r.c.mode === m).length;
  return table({
    caption: `Preview on ${rows.length} current jobs: ${count('remote')} remote, ${count('hybrid')} hybrid, ${count('on-site')} on-site`,
    columns: [
      { header: 'Job', cell: (r) => r.job.title, rowHeader: true },
      { header: 'Location', cell: (r) => r.job.location },
      { header: 'Workplace type', cell: (r) => r.job.workplace_type },
      {
        header: 'Classified',
        cell: (r) =>
          badge({ label: WORK_MODE_LABELS[r.c.mode], tone: r.c.mode === 'on-site' ? 'neutral' : 'info' }),
      },
      { header: 'By', cell: (r) => r.c.source },
    ],
    rows,
  });
}

export function registerIntegrationPages(app: FastifyInstance, ctx: CareersContext): void {
  const page = async (
    csrf: string,
    admin: { organization: { id: string; slug: string } },
    f?: SettingsForm,
    errors: FieldErrors = {},
  ) => {
    const row = await findIntegration(ctx.db, admin.organization.id);
    const form = f ?? formFromRow(row, admin.organization.slug);
    const preview = await renderPreview(ctx, admin.organization.id, form.remoteRegex, form.hybridRegex);
    return html`${pageHeader({ title: 'ATS integration', subtitle: 'Read-only: jobs and candidates come from your ATS over the Lever API.' })}
    ${integrationForm(csrf, form, errors, !!row, preview)}`;
  };

  app.get(PATH, async (request, reply) => {
    const admin = await requireAdmin(ctx, request, reply);
    if (!admin) return reply;
    return render(request, reply, {
      title: 'ATS integration',
      admin,
      body: await page(await reply.generateCsrf(), admin),
    });
  });

  app.post(`${PATH}/preview`, async (request, reply) => {
    const admin = await requireAdmin(ctx, request, reply);
    if (!admin) return reply;
    const body = await renderPreview(
      ctx,
      admin.organization.id,
      formValue(request.body, 'remoteRegex'),
      formValue(request.body, 'hybridRegex'),
    );
    return sendHtml(reply, html`${body}`);
  });

  app.post(PATH, async (request, reply) => {
    const admin = await requireAdmin(ctx, request, reply);
    if (!admin) return reply;
    const form = readForm(request.body);
    const parsed = parseSettingsForm(form);
    const fail = async (errors: FieldErrors, status: number) => {
      const blank = { ...form, apiKey: '' };
      return render(request, reply, {
        title: 'ATS integration',
        admin,
        status,
        flash: { tone: 'error', title: 'Not saved', message: Object.values(errors).join(' ') },
        body: await page(await reply.generateCsrf(), admin, blank, errors),
      });
    };
    if (!parsed.settings) return fail(parsed.errors, 400);
    try {
      await configureIntegration(ctx, admin.organization.id, {
        settings: parsed.settings,
        apiKey: form.apiKey,
      });
    } catch (error) {
      if (!(error instanceof IntegrationCheckError)) throw error;
      return fail({ [error.field as keyof SettingsForm]: error.message }, 422);
    }
    flashNext(
      request,
      'success',
      'Saved. The key and company code check out; the first sync is on its way — jobs appear under Jobs in a moment.',
    );
    if (isHtmx(request)) reply.header('HX-Redirect', '/careers/admin/jobs');
    return reply.redirect('/careers/admin/jobs', 303);
  });
}
