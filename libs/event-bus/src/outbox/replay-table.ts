import { escapeIdentifier, type ClientBase } from 'pg';

/** The SQL of a replay after a broker reset, against `<schema>.outbox_events`, on one session. */
export class ReplayTable {
  private readonly table: string;

  constructor(private readonly client: ClientBase, private readonly schema: string) {
    this.table = `${escapeIdentifier(schema)}."outbox_events"`;
  }

  /** Session-level lock: one replica replays a schema at a time; released by `unlock` or when the session ends. */
  async tryLock(): Promise<boolean> {
    const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.lockName()]);
    return rows[0]?.locked === true;
  }

  async unlock(): Promise<void> {
    await this.client.query('SELECT pg_advisory_unlock(hashtext($1))', [this.lockName()]);
  }

  /** Whether any row was published within the last `windowMs`. */
  async hasPublishedWithin(windowMs: number): Promise<boolean> {
    const { rows } = await this.client.query(
      `SELECT 1 FROM ${this.table} WHERE published_at >= CURRENT_TIMESTAMP - ($1::bigint * INTERVAL '1 millisecond') LIMIT 1`,
      [windowMs],
    );
    return rows.length > 0;
  }

  /**
   * Marks every row published within the last `windowMs` unpublished again; the relay's next look
   * (it polls, at most `idlePollMs` apart) sends them again in `seq` order. Returns how many.
   */
  async republishWithin(windowMs: number): Promise<number> {
    const { rowCount } = await this.client.query(
      `UPDATE ${this.table} SET published_at = NULL WHERE published_at >= CURRENT_TIMESTAMP - ($1::bigint * INTERVAL '1 millisecond')`,
      [windowMs],
    );
    return rowCount ?? 0;
  }

  private lockName(): string {
    return `ciba.outbox-replay:${this.schema}`;
  }
}
