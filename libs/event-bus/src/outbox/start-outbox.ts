import type { EventBus } from '../event-bus.ts';
import type { EventBusLogger } from '../event-bus-logger.ts';
import type { BrokerEpoch } from './broker-epoch.ts';
import { startOutboxRelay } from './outbox-relay.ts';
import { watchBrokerResets } from './watch-broker-resets.ts';

export interface StartOutboxOptions {
  databaseUrl: string;
  schema: string;
  bus: EventBus;
  logger: EventBusLogger;
  /** The bus' epoch; without one (a durable broker, or a test) no reset watch runs. */
  epoch?: BrokerEpoch;
}

/**
 * A service's outbox at start: first the broker-reset watch (what a broker that restarted empty lost
 * is queued again ahead of anything new), then the relay. `stop()` closes them in reverse order.
 */
export async function startOutbox(options: StartOutboxOptions): Promise<{ stop(): Promise<void> }> {
  const { databaseUrl, schema, bus, logger, epoch } = options;
  const watch = epoch ? await watchBrokerResets({ databaseUrl, schema, epoch, logger }) : undefined;
  const relay = await startOutboxRelay({ databaseUrl, schema, bus, logger });
  return {
    async stop() {
      await relay.stop();
      await watch?.stop();
    },
  };
}
