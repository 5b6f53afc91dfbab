// A Lever list read by several walks at once. A keyset `next` token is sequential, so one walk sends one
// request per round trip and latency, not the rate budget, sets the pace (P5: ~100 ms per page of expanded
// opportunities → < 10 req/s). Lists that filter by `created_at_start/_end` (opportunities; newest first)
// can be split instead: the walks cover disjoint createdAt ranges, each with its own cursor and an unchanged
// query (Lever tokens are only valid for the query that produced them).
//
// Nothing is known of the distribution (lists have no totals), so the split is adaptive: one walk starts
// unbounded; whenever fewer than `width` walks run, the walk with the most pages left by its own density
// (pages read ÷ createdAt span read) is halved in time — a new walk takes the older half, and the old walk ends
// when it reaches it (its last page is cut there). A walk splits only after two pages and with ≥ 8 pages
// estimated left, so a short list never splits. From an unbounded start the first halves may be empty (one
// request each, ~log2(epoch ÷ data span), < 1 % of a 100k sync) — callers use width 1 for short deltas.
import type { LeverClient, LeverList, Query } from '@hireloop/lever';

interface Walk {
  /** The query's `created_at_start` (fixed for the walk's cursor). */
  readonly start: number;
  readonly end: number | undefined;
  /** Items older than this belong to a walk split off later; raised by a split. */
  floor: number;
  /** createdAt of the newest and the oldest item seen so far (undefined before the first page). */
  top: number | undefined;
  position: number | undefined;
  pages: number;
  done: boolean;
}

/** Ranges narrower than this are not split (a page or two of them at most). */
const MIN_SPLIT_MS = 60_000;
/** A walk with fewer pages left than this (by its density) is not split: the cut page would cost too much. */
const MIN_SPLIT_PAGES = 8;

export async function* partitionedPages<T extends { createdAt: number }>(
  lever: LeverClient,
  path: string,
  query: Query,
  width: number,
  signal?: AbortSignal,
): AsyncGenerator<T[]> {
  const ready: T[][] = [];
  const walks: Walk[] = [];
  let active = 0;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let waiters: (() => void)[] = [];
  const notify = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));

  const run = async (walk: Walk) => {
    let offset: string | undefined;
    for (;;) {
      while (ready.length >= width && !stopped) await changed();
      if (stopped) return;
      const page = await lever.request<LeverList<T>>({
        method: 'GET',
        path,
        query: { limit: 100, ...query, created_at_start: walk.start || undefined, created_at_end: walk.end },
        offset,
        signal,
      });
      const items = page.data.filter((i) => i.createdAt >= walk.floor);
      walk.pages++;
      walk.top ??= page.data[0]?.createdAt;
      const last = page.data.at(-1);
      if (last) walk.position = last.createdAt;
      if (items.length) ready.push(items);
      const cut = items.length < page.data.length;
      if (cut || !page.hasNext || !page.next) return;
      offset = page.next;
      fill();
      notify();
    }
  };

  const start = (from: number, end: number | undefined) => {
    const walk: Walk = {
      start: from,
      end,
      floor: from,
      top: undefined,
      position: undefined,
      pages: 0,
      done: false,
    };
    walks.push(walk);
    active++;
    run(walk)
      .catch((error: unknown) => {
        failure ??= { error };
        stopped = true;
      })
      .finally(() => {
        walk.done = true;
        active--;
        fill();
        notify();
      });
  };

  // Pages left by the walk's own density so far (Infinity when everything read shares one millisecond).
  const pagesLeft = (w: Walk) => ((w.position! - w.floor) * w.pages) / Math.max(0, w.top! - w.position!) || 0;
  const fill = () => {
    while (!stopped && active < width) {
      let widest: Walk | undefined;
      for (const w of walks)
        if (
          !w.done &&
          w.pages >= 2 &&
          w.position! - w.floor > MIN_SPLIT_MS &&
          pagesLeft(w) >= MIN_SPLIT_PAGES
        )
          if (!widest || pagesLeft(w) > pagesLeft(widest)) widest = w;
      if (!widest) return;
      const bound = widest.floor + Math.ceil((widest.position! - widest.floor) / 2);
      const from = widest.floor;
      widest.floor = bound;
      start(from, bound - 1);
    }
  };

  start(0, undefined);
  try {
    for (;;) {
      if (failure) throw failure.error;
      const page = ready.shift();
      if (page) {
        notify();
        yield page;
        continue;
      }
      if (active === 0) return;
      await changed();
    }
  } finally {
    stopped = true;
    notify();
  }
}
