import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SafeHtml,
  attrs,
  classes,
  escapeHtml,
  html,
  join,
  path,
  raw,
  safeHref,
  url,
  type HtmlValue,
} from './html.ts';
import { TemplateError } from './template-context.ts';

const BLOCKED = 'about:invalid#blocked';

describe('html: escaping text and attributes', () => {
  it('escapes every character that can end text or a quoted attribute', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&\`</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  const corpus = [
    '<script>alert(1)</script>',
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)",
    '" onmouseover="alert(1)',
    '`onmouseover=alert(1)',
    '<img src=x onerror=alert(1)>',
    '</textarea><script>alert(1)</script>',
    '<!-- --><svg onload=alert(1)>',
    '&lt;script&gt;',
  ];

  for (const payload of corpus) {
    it(`neutralises ${JSON.stringify(payload)} in text and attributes`, () => {
      const out =
        html`<p title="${payload}" data-x='${payload}'>${payload}</p><textarea>${payload}</textarea>`.toString();
      // Nothing user-supplied can open a tag or close an attribute: only our own <, >, ", ' remain.
      const withoutOwnMarkup = out
        .replace(/^<p title="[^"<>]*" data-x='[^'<>]*'>/, '')
        .replace(/<\/p><textarea>/, '')
        .replace(/<\/textarea>$/, '');
      assert.doesNotMatch(withoutOwnMarkup, /[<>"'`]/);
    });
  }

  it('renders nothing for null, undefined and false, numbers as digits, arrays joined', () => {
    const items: HtmlValue[] = ['a<', html`<b>b</b>`, 3, null, undefined, false, [1n, ['&']]];
    assert.equal(html`<p>${items}</p>`.toString(), '<p>a&lt;<b>b</b>31&amp;</p>');
  });

  it('does not re-escape nested SafeHtml', () => {
    const inner = html`<em>${'<i>'}</em>`;
    assert.equal(html`<p>${inner}</p>`.toString(), '<p><em>&lt;i&gt;</em></p>');
    assert.equal(html`<p>${html`${html`${'&'}`}`}</p>`.toString(), '<p>&amp;</p>');
  });

  it('refuses objects that are not SafeHtml, even ones that look like it', () => {
    const spoof = Object.create(SafeHtml.prototype) as SafeHtml;
    const withToString = { toString: () => '<script>' } as unknown as string;
    assert.throws(() => html`<p>${spoof}</p>`, TypeError);
    assert.throws(() => html`<p>${withToString}</p>`, TypeError);
    assert.throws(() => new SafeHtml(Symbol('SafeHtml.construct'), '<script>'), TypeError);
    assert.equal(SafeHtml.is(spoof), false);
  });

  it('raw() is trusted verbatim (the audited escape hatch)', () => {
    assert.equal(html`<p>${raw('<b>ok</b>')}</p>`.toString(), '<p><b>ok</b></p>');
  });

  it('join() escapes parts and separator', () => {
    assert.equal(join(['<a>', html`<br>`], ' & ').toString(), '&lt;a&gt; &amp; <br>');
  });

  it('toString and toJSON give the markup', () => {
    const h = html`<b>${'x'}</b>`;
    assert.equal(`${h}`, '<b>x</b>');
    assert.equal(JSON.stringify({ h }), '{"h":"<b>x</b>"}');
  });
});

describe('html: URL attributes', () => {
  const dangerous = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
  ];
  for (const href of dangerous) {
    it(`blocks ${JSON.stringify(href)} in href/src/action/hx-get`, () => {
      assert.equal(safeHref(href), BLOCKED);
      assert.equal(html`<a href="${href}">x</a>`.toString(), `<a href="${BLOCKED}">x</a>`);
      assert.equal(html`<form action='${href}'></form>`.toString(), `<form action='${BLOCKED}'></form>`);
      assert.equal(html`<img src="${href}">`.toString(), `<img src="${BLOCKED}">`);
      assert.equal(
        html`<button hx-get="${href}"></button>`.toString(),
        `<button hx-get="${BLOCKED}"></button>`,
      );
      assert.equal(attrs({ href }).toString(), ` href="${BLOCKED}"`);
      // A SafeHtml that merely contains escaped user text is not a trusted URL.
      assert.equal(html`<a href="${html`${href}`}">x</a>`.toString(), `<a href="${BLOCKED}">x</a>`);
    });
  }

  const allowed = [
    'https://example.com/a?b=1&c=2',
    'http://x',
    'mailto:a@b.c',
    '/ats/x',
    '?q=1',
    '#top',
    'rel/path',
    '//cdn.example',
  ];
  for (const href of allowed) {
    it(`keeps ${JSON.stringify(href)}`, () => {
      assert.equal(safeHref(href), href);
      assert.equal(html`<a href="${href}">x</a>`.toString(), `<a href="${escapeHtml(href)}">x</a>`);
    });
  }

  it('does not scheme-check a hole after a fixed path prefix (the scheme is already decided)', () => {
    assert.equal(html`<a href="/c/${'javascript:x'}">x</a>`.toString(), '<a href="/c/javascript:x">x</a>');
  });

  it('url() encodes query values, skips empty ones and repeats arrays', () => {
    assert.equal(
      url(
        '/ats/candidates',
        { q: 'a&b=c d', page: 2, tag: ['x', 'y/z'], none: undefined, blank: '', off: false },
        'sec 1',
      ),
      '/ats/candidates?q=a%26b%3Dc+d&page=2&tag=x&tag=y%2Fz&off=false#sec%201',
    );
    assert.equal(url('/x?a=1', { b: '2' }), '/x?a=1&b=2');
    assert.equal(url('/x'), '/x');
    assert.equal(
      html`<a href="${url('/s', { q: '"><script>' })}">s</a>`.toString(),
      '<a href="/s?q=%22%3E%3Cscript%3E">s</a>',
    );
  });

  it('path`` encodes each segment so ids cannot traverse', () => {
    assert.equal(path`/ats/candidates/${'../admin'}/notes`, '/ats/candidates/..%2Fadmin/notes');
    assert.equal(path`/c/${'..'}`, '/c/%2E%2E');
    assert.equal(path`/c/${'a b?#'}/${42}`, '/c/a%20b%3F%23/42');
  });

  it('neutralises js: values in hx-vals / hx-headers', () => {
    assert.equal(html`<div hx-vals="${'js:{a: alert(1)}'}"></div>`.toString(), '<div hx-vals="{}"></div>');
    assert.equal(attrs({ 'hx-headers': 'javascript:1' }).toString(), ' hx-headers="{}"');
    assert.equal(
      html`<div hx-vals="${JSON.stringify({ id: '"x' })}"></div>`.toString(),
      '<div hx-vals="{&quot;id&quot;:&quot;\\&quot;x&quot;}"></div>',
    );
  });
});

describe('html: template contexts', () => {
  it('accepts attrs() in tag position, and refuses plain strings there', () => {
    assert.equal(
      html`<input${attrs({ required: true, value: 'a"b' })}>`.toString(),
      '<input required value="a&quot;b">',
    );
    assert.equal(html`<input ${attrs({ disabled: false })}>`.toString(), '<input >');
    assert.throws(() => html`<input ${'onfocus=alert(1) autofocus'}>`, TypeError);
    assert.throws(() => html`<input${'x'}>`, TypeError);
  });

  const refused: [string, () => unknown][] = [
    ['event handler', () => html`<a onclick="${'x'}">`],
    ['hx-on handler', () => html`<a hx-on:click="${'x'}">`],
    ['style attribute', () => html`<p style="color: ${'red'}">`],
    ['srcdoc', () => html`<iframe srcdoc="${'x'}"></iframe>`],
    ['script body', () => html`<script>var a = ${'x'};</script>`],
    ['style body', () => html`<style>p { color: ${'red'} }</style>`],
    ['unquoted attribute', () => html`<a title=${'x'}>`],
    ['attribute name', () => html`<a data-${'x'}="1">`],
    ['tag name', () => html`<${'script'}>`],
    ['two holes forming a URL', () => html`<a href="${'java'}${'script:x'}">`],
  ];
  for (const [name, render] of refused) {
    it(`refuses a value in a ${name}`, () => {
      assert.throws(render, TemplateError);
    });
  }

  it('goes back to text after </script> and knows comments and single quotes', () => {
    assert.equal(
      html`<script src="/a.js"></script><p>${'<'}</p>`.toString(),
      '<script src="/a.js"></script><p>&lt;</p>',
    );
    assert.equal(
      html`<!-- ${'-->'} --><p title='${"'"}'></p>`.toString(),
      "<!-- --&gt; --><p title='&#39;'></p>",
    );
  });

  it('attrs() refuses dangerous names and drops empty values', () => {
    assert.throws(() => attrs({ onclick: 'x' }), TypeError);
    assert.throws(() => attrs({ style: 'x' }), TypeError);
    assert.throws(() => attrs({ 'a"b': 'x' }), TypeError);
    assert.equal(attrs({ a: null, b: undefined, c: false, d: 0, e: '' }).toString(), ' d="0" e=""');
  });

  it('classes() joins truthy names', () => {
    assert.equal(classes('a', false, null, undefined, '', 'b'), 'a b');
  });
});
