import { coalescingBatcher, type PgPool } from '@ciba/service-kit';

/** PostgreSQL text cannot hold NUL: a key with one fails in the database, so it is asked alone. */
const NUL = '\u0000';

/**
 * Look-ups by one text key, batched: the keys asked in one event-loop turn (and while a batch runs) go
 * as one `= ANY($1::text[])` statement, `text`, whose rows carry their key in `keyOf`. Each caller gets
 * the row of its key or null; callers asking the same key in one batch each get their own copy. Every
 * look-up is answered by a statement sent after it was asked, so nothing is older than the call.
 */
export function batchedKeyLookup<R extends object>(
  pool: PgPool,
  name: string,
  text: string,
  keyOf: (row: R) => string,
): (key: string) => Promise<R | null> {
  const select = async (keys: string[]) => (await pool.query({ name, text, values: [keys] })).rows as R[];
  const lookup = coalescingBatcher<string, R | null>({
    async run(keys) {
      const found = new Map((await select([...new Set(keys)])).map((row) => [keyOf(row), row]));
      const answered = new Set<R>();
      return keys.map((key) => {
        const row = found.get(key);
        if (!row) return null;
        if (answered.has(row)) return structuredClone(row);
        answered.add(row);
        return row;
      });
    },
  });
  return async (key) => (key.includes(NUL) ? ((await select([key]))[0] ?? null) : lookup(key));
}
