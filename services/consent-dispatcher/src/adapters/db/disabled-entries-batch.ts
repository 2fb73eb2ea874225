import { coalescingBatcher, type PgPool } from '@ciba/service-kit';

const DISABLED = `SELECT "sub", "entry_hash" FROM "disabled_channels" WHERE "sub" = ANY($1::text[])`;

/** PostgreSQL text cannot hold NUL: no stored `sub` has one, and asking would fail. */
const NUL = '\u0000';

/**
 * The channel entries disabled for each user, for the look-ups that arrive together (one event-loop
 * turn, or while a look-up runs) in one `= ANY($1)` statement. Nothing is cached: every answer comes
 * from a statement sent after it was asked.
 */
export function disabledEntriesBatcher(pool: PgPool): (sub: string) => Promise<Set<string>> {
  const lookup = coalescingBatcher<string, Set<string>>({
    async run(subs) {
      const { rows } = await pool.query<{ sub: string; entry_hash: string }>({ name: 'consent.disabled-entries-batch', text: DISABLED, values: [[...new Set(subs)]] });
      const bySub = new Map<string, Set<string>>();
      for (const row of rows) {
        const entries = bySub.get(row.sub) ?? new Set<string>();
        entries.add(row.entry_hash);
        bySub.set(row.sub, entries);
      }
      return subs.map((sub) => new Set(bySub.get(sub)));
    },
  });
  return async (sub) => (sub.includes(NUL) ? new Set() : lookup(sub));
}
