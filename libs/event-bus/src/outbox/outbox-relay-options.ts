import type { EventBus } from '../event-bus.ts';
import type { EventBusLogger } from '../event-bus-logger.ts';
import type { RetryPolicy } from '../consumer/retry-policy.ts';

export interface OutboxRelayOptions {
  databaseUrl: string;
  /** The owning service's schema, holding `outbox_events` (docs/architecture.md). */
  schema: string;
  bus: EventBus;
  logger: EventBusLogger;
  /** Rows published per round trip. @defaultValue 100 */
  batchSize?: number;
  /**
   * After a fetch of several rows but fewer than `batchSize` (a steady stream), how long the relay
   * waits before the next fetch, so the rows that follow are published (and marked) in batches: one
   * statement and one broker round trip per batch instead of per row. Bounds the delay it adds; a
   * fetch of a single row is never followed by it. 0 disables it. @defaultValue 5
   */
  lingerMs?: number;
  /** How often a standby tries to take over. @defaultValue 1000 */
  pollIntervalMs?: number;
  /**
   * The longest an idle active relay waits between looks for new rows (the wait doubles from 5 ms
   * after each empty look, and a row found resets it). Bounds the delay an event written by another
   * process waits after a quiet spell; one written in this process wakes the relay (`outboxWritten`).
   * @defaultValue 100
   */
  idlePollMs?: number;
  /** Published rows older than this are deleted. @defaultValue 86_400_000 (24 h) */
  retentionMs?: number;
  /** How often the active relay deletes old published rows. @defaultValue 3_600_000 (1 h) */
  cleanupIntervalMs?: number;
  /** Backoff after a failed publish or a lost database connection. */
  retry?: Partial<RetryPolicy>;
}

export interface OutboxRelay {
  /** Finishes and marks the batch in hand, then closes the connection (releasing the relay lock). */
  stop(): Promise<void>;
}
