import { batchedLookup, type PgPool } from '@ciba/service-kit';

/** PostgreSQL text cannot hold NUL: a key with one fails in the database, so it is asked alone. */
const NUL = '\u0000';

/**
 * `batchedLookup` (one `= ANY($1::text[])` statement, `text`, per batch of keys; rows carry their key
 * in `keyOf`) for keys callers send: a key PostgreSQL refuses (NUL) goes alone through the same
 * statement and fails with the database's error, so it cannot fail a batch and make every other
 * look-up of the batch run again alone.
 */
export function batchedKeyLookup<R extends object>(
  pool: PgPool,
  name: string,
  text: string,
  keyOf: (row: R) => string,
): (key: string) => Promise<R | null> {
  const lookup = batchedLookup<R>(pool, { name, text, keyOf });
  return async (key) => {
    if (!key.includes(NUL)) return lookup(key);
    const { rows } = await pool.query({ name, text, values: [[key]] });
    return (rows[0] as R | undefined) ?? null;
  };
}
