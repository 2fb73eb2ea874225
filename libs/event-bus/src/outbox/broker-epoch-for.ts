import type { Redis } from 'ioredis';
import type { BrokerEpoch } from './broker-epoch.ts';
import { constantBrokerEpoch } from './constant-broker-epoch.ts';
import { redisBrokerEpoch } from './redis-broker-epoch.ts';

export interface BrokerEpochForOptions {
  /** `KAFKA_BROKERS` as `createEventBus` gets it; Kafka is the bus when non-empty. */
  kafkaBrokers?: readonly string[];
  /** A connection to `REDIS_URL` (the Redis Streams bus' server); the caller closes it. */
  redis: Redis;
  /** The bus' namespace, as given to `createEventBus`. @defaultValue 'ciba' */
  namespace?: string;
}

/** The epoch of the bus `createEventBus` picks for the same settings: constant for Kafka, else Redis. */
export function brokerEpochFor(options: BrokerEpochForOptions): BrokerEpoch {
  const kafka = (options.kafkaBrokers ?? []).some((broker) => broker.trim() !== '');
  if (kafka) return constantBrokerEpoch();
  return redisBrokerEpoch({ redis: options.redis, ...(options.namespace ? { namespace: options.namespace } : {}) });
}
