/**
 * Runs `work` for every item, at most `limit` at a time, in the items' order; resolves when
 * all are done. A failing item does not stop the others: `work` handles its own errors.
 * Upgrades spend most of their time waiting on git processes and the file system, so a few
 * in flight keep both cores busy where one at a time leaves them idle.
 */
export async function forEachBounded<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker),
  );
}
