// Lever list pagination with one page of look-ahead: the next page is requested while the caller stores the
// current one, so database writes never leave the rate budget idle (P5: records/s close to 10 req/s × 100).
// Stops on `hasNext: false` or a missing `next` (never loops).
import type { LeverClient, LeverList, Query } from '@hireloop/lever';

export async function* prefetchedPages<T>(
  lever: LeverClient,
  path: string,
  query: Query,
  signal?: AbortSignal,
): AsyncGenerator<T[]> {
  const fetchPage = (offset?: string) =>
    lever.request<LeverList<T>>({ method: 'GET', path, query: { limit: 100, ...query }, offset, signal });
  let pending = fetchPage();
  for (;;) {
    const page = await pending;
    const next = page.hasNext && page.next ? page.next : undefined;
    if (next) {
      pending = fetchPage(next);
      // If the consumer stops early the look-ahead must not become an unhandled rejection.
      pending.catch(() => {});
    }
    yield page.data;
    if (!next) return;
  }
}
