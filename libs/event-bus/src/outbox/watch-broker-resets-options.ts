import type { EventBusLogger } from '../event-bus-logger.ts';
import type { BrokerEpoch } from './broker-epoch.ts';

export interface WatchBrokerResetsOptions {
  databaseUrl: string;
  /** The owning service's schema, holding `outbox_events` (the one its outbox relay publishes). */
  schema: string;
  /** The bus' epoch: `brokerEpochFor(...)`, `redisBrokerEpoch(...)` or `constantBrokerEpoch()`. */
  epoch: BrokerEpoch;
  logger: EventBusLogger;
  /** How often the epoch is checked, milliseconds. @defaultValue 5000 */
  intervalMs?: number;
  /**
   * Rows published this recently go out again after a reset; older ones are taken as handled. Keep
   * it at most the relay's `retentionMs` (older rows are deleted anyway). @defaultValue 86_400_000 (24 h)
   */
  windowMs?: number;
  /**
   * Pause between seeing a new epoch and replaying, so a relay batch that reached the old broker just
   * before it died has been marked published and is replayed too. @defaultValue 1000
   */
  settleMs?: number;
}

export interface BrokerResetWatch {
  /** Stops checking; waits for a check in hand (bounded: a dead connection may never answer). */
  stop(): Promise<void>;
}
