import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  badge,
  button,
  card,
  checkboxGroup,
  confirmDialog,
  copyField,
  dangerZone,
  definitionList,
  emptyState,
  errorPage,
  flash,
  formField,
  layout,
  linkButton,
  pageHeader,
  pagination,
  table,
  tabs,
} from './components.ts';
import { html, type SafeHtml } from './html.ts';

/** Every id is unique and every for/aria-describedby/aria-labelledby points at one that exists. */
function assertIdReferences(markup: SafeHtml | string): void {
  const out = markup.toString();
  const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids, [...new Set(ids)], 'duplicate ids');
  for (const m of out.matchAll(
    /\s(for|aria-describedby|aria-labelledby|data-select-all|data-copy-target)="([^"]+)"/g,
  )) {
    for (const ref of (m[2] ?? '').split(' '))
      assert.ok(ids.includes(ref), `${m[1]}="${ref}" points nowhere`);
  }
}

/** No inline script or style anywhere: the CSP is script-src/style-src 'self'. */
function assertCspClean(markup: SafeHtml | string): void {
  const out = markup.toString();
  assert.doesNotMatch(out, /\sstyle=|\son[a-z]+=|<style|<script(?![^>]*\ssrc=)/i);
}

const sample = (): SafeHtml =>
  layout({
    title: 'Candidates',
    app: { name: 'Acme <Talent>', href: '/ats' },
    nav: [
      { label: 'Candidates', href: '/ats/candidates', active: true },
      { label: 'Postings', href: '/ats/postings' },
    ],
    user: { name: 'Jordan Mills', email: 'jordan@acme.com', role: 'Admin' },
    flash: [{ tone: 'success', message: 'Saved.' }],
    csrfToken: 'tok"en',
    signOutHref: '/sign-out',
    body: html`${formField({ label: 'Title', name: 'title', required: true, hint: 'Shown publicly.', error: 'Required.' })}
      ${checkboxGroup({
        legend: 'Channels',
        name: 'channels[]',
        selectAll: true,
        options: [
          { value: 'a', label: 'A', description: 'x' },
          { value: 'b', label: 'B' },
        ],
      })}
      ${copyField({ id: 'key', label: 'API key', value: 'k', hint: 'Shown once.' })}
      ${dangerZone({ items: [{ id: 'revoke', title: 'Revoke', message: 'Stops now.', action: '/revoke', confirmLabel: 'Revoke' }] })}`,
  });

describe('layout', () => {
  it('is a whole document with lang, viewport, landmarks and a skip link to main', () => {
    const out = sample().toString();
    assert.match(out, /^<!doctype html>\n<html lang="en">/);
    assert.match(out, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(out, /<title>Candidates · Acme &lt;Talent&gt;<\/title>/);
    assert.match(out, /<a class="skip-link" href="#main">/);
    assert.match(out, /<main id="main"/);
    for (const landmark of ['<header', '<nav class="site-nav" aria-label="Main"', '<main', '<footer']) {
      assert.ok(out.includes(landmark), landmark);
    }
    assert.match(
      out,
      /<a href="\/ats\/candidates" class="site-nav__link" aria-current="page">Candidates<\/a>/,
    );
    assert.match(out, /<a href="\/ats\/postings" class="site-nav__link">Postings<\/a>/);
  });

  it('links only local assets and configures htmx for a strict CSP', () => {
    const out = sample().toString();
    assert.match(out, /<link rel="stylesheet" href="\/assets\/hireloop.css">/);
    assert.match(out, /<script src="\/assets\/htmx.min.js" defer><\/script>/);
    assert.match(out, /<script src="\/assets\/hireloop.js" defer><\/script>/);
    assert.doesNotMatch(out, /https?:\/\//);
    assert.match(out, /<meta name="htmx-config" content="\{&quot;allowEval&quot;:false,/);
    assertCspClean(out);
  });

  it('sends the CSRF token with htmx requests and with the sign-out form', () => {
    const out = sample().toString();
    assert.match(out, /<body hx-headers="\{&quot;x-csrf-token&quot;:&quot;tok\\&quot;en&quot;\}">/);
    assert.match(
      out,
      /<form method="post" action="\/sign-out"[^>]*><input type="hidden" name="_csrf" value="tok&quot;en">/,
    );
  });

  it('shows the user and the flash in its live region', () => {
    const out = sample().toString();
    assert.match(out, /<span class="avatar" aria-hidden="true">JM<\/span>/);
    assert.match(out, /jordan@acme.com/);
    assert.match(
      out,
      /<div id="flash-region" class="flash-region"><div class="flash flash--success" role="status">/,
    );
  });

  it('ties every label and description to an element that exists', () => {
    assertIdReferences(sample());
  });
});

describe('form controls', () => {
  it('formField ties label, hint and error to the input', () => {
    const out = formField({
      label: 'Email',
      name: 'email',
      type: 'email',
      required: true,
      hint: 'Work email',
      error: 'Enter an email.',
      value: 'a"b',
    }).toString();
    assert.match(
      out,
      /<label class="field__label" for="field-email">Email<span class="field__required" aria-hidden="true"> \*<\/span><\/label>/,
    );
    assert.match(
      out,
      /<input id="field-email" name="email" required aria-invalid="true" aria-describedby="field-email-hint field-email-error" class="input" type="email" value="a&quot;b">/,
    );
    assert.match(out, /<p class="field__hint" id="field-email-hint">Work email<\/p>/);
    assert.match(out, /<p class="field__error" id="field-email-error">.*<span>Enter an email.<\/span><\/p>/s);
    assertIdReferences(out);
  });

  it('formField renders select and textarea with escaped values', () => {
    const select = formField({
      type: 'select',
      label: 'Team',
      name: 'team',
      value: 'b',
      placeholder: 'Pick one',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B<' },
      ],
    }).toString();
    assert.match(
      select,
      /<select id="field-team" name="team" class="select"><option value="">Pick one<\/option><option value="a">A<\/option><option value="b" selected>B&lt;<\/option><\/select>/,
    );
    const area = formField({
      type: 'textarea',
      label: 'Notes',
      name: 'notes',
      value: '</textarea><script>',
    }).toString();
    assert.match(
      area,
      /<textarea id="field-notes" name="notes" class="textarea" rows="4">&lt;\/textarea&gt;&lt;script&gt;<\/textarea>/,
    );
    assert.doesNotMatch(area, /aria-invalid|aria-describedby/);
  });

  it('checkboxGroup is a fieldset with a legend, a JS-only select-all and labelled boxes', () => {
    const out = checkboxGroup({
      legend: 'Tags',
      name: 'tags',
      selectAll: 'All tags',
      options: [
        { value: 'x', label: 'X', checked: true },
        { value: 'y', label: 'Y' },
      ],
    }).toString();
    assert.match(
      out,
      /^<fieldset class="field checkbox-group" id="field-tags">\s*<legend class="field__label">Tags<\/legend>/,
    );
    assert.match(
      out,
      /<label class="check check--all" data-requires-js hidden><input type="checkbox" class="check__box" data-select-all="field-tags"><span class="check__label">All tags<\/span><\/label>/,
    );
    assert.match(
      out,
      /<input type="checkbox" class="check__box" id="field-tags-0" name="tags" value="x" checked><label class="check__label" for="field-tags-0">X<\/label>/,
    );
    assertIdReferences(out);
  });

  it('copyField is a labelled read-only input with a copy button for it', () => {
    const out = copyField({ id: 'api-key', label: 'Key', value: 'k<' }).toString();
    assert.match(
      out,
      /<input id="api-key" class="input input--mono" type="text" value="k&lt;" readonly spellcheck="false">/,
    );
    assert.match(
      out,
      /<button type="button" class="btn btn--secondary" data-copy-target="api-key" data-requires-js hidden>/,
    );
    assertIdReferences(out);
  });

  it('confirmDialog and dangerZone post with the CSRF field and can ask first', () => {
    const out = confirmDialog({
      id: 'del',
      title: 'Delete?',
      message: 'Gone for good.',
      action: '/x/delete',
      confirmLabel: 'Delete',
      csrfToken: 't',
      cancelHref: '/x',
      hidden: { id: '42' },
      prompt: 'Sure?',
    }).toString();
    assert.match(out, /<section class="card card--danger confirm" aria-labelledby="del-title">/);
    assert.match(out, /<form method="post" action="\/x\/delete" class="form-actions" data-confirm="Sure\?">/);
    assert.match(
      out,
      /<input type="hidden" name="_csrf" value="t"><input type="hidden" name="id" value="42"><a class="btn btn--secondary" href="\/x">Cancel<\/a><button type="submit" class="btn btn--danger">Delete<\/button>/,
    );
    assertIdReferences(out);
    assertIdReferences(
      dangerZone({ items: [{ id: 'a', title: 'A', message: 'm', action: '/a', confirmLabel: 'Go' }] }),
    );
  });
});

describe('display components', () => {
  it('table has a caption, column headers, row headers and a labelled scroll region', () => {
    const out = table({
      caption: 'People',
      columns: [
        { header: 'Name', cell: (r: { name: string; n: number }) => r.name, rowHeader: true },
        { header: 'Count', cell: (r) => r.n, align: 'end' },
      ],
      rows: [{ name: '<b>', n: 3 }],
    }).toString();
    assert.match(out, /<div class="table-wrap" role="region" aria-label="People" tabindex="0">/);
    assert.match(out, /<caption>People<\/caption>/);
    assert.match(
      out,
      /<thead><tr><th scope="col">Name<\/th><th scope="col" class="num">Count<\/th><\/tr><\/thead>/,
    );
    assert.match(out, /<tbody><tr><th scope="row">&lt;b&gt;<\/th><td class="num">3<\/td><\/tr><\/tbody>/);
  });

  it('table shows an empty-state row spanning every column', () => {
    const out = table({
      caption: 'None',
      captionHidden: true,
      columns: [
        { header: 'A', cell: () => '' },
        { header: 'B', cell: () => '' },
      ],
      rows: [],
      empty: 'No candidates yet.',
    }).toString();
    assert.match(out, /<caption class="visually-hidden">None<\/caption>/);
    assert.match(out, /<tr class="table__empty"><td colspan="2">No candidates yet.<\/td><\/tr>/);
  });

  it('pagination builds prev/next links from tokens and keeps filters', () => {
    const out = pagination({ href: '/c', query: { q: 'a b' }, prevToken: '', nextToken: 'n&x' }).toString();
    assert.match(out, /<nav class="pagination" aria-label="Pagination">/);
    assert.match(out, /href="\/c\?q=a\+b" rel="prev"/);
    assert.match(out, /href="\/c\?q=a\+b&amp;offset=n%26x" rel="next"/);
    const first = pagination({ href: '/c', nextToken: null }).toString();
    assert.equal((first.match(/aria-disabled="true"/g) ?? []).length, 2);
    assert.doesNotMatch(first, /<a /);
  });

  it('tabs are a labelled nav with aria-current, optionally loading panels with htmx', () => {
    const out = tabs({
      label: 'Sections',
      hxTarget: '#panel',
      items: [
        { label: 'Notes', href: '/n', active: true, count: 2 },
        { label: 'Files', href: '/f' },
      ],
    }).toString();
    assert.match(out, /^<nav class="tabs" aria-label="Sections">/);
    assert.match(
      out,
      /<a href="\/n" class="tabs__link is-active" aria-current="page" hx-get="\/n" hx-target="#panel" hx-push-url="true">Notes <span class="tabs__count">2<\/span><\/a>/,
    );
    assert.match(
      out,
      /<a href="\/f" class="tabs__link" hx-get="\/f" hx-target="#panel" hx-push-url="true">Files<\/a>/,
    );
  });

  it('flash uses role=alert for errors and role=status otherwise', () => {
    assert.match(
      flash({ tone: 'error', message: 'No.' }).toString(),
      /^<div class="flash flash--error" role="alert">/,
    );
    assert.match(
      flash({ tone: 'info', message: 'FYI', title: 'Note' }).toString(),
      /role="status">.*<p class="flash__title">Note<\/p><p>FYI<\/p>/s,
    );
  });

  it('buttons carry variant classes, confirm prompts and checked extra attributes', () => {
    assert.equal(
      button({
        label: 'Delete',
        variant: 'danger',
        confirm: 'Sure?',
        attrs: { 'hx-post': '/d', 'hx-target': '#row' },
      }).toString(),
      '<button type="submit" class="btn btn--danger" data-confirm="Sure?" hx-post="/d" hx-target="#row">Delete</button>',
    );
    assert.equal(
      linkButton({ label: 'Go', href: 'javascript:alert(1)', variant: 'primary' }).toString(),
      '<a href="about:invalid#blocked" class="btn btn--primary">Go</a>',
    );
    assert.throws(() => button({ label: 'x', attrs: { onclick: 'alert(1)' } }), TypeError);
  });

  it('pageHeader, badge, card, emptyState and definitionList render their parts', () => {
    const header = pageHeader({
      title: 'Jobs',
      subtitle: 'Open roles',
      actions: linkButton({ label: 'New', href: '/new' }),
      breadcrumbs: [{ label: 'Home', href: '/' }],
    }).toString();
    assert.match(
      header,
      /<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="\/">Home<\/a><\/li><\/ol><\/nav><h1>Jobs<\/h1><p class="page-header__subtitle">Open roles<\/p>/,
    );
    assert.equal(
      badge({ label: 'Hired', tone: 'success', dot: true }).toString(),
      '<span class="badge badge--success badge--dot">Hired</span>',
    );
    assert.match(
      card({ title: 'T', level: 3, body: 'B' }).toString(),
      /^<section class="card"><div class="card__head"><h3 class="card__title">T<\/h3><\/div><div class="card__body">B<\/div><\/section>$/,
    );
    assert.match(
      card({ body: 'B', tone: 'danger' }).toString(),
      /^<div class="card card--danger"><div class="card__body">B<\/div><\/div>$/,
    );
    assert.match(
      emptyState({ title: 'Nothing', message: 'Add one.' }).toString(),
      /<p class="empty-state__title">Nothing<\/p><p class="empty-state__message">Add one.<\/p>/,
    );
    assert.equal(
      definitionList({
        items: [
          { term: 'A', description: '1' },
          { term: 'B', description: '' },
        ],
      }).toString(),
      '<dl class="dl"><div class="dl__row"><dt>A</dt><dd>1</dd></div><div class="dl__row"><dt>B</dt><dd>—</dd></div></dl>',
    );
  });

  it('errorPage says why, shows the request id, and is a whole accessible document', () => {
    const out = errorPage({
      status: 403,
      message: 'Only admins can manage API keys.',
      requestId: 'req-1<',
    }).toString();
    assert.match(out, /<title>You don’t have access to this page · Hireloop<\/title>/);
    assert.match(
      out,
      /<p class="error-panel__status">Error 403<\/p>\s*<h1 id="error-title">You don’t have access to this page<\/h1>\s*<p class="error-panel__message">Only admins can manage API keys.<\/p>/,
    );
    assert.match(out, /Request id <code>req-1&lt;<\/code>/);
    assert.match(out, /<main id="main"/);
    assert.doesNotMatch(out, /site-nav/);
    assert.match(errorPage({ status: 404 }).toString(), /<h1 id="error-title">Page not found<\/h1>/);
    assert.match(errorPage({ status: 503 }).toString(), /Something went wrong on our side/);
    assertIdReferences(out);
    assertCspClean(out);
  });
});
