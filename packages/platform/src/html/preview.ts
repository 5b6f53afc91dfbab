// Renders a sample page with the kit so it can be looked at in a browser or screenshotted:
//   node packages/platform/src/html/preview.ts [/tmp/preview.html] [page|error]
//   chromium --headless --screenshot=/tmp/kit.png --window-size=1280,900 file:///tmp/preview.html
// Assets are referenced by file path (assetBase) so the file works without a server. Output is not committed.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  badge,
  button,
  card,
  checkboxGroup,
  copyField,
  dangerZone,
  definitionList,
  emptyState,
  errorPage,
  formField,
  layout,
  linkButton,
  pageHeader,
  pagination,
  table,
  tabs,
  type Tone,
} from './components.ts';
import { html, path, type SafeHtml } from './html.ts';

const fileAssets = fileURLToPath(new URL('./assets', import.meta.url));

interface Candidate {
  id: string;
  name: string;
  email: string;
  posting: string;
  stage: string;
  tone: Tone;
  source: string;
  applied: string;
}

const candidates: Candidate[] = [
  {
    id: '5f1c',
    name: 'Amara Okafor',
    email: 'amara@example.com',
    posting: 'Senior Backend Engineer',
    stage: 'On-site',
    tone: 'info',
    source: 'Referral',
    applied: 'Mar 3',
  },
  {
    id: '7a20',
    name: 'Lukas Brandt',
    email: 'lukas.b@example.com',
    posting: 'Product Designer',
    stage: 'Offer',
    tone: 'success',
    source: 'Careers site',
    applied: 'Feb 27',
  },
  {
    id: '91bd',
    name: 'Priya Raman',
    email: 'priya.r@example.com',
    posting: 'Data Analyst',
    stage: 'Phone screen',
    tone: 'brand',
    source: 'LinkedIn',
    applied: 'Feb 25',
  },
  {
    id: 'c3e4',
    name: 'Diego <script>alert(1)</script> Alvarez',
    email: 'diego@example.com',
    posting: 'Support Lead',
    stage: 'Needs review',
    tone: 'warning',
    source: 'Referral',
    applied: 'Feb 20',
  },
  {
    id: 'e810',
    name: 'Hannah Lee',
    email: 'hannah@example.com',
    posting: 'Senior Backend Engineer',
    stage: 'Archived',
    tone: 'neutral',
    source: 'Agency',
    applied: 'Feb 14',
  },
];

const candidateTable = table<Candidate>({
  caption: 'Candidates',
  captionHidden: true,
  columns: [
    {
      header: 'Name',
      rowHeader: true,
      cell: (c) =>
        html`<a href="${path`/ats/candidates/${c.id}`}">${c.name}</a><span class="cell-sub">${c.email}</span>`,
    },
    { header: 'Posting', cell: (c) => c.posting },
    { header: 'Stage', cell: (c) => badge({ label: c.stage, tone: c.tone, dot: true }) },
    {
      header: 'Source',
      cell: (c) => (c.source === 'Referral' ? badge({ label: 'Referral', tone: 'brand' }) : c.source),
    },
    { header: 'Applied', cell: (c) => c.applied, align: 'end' },
  ],
  rows: candidates,
  footer: pagination({
    href: '/ats/candidates',
    query: { stage: 'active' },
    prevToken: '',
    nextToken: 'eyJvZmZzZXQiOjI1fQ',
    summary: 'Showing 1–25',
  }),
});

const form = html`<form class="form" method="post" action="/ats/postings">
  ${formField({ label: 'Job title', name: 'title', value: 'Senior Backend Engineer', required: true })}
  <div class="form-row">
    ${formField({
      type: 'select',
      label: 'Team',
      name: 'team',
      value: 'eng',
      options: [
        { value: 'eng', label: 'Engineering' },
        { value: 'design', label: 'Design' },
      ],
    })}
    ${formField({ type: 'email', label: 'Hiring manager', name: 'owner', value: 'sam@', required: true, error: 'Enter a full email address, like sam@acme.com.' })}
  </div>
  ${formField({ type: 'textarea', label: 'Description', name: 'description', hint: 'Markdown is supported. Shown on the careers page.', rows: 3 })}
  ${checkboxGroup({
    legend: 'Publish to',
    name: 'channels',
    selectAll: true,
    options: [
      { value: 'careers', label: 'Careers site', checked: true },
      {
        value: 'referrals',
        label: 'Referral program',
        description: 'Employees see it and can refer.',
        checked: true,
      },
      { value: 'linkedin', label: 'LinkedIn' },
    ],
  })}
  <div class="form-actions">${button({ label: 'Save posting', variant: 'primary' })}${linkButton({ label: 'Cancel', href: '/ats/postings', variant: 'ghost' })}</div>
</form>`;

const body = html`${pageHeader({
  title: 'Candidates',
  subtitle: 'Everyone in your pipeline across 12 open postings.',
  breadcrumbs: [{ label: 'Acme', href: '/ats' }],
  actions: html`${linkButton({ label: 'Export CSV', href: '/ats/candidates.csv' })}${linkButton({ label: 'Add candidate', href: '/ats/candidates/new', variant: 'primary' })}`,
})}
${tabs({
  label: 'Candidate views',
  items: [
    { label: 'Active', href: '/ats/candidates', active: true, count: 48 },
    { label: 'Referrals', href: '/ats/candidates?source=referral', count: 9 },
    { label: 'Archived', href: '/ats/candidates?archived=1', count: 131 },
  ],
})}
${card({ body: candidateTable, flush: true })}
<div class="grid">
  ${card({ title: 'New posting', body: form })}
  <div>
    ${card({
      title: 'Lever connection',
      actions: badge({ label: 'Connected', tone: 'success', dot: true }),
      body: html`${definitionList({
        items: [
          { term: 'Account', description: 'acme' },
          { term: 'Last sync', description: '2 minutes ago' },
          { term: 'Webhooks', description: html`${badge({ label: '4 active', tone: 'info' })}` },
        ],
      })}
      ${copyField({ id: 'api-key', label: 'API key', value: 'hl_live_3f9a0c2b7e5d41a8b6c0', hint: 'Shown once. Store it in your secret manager.' })}`,
    })}
    ${card({ title: 'Interviews this week', body: emptyState({ title: 'No interviews scheduled', message: 'When candidates reach the on-site stage, their interviews show up here.', action: linkButton({ label: 'Schedule one', href: '/ats/interviews/new', size: 'sm' }) }) })}
    ${dangerZone({
      items: [
        {
          id: 'revoke',
          title: 'Revoke API key',
          message: 'Integrations using this key stop working immediately.',
          action: '/ats/keys/revoke',
          confirmLabel: 'Revoke key',
          prompt: 'Revoke this key?',
        },
      ],
    })}
  </div>
</div>`;

/** The sample page; `assetBase` '/assets' when served by the assets plugin, a file path for file:// viewing. */
export function previewPage(assetBase = fileAssets): SafeHtml {
  return layout({
    title: 'Candidates',
    app: { name: 'Acme Talent', href: '/ats' },
    nav: [
      { label: 'Candidates', href: '/ats/candidates', active: true },
      { label: 'Postings', href: '/ats/postings' },
      { label: 'Referrals', href: '/referrals' },
      { label: 'Onboarding', href: '/onboarding' },
      { label: 'Settings', href: '/ats/settings' },
    ],
    user: { name: 'Jordan Mills', email: 'jordan@acme.com', role: 'Admin' },
    flash: {
      tone: 'success',
      message: html`Posting <strong>Data Analyst</strong> was published to the careers site.`,
    },
    csrfToken: 'preview-token',
    signOutHref: '/sign-out',
    assetBase,
    body,
  });
}

export function previewErrorPage(assetBase = fileAssets): SafeHtml {
  const message = 'Only admins of Acme can manage API keys. Ask an admin to change your role.';
  return errorPage({ status: 403, message, requestId: 'req-8f2c1a', assetBase });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? '/tmp/preview.html';
  writeFileSync(out, (process.argv[3] === 'error' ? previewErrorPage() : previewPage()).toString());
  console.log(`wrote ${out}`);
}
