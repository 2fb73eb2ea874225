import type { PgPool } from '@ciba/service-kit';

/** The outbox part of a backlog sample. */
export interface OutboxBacklog {
  unpublished: number;
  /** Seconds the oldest unpublished row has waited (0: none), on the database's clock. */
  oldestAgeS: number;
  /** The outbox sequence's last value: every replica's intake so far (deletions do not lower it). */
  head: number;
}

/** Rows counted at most: past this the backlog is far beyond any bound, and the count stays cheap. */
const COUNT_CAP = 1_000_000;

const QUERY = `SELECT
  (SELECT count(*) FROM (SELECT 1 FROM "outbox_events" WHERE "published_at" IS NULL LIMIT ${COUNT_CAP}) u)::int AS unpublished,
  COALESCE(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - (SELECT "created_at" FROM "outbox_events" WHERE "published_at" IS NULL ORDER BY "seq" LIMIT 1)), 0)::float8 AS oldest_age_s,
  (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "outbox_events_seq_seq")::text AS head`;

/**
 * Reads the outbox backlog in one statement, from the partial index on unpublished rows (the oldest
 * by `seq`) and the table's sequence: cheap enough to run a few times a second per process.
 */
export function pgOutboxBacklog(pool: PgPool): () => Promise<OutboxBacklog> {
  return async () => {
    const { rows } = await pool.query<{ unpublished: number; oldest_age_s: number; head: string }>({ name: 'ciba-outbox-backlog', text: QUERY });
    const row = rows[0]!;
    return { unpublished: row.unpublished, oldestAgeS: Math.max(0, row.oldest_age_s), head: Number(row.head) };
  };
}
