import { escapeIdentifier, type Client } from 'pg';

/** One unpublished `outbox_events` row. */
export interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  key: string;
  envelope: unknown;
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

  /** Oldest first, by the numeric `seq` (qualified: the text alias would sort "10" before "9"). */
  async unpublished(limit: number): Promise<OutboxRow[]> {
    const { rows } = await this.client.query<OutboxRow>(
      `SELECT o.seq::text AS seq, o.id::text AS id, o.topic, o.key, o.envelope FROM ${this.table} o WHERE o.published_at IS NULL ORDER BY o.seq LIMIT $1`,
      [limit],
    );
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
