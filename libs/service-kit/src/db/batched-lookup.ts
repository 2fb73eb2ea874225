import type { PgPool } from './pg-pool.ts';
import { coalescingBatcher } from './coalescing-batcher.ts';

export interface BatchedLookupOptions<R> {
  /** Name of the prepared statement. */
  name: string;
  /** One statement for many keys: `... WHERE "key" = ANY($1::text[])`, returning the key column. */
  text: string;
  /** The key a row answers, as the caller passes it (normalise case here, e.g. for UUIDs). */
  keyOf(row: R): string;
  maxBatch?: number;
}

/** PostgreSQL text cannot hold NUL: a key with one fails in the database. */
const NUL = '\u0000';

/**
 * Look-ups by a unique key that arrive together (one event-loop turn, or while a look-up runs) go to
 * the database as one `= ANY($1)` statement: one round trip and one snapshot for all of them. Each
 * caller gets its own row, or null. Nothing is cached: every call reads the database. A key with
 * NUL (a caller's input may hold one) answers null without a statement: PostgreSQL text cannot hold
 * NUL, so no stored key equals it, and asking would fail with an encoding error (a 500 for a bad hint).
 */
export function batchedLookup<R extends object>(pool: PgPool, options: BatchedLookupOptions<R>): (key: string) => Promise<R | null> {
  const { name, text } = options;
  const lookup = coalescingBatcher<string, R | null>({
    maxBatch: options.maxBatch,
    async run(keys) {
      const { rows } = await pool.query<R>({ name, text, values: [[...new Set(keys)]] });
      const byKey = new Map(rows.map((row) => [options.keyOf(row), row]));
      return keys.map((key) => byKey.get(key) ?? null);
    },
  });
  return async (key) => (key.includes(NUL) ? null : lookup(key));
}
