// Lever list pagination (reference §1.4): send `limit`, follow `next` as `offset` until `hasNext` is false.
// Both stop conditions are honoured: a page saying `hasNext: true` without `next` ends the walk rather
// than looping forever.
import type { LeverList } from '../wire/index.ts';
import type { Query } from './query.ts';
import type { Transport } from './transport.ts';

export interface PageRequest {
  path: string;
  query?: Query;
  /** Resume from a stored token (tokens are long-lived keyset cursors). */
  offset?: string;
  signal?: AbortSignal;
}

/** One page; pass its `next` back as `offset` to continue. */
export const fetchPage = <T>(transport: Transport, req: PageRequest): Promise<LeverList<T>> =>
  transport.json<LeverList<T>>({
    method: 'GET',
    path: req.path,
    query: { limit: 100, ...req.query },
    offset: req.offset,
    signal: req.signal,
  });

/** Every page, lazily. */
export async function* paginatePages<T>(
  transport: Transport,
  req: PageRequest,
): AsyncGenerator<LeverList<T>> {
  let offset = req.offset;
  for (;;) {
    const page = await fetchPage<T>(transport, { ...req, offset });
    yield page;
    if (!page.hasNext || !page.next) return;
    offset = page.next;
  }
}

/** Every item of every page, lazily: `for await (const o of paginate(t, {path: '/opportunities'}))`. */
export async function* paginate<T>(transport: Transport, req: PageRequest): AsyncGenerator<T> {
  for await (const page of paginatePages<T>(transport, req)) yield* page.data;
}

/** Drain an async iterable into an array (for small lists such as stages). */
export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};
