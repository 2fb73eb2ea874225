import type { EventBusLogger } from '../event-bus-logger.ts';
import type { EventTap } from './event-tap.ts';
import { KafkaTap } from './kafka-tap.ts';
import { RedisStreamsTap } from './redis-streams-tap.ts';

export interface CreateEventTapOptions {
  /** `KAFKA_BROKERS`; Kafka when non-empty. */
  kafkaBrokers?: readonly string[];
  /** `KAFKA_TOPIC_PREFIX` (Kafka only). */
  kafkaTopicPrefix?: string;
  /** `REDIS_URL` (Redis Streams when Kafka is not configured). */
  redisUrl: string;
  /** `REDIS_NAMESPACE` (Redis Streams only). @defaultValue 'ciba' */
  namespace?: string;
  clientId: string;
  logger: EventBusLogger;
}

/** The observer's side of the bus `createEventBus` would pick for the same settings. */
export function createEventTap(options: CreateEventTapOptions): EventTap {
  const brokers = (options.kafkaBrokers ?? []).map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length > 0) return new KafkaTap({ brokers, clientId: options.clientId, logger: options.logger, topicPrefix: options.kafkaTopicPrefix ?? '' });
  return new RedisStreamsTap({ redisUrl: options.redisUrl, clientId: options.clientId, ...(options.namespace ? { namespace: options.namespace } : {}) });
}
