import type { BrokerEpoch } from './broker-epoch.ts';

/**
 * The epoch of a broker that never restarts empty (Kafka: its log is replicated on disk): always the
 * same, and nothing ever needs a replay.
 */
export function constantBrokerEpoch(id = 'durable'): BrokerEpoch {
  return {
    current: async () => id,
    replayed: async () => true,
    markReplayed: async () => true,
  };
}
