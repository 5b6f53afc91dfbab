// Finds the HTML context of each hole of an `html` template, once per template (cached by the
// TemplateStringsArray, which is the same object every time a given template literal runs).
// A deliberately small tokenizer: it only has to understand our own static markup, and anything it does
// not expect becomes a TemplateError, so the failure mode is "refuse", never "emit unescaped".

/** text: element content; attr: a quoted attribute value; url: the start of a URL attribute value;
 *  json: the start of hx-vals/hx-headers; tag: attribute-list position, only attrs() allowed. */
export type HoleContext = 'text' | 'attr' | 'url' | 'json' | 'tag';

export class TemplateError extends Error {
  override name = 'TemplateError';
}

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'cite',
  'data',
  'ping',
  'background',
  'manifest',
  'codebase',
  'srcset',
  'xlink:href',
  'hx-get',
  'hx-post',
  'hx-put',
  'hx-patch',
  'hx-delete',
  'hx-push-url',
  'hx-replace-url',
]);

export function isUrlAttribute(name: string): boolean {
  return URL_ATTRIBUTES.has(name.toLowerCase().replace(/^data-(?=hx-)/, ''));
}

type State =
  | 'text'
  | 'comment'
  | 'rawtext'
  | 'tagName'
  | 'tag'
  | 'attrName'
  | 'afterAttrName'
  | 'beforeValue'
  | 'valueDq'
  | 'valueSq'
  | 'valueUnquoted';

const RAW_TEXT_TAGS = new Set(['script', 'style']);
const cache = new WeakMap<TemplateStringsArray, readonly HoleContext[]>();

export function analyzeTemplate(strings: TemplateStringsArray): readonly HoleContext[] {
  let contexts = cache.get(strings);
  if (!contexts) {
    contexts = computeContexts(strings);
    cache.set(strings, contexts);
  }
  return contexts;
}

function computeContexts(strings: readonly string[]): HoleContext[] {
  let state: State = 'text';
  let tagName = '';
  let closing = false;
  let rawTag = '';
  let attrName = '';
  let valueSoFar = '';
  let holeInValue = false;
  const contexts: HoleContext[] = [];

  const endTag = (): State => {
    if (!closing && RAW_TEXT_TAGS.has(tagName)) {
      rawTag = tagName;
      return 'rawtext';
    }
    return 'text';
  };

  for (let part = 0; part < strings.length; part++) {
    const s = strings[part] ?? '';
    for (let i = 0; i < s.length; i++) {
      const ch = s.charAt(i);
      const space = /\s/.test(ch);
      switch (state) {
        case 'text':
          if (s.startsWith('<!--', i)) {
            state = 'comment';
            i += 3;
          } else if (ch === '<' && /[a-zA-Z/]/.test(s.charAt(i + 1))) {
            closing = s.charAt(i + 1) === '/';
            if (closing) i++;
            tagName = '';
            state = 'tagName';
          }
          break;
        case 'comment':
          if (s.startsWith('-->', i)) {
            state = 'text';
            i += 2;
          }
          break;
        case 'rawtext':
          if (s.slice(i, i + 2 + rawTag.length).toLowerCase() === `</${rawTag}`) {
            closing = true;
            tagName = rawTag;
            i += 1 + rawTag.length;
            state = 'tag';
          }
          break;
        case 'tagName':
          if (space || ch === '/') state = 'tag';
          else if (ch === '>') state = endTag();
          else tagName += ch.toLowerCase();
          break;
        case 'tag':
        case 'afterAttrName':
          if (ch === '>') state = endTag();
          else if (ch === '=' && state === 'afterAttrName') state = 'beforeValue';
          else if (!space && ch !== '/') {
            attrName = ch.toLowerCase();
            state = 'attrName';
          }
          break;
        case 'attrName':
          if (ch === '=') state = 'beforeValue';
          else if (ch === '>') state = endTag();
          else if (space) state = 'afterAttrName';
          else if (ch === '/') state = 'tag';
          else attrName += ch.toLowerCase();
          break;
        case 'beforeValue':
          if (ch === '"' || ch === "'") {
            state = ch === '"' ? 'valueDq' : 'valueSq';
            valueSoFar = '';
            holeInValue = false;
          } else if (ch === '>') state = endTag();
          else if (!space) state = 'valueUnquoted';
          break;
        case 'valueDq':
        case 'valueSq':
          if (ch === (state === 'valueDq' ? '"' : "'")) state = 'tag';
          else valueSoFar += ch;
          break;
        case 'valueUnquoted':
          if (space) state = 'tag';
          else if (ch === '>') state = endTag();
          break;
      }
    }
    if (part < strings.length - 1) {
      contexts.push(contextAt());
      if (state === 'valueDq' || state === 'valueSq') holeInValue = true;
    }
  }
  return contexts;

  function contextAt(): HoleContext {
    const where = `after ${JSON.stringify(
      strings
        .slice(0, contexts.length + 1)
        .join('${…}')
        .slice(-60),
    )}`;
    switch (state) {
      case 'text':
        // `<${name}>` would let a value choose the element (e.g. "script").
        if (/<\/?$/.test(strings[contexts.length] ?? '')) {
          throw new TemplateError(`html: a value cannot be a tag name (${where})`);
        }
        return 'text';
      case 'comment':
        return 'text';
      case 'tag':
      case 'afterAttrName':
        return 'tag';
      case 'tagName':
        if (tagName !== '') return 'tag';
        throw new TemplateError(`html: a value cannot be a tag name (${where})`);
      case 'rawtext':
        throw new TemplateError(`html: no values inside <${rawTag}> — use a static asset (${where})`);
      case 'attrName':
        throw new TemplateError(`html: a value cannot be an attribute name; use attrs() (${where})`);
      case 'beforeValue':
      case 'valueUnquoted':
        throw new TemplateError(`html: quote attribute values: ${attrName}="\${…}" (${where})`);
      case 'valueDq':
      case 'valueSq':
        return attributeContext();
    }
  }

  function attributeContext(): HoleContext {
    if (/^(on|hx-on|data-hx-on)/.test(attrName) || attrName === 'style' || attrName === 'srcdoc') {
      throw new TemplateError(
        `html: no values in ${attrName}="…" (no inline script or style; CSP forbids them)`,
      );
    }
    const atStart = !/[/?#:]/.test(valueSoFar);
    if (isUrlAttribute(attrName)) {
      if (!atStart) return 'attr';
      if (holeInValue) throw new TemplateError(`html: build the whole ${attrName} with url()/path\`\` first`);
      return 'url';
    }
    if (/^(data-)?hx-(vals|headers)$/.test(attrName) && valueSoFar.trim() === '') {
      if (holeInValue)
        throw new TemplateError(`html: build the whole ${attrName} value first (JSON.stringify)`);
      return 'json';
    }
    return 'attr';
  }
}
