// Query-string building for Lever: arrays become repeated params (`tag=a&tag=b`, union), booleans
// `true`/`false`, undefined is dropped (reference §1.5). The pagination `offset` is special: Lever's
// `next` token is already URL-encoded, so it goes into the URL as-is — encoded once, not twice (§1.4).

export type QueryValue =
  string | number | boolean | undefined | null | readonly (string | number | boolean)[];
export type Query = Readonly<Record<string, QueryValue>>;

const SAFE_TOKEN = /^[A-Za-z0-9%._~-]+$/;

export const buildUrl = (baseUrl: string, path: string, query: Query = {}, offset?: string): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  let search = params.toString();
  if (offset !== undefined) {
    // A token already in URL-encoded form is passed verbatim; anything else is encoded exactly once.
    const encoded = SAFE_TOKEN.test(offset) ? offset : encodeURIComponent(offset);
    search = search ? `${search}&offset=${encoded}` : `offset=${encoded}`;
  }
  const base = baseUrl.replace(/\/+$/, '');
  const suffix = path.startsWith('/') ? path : `/${path}`;
  return `${base}${suffix}${search ? `?${search}` : ''}`;
};

/** `/opportunities/${id}` with the id percent-encoded, so an id can never change the path. */
export const pathOf = (strings: TemplateStringsArray, ...ids: string[]): string =>
  strings.reduce((out, s, i) => out + s + (i < ids.length ? encodeURIComponent(ids[i] ?? '') : ''), '');
