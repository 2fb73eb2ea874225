import type { PgPool } from './pg-pool.ts';

/**
 * `create(pool)` made once per pool and handed out again after: a batcher or a batched look-up that
 * every caller over one pool must share, or their concurrent calls would not meet in one batch.
 * Held weakly, so an ended pool takes its own with it.
 */
export function perPool<T extends object>(create: (pool: PgPool) => T): (pool: PgPool) => T {
  const made = new WeakMap<PgPool, T>();
  return (pool) => {
    let value = made.get(pool);
    if (!value) {
      value = create(pool);
      made.set(pool, value);
    }
    return value;
  };
}
