// Coalesces calls made in the same tick into one batch. pg-boss hands a worker `concurrency` jobs at once
// and the platform queue runs their handlers side by side (queue.ts), so every handler of one fetch lands
// in one batch: one transaction and one round of HTTP for all of them instead of one per job. Each
// caller's promise settles with its batch, so a failed batch fails (and retries) all its jobs.
export function createMicroBatch<T>(run: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let waiting: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = waiting;
    waiting = [];
    run(batch.map((b) => b.item)).then(
      () => batch.forEach((b) => b.resolve()),
      (e: unknown) => batch.forEach((b) => b.reject(e)),
    );
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({ item, resolve, reject });
    });
}
