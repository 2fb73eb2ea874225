/**
 * `items` sorted by `key` (code-unit order), with `order[k]`, the index in `items` of the k-th sorted
 * item. Batches that lock rows send them in this order, so two batches wait for each other in one
 * order and cannot deadlock.
 */
export function inKeyOrder<T>(items: readonly T[], key: (item: T) => string): { sorted: T[]; order: number[] } {
  const order = items.map((_, index) => index).sort((a, b) => {
    const ka = key(items[a]!);
    const kb = key(items[b]!);
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
  return { sorted: order.map((index) => items[index]!), order };
}
