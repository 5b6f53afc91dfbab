// Escape-by-default HTML. Every page in Hireloop is built from `html` templates; an interpolation is
// escaped unless it is already SafeHtml, and SafeHtml can only be made here: by `html` itself, by `attrs`,
// or by `raw` — the one audited escape hatch (grep for `raw(` to audit every caller).
//
// The template is also checked for *where* a value lands (see template-context.ts): values in URL
// attributes are scheme-checked, values in tag position must be SafeHtml (from `attrs`), and values in
// event handlers, `style`, <script>/<style> bodies, unquoted attributes or tag/attribute names are
// rejected with a TemplateError the first time the template runs — a bug found in tests, not in prod.
import { analyzeTemplate, isUrlAttribute, type HoleContext } from './template-context.ts';

const CONSTRUCT = Symbol('SafeHtml.construct');

/** A string of HTML that is safe to send. Construct it with `html`, `attrs` or (audited) `raw`. */
export class SafeHtml {
  readonly #value: string;

  constructor(token: symbol, value: string) {
    if (token !== CONSTRUCT)
      throw new TypeError('SafeHtml is created by html``, attrs() or raw(), never directly');
    this.#value = value;
  }

  /** Brand check that survives prototype spoofing (`Object.create(SafeHtml.prototype)` has no #value). */
  static is(value: unknown): value is SafeHtml {
    return typeof value === 'object' && value !== null && #value in value;
  }

  toString(): string {
    return this.#value;
  }

  toJSON(): string {
    return this.#value;
  }
}

/** What may be interpolated. `true` is excluded on purpose: `${cond && html`…`}` yields false or SafeHtml. */
export type HtmlValue = SafeHtml | string | number | bigint | false | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};
const ESCAPE_RE = /[&<>"'`]/g;

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(ESCAPE_RE, (ch) => ESCAPES[ch] ?? ch);
}

function safe(value: string): SafeHtml {
  return new SafeHtml(CONSTRUCT, value);
}

/**
 * The escape hatch: trusts `value` as HTML. Every caller must be listed in README "HTML kit › raw() callers"
 * with the reason its input cannot carry user data. Never pass request data, database rows or config to it.
 */
export function raw(value: string): SafeHtml {
  return safe(value);
}

/** Renders a value as escaped text (arrays joined, SafeHtml kept, empty for null/undefined/booleans). */
function renderText(value: unknown): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (SafeHtml.is(value)) return value.toString();
  if (Array.isArray(value)) return value.map(renderText).join('');
  throw new TypeError(`html: cannot interpolate a ${typeof value}; format it to a string first`);
}

/** Only attrs()/SafeHtml may sit where attributes go: an escaped string like `onclick=x` would still inject. */
function renderTagPosition(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (SafeHtml.is(value)) return value.toString();
  if (Array.isArray(value)) return value.map(renderTagPosition).join('');
  throw new TypeError('html: only attrs({...}) may be interpolated inside a tag');
}

const BLOCKED_URL = 'about:invalid#blocked';
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
// Browsers drop leading C0 controls/spaces and every tab/newline before parsing a scheme.
const IGNORED_URL_CHARS = /^[\u0000-\u0020]+|[\t\n\r]/g;
const SCHEME_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** Returns `href` if it is relative or http(s)/mailto, else a harmless blocked URL (javascript:, data:, …). */
export function safeHref(href: string): string {
  const scheme = SCHEME_RE.exec(href.replace(IGNORED_URL_CHARS, ''))?.[1];
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme.toLowerCase()) ? href : BLOCKED_URL;
}

const SCRIPT_PREFIX_RE = /^\s*(js|javascript):/i;

function renderHole(context: HoleContext, value: unknown): string {
  switch (context) {
    case 'text':
    case 'attr':
      return renderText(value);
    case 'tag':
      return renderTagPosition(value);
    case 'url':
      // A SafeHtml built by html`` holds escaped user text verbatim, so its scheme is checked the same way.
      return typeof value === 'string'
        ? escapeHtml(safeHref(value))
        : escapeHtml(safeHref(renderText(value)));
    case 'json': {
      // htmx evaluates hx-vals/hx-headers that start with `js:`; allowEval is off too (layout.ts), belt and braces.
      const text = renderText(value);
      return SCRIPT_PREFIX_RE.test(text) ? '{}' : text;
    }
  }
}

/** The tagged template. Static parts are trusted (they are source code); holes are escaped by context. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  const contexts = analyzeTemplate(strings);
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += renderHole(contexts[i] ?? 'text', values[i]) + (strings[i + 1] ?? '');
  }
  return safe(out);
}

/** Joins parts with an optional separator; convenience for lists built with map(). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = renderText(separator);
  return safe(parts.map(renderText).join(sep));
}

export type AttrValue = string | number | boolean | null | undefined;

const ATTR_NAME_RE = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
const FORBIDDEN_ATTR_RE = /^(on|hx-on|data-hx-on)|^style$|^srcdoc$/i;

/**
 * Attribute list for tag position: `<input${attrs({ required: true, value: v, hint: undefined })}>`.
 * true → bare attribute, false/null/undefined → omitted; names are validated, URL values scheme-checked.
 */
export function attrs(values: Readonly<Record<string, AttrValue>>): SafeHtml {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (!ATTR_NAME_RE.test(name) || FORBIDDEN_ATTR_RE.test(name)) {
      throw new TypeError(`attrs: refusing attribute name ${JSON.stringify(name)}`);
    }
    if (value === null || value === undefined || value === false) continue;
    if (value === true) {
      out += ` ${name}`;
      continue;
    }
    let text = String(value);
    if (isUrlAttribute(name)) text = safeHref(text);
    else if (/^(data-)?hx-(vals|headers)$/i.test(name) && SCRIPT_PREFIX_RE.test(text)) text = '{}';
    out += ` ${name}="${escapeHtml(text)}"`;
  }
  return safe(out);
}

/** Space-joins truthy class names: `classes('btn', primary && 'btn--primary')`. */
export function classes(...names: readonly (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue | readonly QueryValue[]>>;

/**
 * Builds `path?query#hash` with every query value encoded; null/undefined/'' values are left out,
 * arrays repeat the key. The result is a plain string: put it in href="${…}" (scheme-checked there).
 */
export function url(path: string, query: Query = {}, hash?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined || item === '') continue;
      params.append(key, String(item));
    }
  }
  const search = params.toString();
  const joined = search === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${search}`;
  return hash ? `${joined}#${encodeURIComponent(hash)}` : joined;
}

/** Tagged template for paths: each hole is one encoded segment, so `/c/${id}` cannot become `/c/../admin`. */
export function path(strings: TemplateStringsArray, ...segments: readonly (string | number)[]): string {
  let out = strings[0] ?? '';
  for (let i = 0; i < segments.length; i++) {
    const segment = String(segments[i]);
    const encoded =
      segment === '.' || segment === '..'
        ? encodeURIComponent(segment).replace(/\./g, '%2E')
        : encodeURIComponent(segment);
    out += encoded + (strings[i + 1] ?? '');
  }
  return out;
}
