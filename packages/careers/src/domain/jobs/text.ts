// ATS HTML → plain text for the careers pages. The pages never render ATS markup (no sanitizer to trust):
// tags become line breaks or nothing, the common entities are decoded, and the HTML kit escapes the rest.
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

const decode = (s: string) =>
  s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });

export function htmlToText(html: string): string {
  return decode(html.replace(/<\s*(br|\/p|\/div|\/li|\/h\d)\b[^>]*>/gi, '\n').replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `<li>a</li><li>b</li>` → ['a', 'b']; text without <li> → its lines. */
export function listItems(html: string): string[] {
  const items = [...html.matchAll(/<li\b[^>]*>([\s\S]*?)(?=<\/li>|<li\b|$)/gi)].map((m) =>
    htmlToText(m[1] ?? ''),
  );
  const out = items.length ? items : htmlToText(html).split('\n');
  return out.map((s) => s.trim()).filter(Boolean);
}
