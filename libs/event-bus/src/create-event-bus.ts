import type { EventBus } from './event-bus.ts';
import type { EventBusLogger } from './event-bus-logger.ts';
import { KafkaBus } from './kafka/kafka-bus.ts';
import { observedBus } from './observed-bus.ts';
import { RedisStreamsBus } from './redis-streams/redis-streams-bus.ts';

export interface CreateEventBusOptions {
  /** `KAFKA_BROKERS` split on commas; Kafka is used when non-empty. */
  kafkaBrokers?: readonly string[];
  /** `KAFKA_TOPIC_PREFIX`: prepended to every topic and consumer group id (Kafka only). @defaultValue '' */
  kafkaTopicPrefix?: string;
  /** `KAFKA_PARTITIONS`: partitions of the topics created when missing (Kafka only). @defaultValue 8 */
  kafkaPartitions?: number;
  /** `KAFKA_REPLICATION_FACTOR`: replication of created topics, -1 the broker's default (Kafka only). @defaultValue -1 */
  kafkaReplicationFactor?: number;
  /** `KAFKA_SESSION_TIMEOUT_MS` (Kafka only). @defaultValue 30000 */
  kafkaSessionTimeoutMs?: number;
  /** `REDIS_URL`; the Redis Streams bus when Kafka is not configured. */
  redisUrl: string;
  /** Redis key prefix (Redis Streams only). @defaultValue 'ciba' */
  namespace?: string;
  /** This process, e.g. `ciba-token`. */
  clientId: string;
  logger: EventBusLogger;
}

/** The bus of this deployment: Kafka when brokers are configured, otherwise Redis Streams; its consumers' lag is reported to `/metrics`. */
export function createEventBus(options: CreateEventBusOptions): EventBus {
  const brokers = (options.kafkaBrokers ?? []).map((broker) => broker.trim()).filter(Boolean);
  const { clientId, logger } = options;
  if (brokers.length > 0) {
    const sessionTimeout = options.kafkaSessionTimeoutMs;
    // Heartbeats a third of the session apart, at most the usual 3 s: a short session still survives a missed beat.
    const timing = sessionTimeout === undefined ? {} : { sessionTimeout, heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 3)) };
    return observedBus(new KafkaBus({
      brokers,
      clientId,
      logger,
      ...timing,
      ...(options.kafkaTopicPrefix !== undefined ? { topicPrefix: options.kafkaTopicPrefix } : {}),
      ...(options.kafkaPartitions !== undefined ? { partitions: options.kafkaPartitions } : {}),
      ...(options.kafkaReplicationFactor !== undefined ? { replicationFactor: options.kafkaReplicationFactor } : {}),
    }));
  }
  return observedBus(new RedisStreamsBus({ redisUrl: options.redisUrl, clientId, logger, ...(options.namespace ? { namespace: options.namespace } : {}) }));
}
