// Opaque offset tokens (shared/reference/lever-api.md §1.4): the URL-encoded JSON array of the last row's
// sort key, like Lever's `%5B1491435120000%2C%22246c…%22%5D`. Keyset, not OFFSET: a token never expires and
// stays valid for hours or days (clients persist them). The first element names the sort so that a token
// from another list is rejected with Lever's "Invalid offset token" message. Clients encode tokens once or
// twice more; we accept up to two extra rounds of URL-decoding.
import { AppError, Errors } from '@hireloop/platform';
import { JsonText, utf8Body } from './json-text.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 100;

export type SortKey = readonly (string | number)[];

export function encodeOffset(sort: string, key: SortKey): string {
  return encodeURIComponent(JSON.stringify([sort, ...key]));
}

/** Decodes a token for `sort` whose key has the given element types, or throws InvalidOffsetToken (400). */
export function decodeOffset(token: string, sort: string, shape: readonly ('string' | 'number')[]): SortKey {
  let text = token.trim();
  for (let round = 0; round < 3 && text.startsWith('%'); round++) {
    try {
      text = decodeURIComponent(text);
    } catch {
      break;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed[0] !== sort || parsed.length !== shape.length + 1) throw invalid();
  const key = parsed.slice(1) as (string | number)[];
  shape.forEach((type, i) => {
    if (typeof key[i] !== type || (type === 'number' && !Number.isFinite(key[i]))) throw invalid();
  });
  return key;
}

function invalid(): AppError {
  return new AppError(Errors.InvalidOffsetToken);
}

interface PageSlice<R> {
  visible: readonly R[];
  /** The token of the next page; undefined on the last. */
  next: string | undefined;
}

/** `rows` holds up to limit + 1: one more than a page tells that there is a next one. */
function slice<R>(rows: readonly R[], limit: number, sort: string, keyOf: (row: R) => SortKey): PageSlice<R> {
  const hasNext = rows.length > limit;
  const visible = hasNext ? rows.slice(0, limit) : rows;
  const last = visible[visible.length - 1];
  return { visible, next: hasNext && last !== undefined ? encodeOffset(sort, keyOf(last)) : undefined };
}

/** Builds Lever's list envelope: `next` only when there is a next page (never null or ""). */
export function page<T, R>(
  rows: readonly R[],
  limit: number,
  sort: string,
  keyOf: (row: R) => SortKey,
  toWire: (row: R) => T,
): { data: T[]; hasNext: boolean; next?: string } {
  const { visible, next } = slice(rows, limit, sort, keyOf);
  const data = visible.map(toWire);
  return next !== undefined ? { data, hasNext: true, next } : { data, hasNext: false };
}

/**
 * The same envelope as JSON text, around items each written as JSON text pieces into `out`, sent as UTF-8
 * bytes (utf8Body: a page of 100 opportunities is ~150 KB, and building it as one string and letting Node
 * encode it cost half the list route's throughput; issue 3, P2).
 */
export function pageText<R>(
  rows: readonly R[],
  limit: number,
  sort: string,
  keyOf: (row: R) => SortKey,
  writeItem: (out: string[], row: R) => void,
): JsonText {
  const { visible, next } = slice(rows, limit, sort, keyOf);
  const out = ['{"data":['];
  visible.forEach((row, i) => {
    if (i > 0) out.push(',');
    writeItem(out, row);
  });
  out.push(next !== undefined ? `],"hasNext":true,"next":${JSON.stringify(next)}}` : '],"hasNext":false}');
  return new JsonText(utf8Body(out));
}
