import { escapeIdentifier, type Client } from 'pg';

/** One unpublished `outbox_events` row. */
export interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  key: string;
  /** The event as JSON text (`envelope::text`). */
  envelope: string;
  /** The trace context the row was written in, as JSON text (`trace_context::text`), or null. */
  trace_context: string | null;
}

/** The SQL the relay runs against `<schema>.outbox_events`, on its own session. */
export class OutboxTable {
  private readonly table: string;

  constructor(private readonly client: Client, private readonly schema: string) {
    this.table = `${escapeIdentifier(schema)}."outbox_events"`;
  }

  /** Session-level lock: one active relay per schema; released when the session ends. */
  async tryLock(): Promise<boolean> {
    const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`ciba.outbox-relay:${this.schema}`]);
    return rows[0]?.locked === true;
  }

  /**
   * Marks the rows of `published` (the batch just sent) and returns the next unpublished rows,
   * oldest first, in one statement: one round trip and one transaction per relay cycle. The
   * statement's snapshot predates its own UPDATE, so the marked rows are excluded explicitly.
   * Ordered by the numeric `seq` (qualified: the text alias would sort "10" before "9"); the
   * envelope comes as JSON text, parsed once by the relay's contract check.
   */
  async markAndFetch(published: readonly string[], limit: number): Promise<OutboxRow[]> {
    const { rows } = await this.client.query<OutboxRow>({
      name: 'ciba-outbox-mark-and-fetch',
      text: `WITH marked AS (UPDATE ${this.table} SET published_at = CURRENT_TIMESTAMP WHERE seq = ANY($1::bigint[]))
        SELECT o.seq::text AS seq, o.id::text AS id, o.topic, o.key, o.envelope::text AS envelope, o.trace_context::text AS trace_context FROM ${this.table} o
        WHERE o.published_at IS NULL AND o.seq <> ALL($1::bigint[]) ORDER BY o.seq LIMIT $2`,
      values: [published, limit],
    });
    return rows;
  }

  async markPublished(seqs: readonly string[]): Promise<void> {
    await this.client.query(`UPDATE ${this.table} SET published_at = CURRENT_TIMESTAMP WHERE seq = ANY($1::bigint[])`, [seqs]);
  }

  /** Deletes published rows older than `retentionMs`; returns how many. */
  async deletePublishedBefore(retentionMs: number): Promise<number> {
    const { rowCount } = await this.client.query(
      `DELETE FROM ${this.table} WHERE published_at IS NOT NULL AND published_at < CURRENT_TIMESTAMP - ($1::bigint * INTERVAL '1 millisecond')`,
      [retentionMs],
    );
    return rowCount ?? 0;
  }
}
